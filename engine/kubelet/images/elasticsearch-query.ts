/**
 * The part of the Elasticsearch query DSL a log lab uses: match_all, match, term, query_string
 * (also as `?q=`), bool, with size/from and sort by a field (`@timestamp`). Text fields are
 * analysed as the standard analyzer does (lower-cased words), `field.keyword` is the exact value,
 * and `term` compares unanalysed, so `term {"kubernetes.pod_name": "Counter"}` finds nothing.
 */

/** A query as parsed from a request body or `?q=`. */
export type Query =
  | { kind: 'match_all' }
  | { kind: 'match'; field: string; text: string; and: boolean }
  | { kind: 'term'; field: string; value: unknown }
  | { kind: 'prefix'; field: string; value: string }
  | { kind: 'bool'; must: Query[]; should: Query[]; mustNot: Query[] };

/** A parse failure ES reports as `parsing_exception` (400). */
export class QueryError extends Error {}

/** The standard analyzer, near enough: lower-cased runs of letters and digits. */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/** The values at a dotted path; `.keyword` selects the exact string. */
function valuesAt(source: unknown, field: string): { values: unknown[]; keyword: boolean } {
  const keyword = field.endsWith('.keyword');
  const path = keyword ? field.slice(0, -'.keyword'.length) : field;
  const parts = path.split('.');
  let current: unknown[] = [source];
  // Keys may hold dots themselves (labels such as `app.kubernetes.io/name`): try the longest key first.
  for (let i = 0; i < parts.length;) {
    let advanced = false;
    for (let j = parts.length; j > i && !advanced; j--) {
      const key = parts.slice(i, j).join('.');
      const next = current.flatMap((v) => (v && typeof v === 'object' && key in (v as object) ? [(v as Record<string, unknown>)[key]] : []));
      if (next.length) {
        current = next.flatMap((v) => (Array.isArray(v) ? v : [v]));
        i = j;
        advanced = true;
      }
    }
    if (!advanced) return { values: [], keyword };
  }
  return { values: current, keyword };
}

/** Every leaf string or number of a document (a query without a field searches them all). */
function leaves(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [value];
}

function fieldValues(source: Record<string, unknown>, field: string): { values: unknown[]; keyword: boolean } {
  return field === '*' ? { values: leaves(source), keyword: false } : valuesAt(source, field);
}

/** Whether a document matches a query. */
export function matches(query: Query, source: Record<string, unknown>): boolean {
  switch (query.kind) {
    case 'match_all': return true;
    case 'match': {
      const { values, keyword } = fieldValues(source, query.field);
      if (keyword) return values.some((v) => String(v) === query.text);
      const have = new Set(values.flatMap((v) => tokens(String(v))));
      const want = tokens(query.text);
      return want.length > 0 && (query.and ? want.every((t) => have.has(t)) : want.some((t) => have.has(t)));
    }
    case 'term': {
      const { values, keyword } = fieldValues(source, query.field);
      if (keyword || typeof query.value !== 'string') return values.some((v) => v === query.value || String(v) === String(query.value));
      return values.some((v) => tokens(String(v)).includes(query.value as string));
    }
    case 'prefix': {
      const { values, keyword } = fieldValues(source, query.field);
      if (keyword) return values.some((v) => String(v).startsWith(query.value));
      return values.some((v) => tokens(String(v)).some((t) => t.startsWith(query.value.toLowerCase())));
    }
    case 'bool':
      return query.must.every((q) => matches(q, source)) && !query.mustNot.some((q) => matches(q, source))
        && (query.should.length === 0 || query.must.length > 0 || query.should.some((q) => matches(q, source)));
  }
}

function single(body: Record<string, unknown>, name: string): [string, unknown] {
  const entries = Object.entries(body);
  if (entries.length !== 1) throw new QueryError(`[${name}] query doesn't support multiple fields, found [${entries.map(([k]) => k).join('] and [')}]`);
  return entries[0];
}

/** Parse the `query` of a request body. */
export function parseQuery(body: unknown): Query {
  if (body === undefined) return { kind: 'match_all' };
  if (!body || typeof body !== 'object') throw new QueryError('query malformed, no start_object after query name');
  const [name, spec] = Object.entries(body)[0] ?? [];
  const object = (spec ?? {}) as Record<string, unknown>;
  switch (name) {
    case 'match_all': return { kind: 'match_all' };
    case 'match': case 'match_phrase': {
      const [field, value] = single(object, name);
      const options = value && typeof value === 'object' ? (value as Record<string, unknown>) : { query: value };
      return { kind: 'match', field, text: String(options.query), and: name === 'match_phrase' || String(options.operator ?? 'or').toLowerCase() === 'and' };
    }
    case 'term': {
      const [field, value] = single(object, name);
      return { kind: 'term', field, value: value && typeof value === 'object' ? (value as Record<string, unknown>).value : value };
    }
    case 'query_string': case 'simple_query_string':
      return parseQueryString(String(object.query ?? ''), String(object.default_field ?? '*'));
    case 'bool': {
      const list = (v: unknown): Query[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(parseQuery));
      return { kind: 'bool', must: [...list(object.must), ...list(object.filter)], should: list(object.should), mustNot: list(object.must_not) };
    }
    default: throw new QueryError(`unknown query [${name}]`);
  }
}

/**
 * Lucene query syntax as `q=` takes it: `field:value`, `"a phrase"`, `value*`, `AND`/`OR`/`NOT`,
 * a leading `-` or `+`. Terms are OR-ed (default_operator) unless AND joins them.
 */
export function parseQueryString(text: string, defaultField = '*'): Query {
  const parts = text.match(/[+-]?(?:[^\s:"]+:)?(?:"[^"]*"|\S+)/g) ?? [];
  if (!parts.length || text.trim() === '*') return { kind: 'match_all' };
  const must: Query[] = [];
  const should: Query[] = [];
  const mustNot: Query[] = [];
  let pendingAnd = false;
  let pendingNot = false;
  for (const raw of parts) {
    if (raw === 'AND' || raw === '&&') { pendingAnd = true; continue; }
    if (raw === 'OR' || raw === '||') continue;
    if (raw === 'NOT' || raw === '!') { pendingNot = true; continue; }
    const sign = raw[0] === '+' || raw[0] === '-' ? raw[0] : '';
    const term = sign ? raw.slice(1) : raw;
    const colon = /^([^\s:"]+):(.*)$/.exec(term);
    const field = colon ? colon[1] : defaultField;
    const value = (colon ? colon[2] : term).replace(/^"(.*)"$/, '$1');
    const query: Query = value === '*' ? { kind: 'match_all' }
      : value.endsWith('*') ? { kind: 'prefix', field, value: value.slice(0, -1) }
        : { kind: 'match', field, text: value, and: true };
    if (sign === '-' || pendingNot) mustNot.push(query);
    else if (sign === '+' || pendingAnd) {
      // `a AND b`: the term before AND becomes required too.
      if (pendingAnd && should.length) must.push(should.pop()!);
      must.push(query);
    } else should.push(query);
    pendingAnd = false;
    pendingNot = false;
  }
  if (!must.length && !mustNot.length && should.length === 1) return should[0];
  return { kind: 'bool', must, should, mustNot };
}

/** One sort key: a field and its order (`@timestamp:desc`, `{"@timestamp":{"order":"desc"}}`). */
export interface SortKey {
  field: string;
  order: 'asc' | 'desc';
}

/** Parse `sort` from a body (string, object or array of them) or from `?sort=a:desc,b`. */
export function parseSort(sort: unknown): SortKey[] {
  if (sort === undefined) return [];
  if (typeof sort === 'string') {
    return sort.split(',').filter(Boolean).map((s) => {
      const [field, order] = s.split(':');
      return { field, order: order === 'desc' ? 'desc' : 'asc' };
    });
  }
  if (Array.isArray(sort)) return sort.flatMap(parseSort);
  if (sort && typeof sort === 'object') {
    return Object.entries(sort).map(([field, spec]) => {
      const order = typeof spec === 'string' ? spec : (spec as { order?: string } | undefined)?.order;
      return { field, order: order === 'desc' ? 'desc' : 'asc' };
    });
  }
  return [];
}

/** The value a sort compares (dates as epoch milliseconds, as the `sort` array of a hit shows). */
export function sortValue(source: Record<string, unknown>, field: string): number | string | undefined {
  const value = valuesAt(source, field).values[0];
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const time = /^\d{4}-\d\d-\d\dT/.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? value : time;
}
