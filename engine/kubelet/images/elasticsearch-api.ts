/**
 * Elasticsearch's document APIs over an IndexStore: `_bulk`, `index/_doc`, `_search`, `_count`,
 * and index create/get/delete, answering with the JSON shapes of the running version (6.x has
 * `_type` and a numeric `hits.total`; 7.x has `_type: _doc` and `{value, relation}`; 8.x drops
 * `_type`). Missing indices auto-create on write, with the version's default shard counts.
 */
import { esError, JavaDouble } from './elasticsearch-format.ts';
import type { Query, SortKey } from './elasticsearch-query.ts';
import { matches, parseQuery, parseQueryString, parseSort, QueryError, sortValue } from './elasticsearch-query.ts';
import type { IndexStore } from './elasticsearch-store.ts';

/** What the document APIs need to know of the node. */
export interface EsNode {
  store: IndexStore;
  /** The major version: 6, 7 or 8. */
  major: number;
  now: number;
  /** Lines for the node's log (index creation), appended by the caller. */
  log: string[];
}

/** A JSON answer: status and body object. */
export interface EsAnswer {
  status: number;
  body: unknown;
}

/** The `_shards` header of a read over `n` indices (one shard each is enough for the lab). */
const shardsHeader = (n: number): Record<string, number> => ({ total: Math.max(n, 1), successful: Math.max(n, 1), skipped: 0, failed: 0 });

/** Default settings of a new index: ES 6 made 5 primaries, ES 7+ make 1; one replica each. */
function defaultSettings(major: number): { shards: number; replicas: number } {
  return { shards: major >= 7 ? 1 : 5, replicas: 1 };
}

/** Index names ES accepts: lower case, no `\ / * ? " < > | , #` or space, not starting with `_ - +`. */
export function invalidIndexName(name: string): string | undefined {
  if (name !== name.toLowerCase()) return 'must be lowercase';
  if (/^[_\-+]/.test(name)) return 'must not start with \'_\', \'-\', or \'+\'';
  if (/[\\/*?"<>| ,#:]/.test(name)) return 'must not contain the following characters [ , ", *, \\, <, |, ,, >, /, ?]';
  return undefined;
}

/** Create an index if missing, logging it as MetadataCreateIndexService does. */
export function ensureIndex(node: EsNode, index: string, cause: string, settings = defaultSettings(node.major)): boolean {
  if (!node.store.create(index, settings, node.now)) return false;
  node.log.push(`[${index}] creating index, cause [${cause}], templates [], shards [${settings.shards}]/[${settings.replicas}]`);
  return true;
}

/** The names an index expression selects: `a,b`, `logstash-*`, `_all`, `*`. Missing concrete names are reported. */
export function resolveIndices(node: EsNode, expression: string | undefined): { names: string[] } | { missing: string } {
  const all = Object.keys(node.store.indices()).sort();
  if (!expression || expression === '_all' || expression === '*') return { names: all };
  const names = new Set<string>();
  for (const part of expression.split(',')) {
    if (part.includes('*')) {
      const pattern = new RegExp(`^${part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      for (const name of all) if (pattern.test(name)) names.add(name);
    } else if (all.includes(part)) names.add(part);
    else return { missing: part };
  }
  return { names: [...names] };
}

/** `index_not_found_exception`, 404. */
export function indexNotFound(index: string): EsAnswer {
  return esError(404, 'index_not_found_exception', `no such index [${index}]`, { 'resource.type': 'index_or_alias', 'resource.id': index, index_uuid: '_na_', index });
}

function writeResult(node: EsNode, index: string, type: string, r: { _id: string; _seq_no: number; created: boolean; version: number }): Record<string, unknown> {
  return {
    _index: index, ...(node.major < 8 ? { _type: type } : {}), _id: r._id, _version: r.version, result: r.created ? 'created' : 'updated',
    _shards: { total: 2, successful: 1, failed: 0 }, _seq_no: r._seq_no, _primary_term: 1,
  };
}

/** `POST /_bulk`: NDJSON action and source lines; `index` and `create` actions are supported. */
export function bulk(node: EsNode, body: string, defaultIndex?: string): EsAnswer {
  const lines = body.split('\n').filter((l) => l.trim());
  const items: Record<string, unknown>[] = [];
  const batches = new Map<string, { action: string; type: string; at: number; doc: { _id?: string; _type?: string; _source: Record<string, unknown> } }[]>();
  for (let i = 0; i < lines.length; i++) {
    let action: Record<string, Record<string, unknown>>;
    try {
      action = JSON.parse(lines[i]) as Record<string, Record<string, unknown>>;
    } catch {
      return esError(400, 'illegal_argument_exception', `Malformed action/metadata line [${i + 1}], expected START_OBJECT or END_OBJECT but found [VALUE_STRING]`);
    }
    const [name, meta] = Object.entries(action)[0] ?? [];
    if (name !== 'index' && name !== 'create') return esError(400, 'illegal_argument_exception', `Malformed action/metadata line [${i + 1}], expected field [create], [delete], [index] or [update] but found [${name}]`);
    // Types are gone in 8.x: a `_type` (Fluent Bit's es output without Suppress_Type_Name) fails the whole request.
    if (node.major >= 8 && meta && '_type' in meta) return esError(400, 'illegal_argument_exception', `Action/metadata line [${i + 1}] contains an unknown parameter [_type]`);
    const index = String(meta?._index ?? defaultIndex ?? '');
    const source = lines[++i];
    if (source === undefined) return esError(400, 'action_request_validation_exception', 'Validation Failed: 1: no requests added;');
    const parsed = JSON.parse(source) as Record<string, unknown>;
    const entry = { action: name, type: String(meta?._type ?? '_doc'), at: items.length, doc: { _id: meta?._id === undefined ? undefined : String(meta._id), _type: meta?._type === undefined ? undefined : String(meta._type), _source: parsed } };
    items.push({});
    batches.set(index, [...(batches.get(index) ?? []), entry]);
  }
  for (const [index, entries] of batches) {
    ensureIndex(node, index, 'auto(bulk api)');
    const results = node.store.put(index, entries.map((e) => e.doc));
    entries.forEach((e, k) => {
      items[e.at] = { [e.action]: { ...writeResult(node, index, e.type, results[k]), status: results[k].created ? 201 : 200 } };
    });
  }
  return { status: 200, body: { took: 1 + Math.floor(lines.length / 200), errors: false, items } };
}

/** `PUT|POST /index/_doc[/id]`. */
export function indexDoc(node: EsNode, index: string, type: string, id: string | undefined, body: string): EsAnswer {
  let source: Record<string, unknown>;
  try {
    source = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return esError(400, 'mapper_parsing_exception', 'failed to parse');
  }
  ensureIndex(node, index, 'auto(index api)');
  const [result] = node.store.put(index, [{ _id: id, _type: type, _source: source }]);
  return { status: result.created ? 201 : 200, body: writeResult(node, index, type, result) };
}

/** `GET /index/_doc/id`. */
export function getDoc(node: EsNode, index: string, type: string, id: string): EsAnswer {
  if (!node.store.indices()[index]) return indexNotFound(index);
  const doc = node.store.docs(index).find((d) => d._id === id);
  const head = { _index: index, ...(node.major < 8 ? { _type: type } : {}), _id: id };
  if (!doc) return { status: 404, body: { ...head, found: false } };
  return { status: 200, body: { ...head, _version: 1, _seq_no: doc._seq_no, _primary_term: 1, found: true, _source: doc._source } };
}

/** A search request: from the body (JSON) and the query string (`q`, `size`, `from`, `sort`). */
export interface SearchRequest {
  query: Query;
  size: number;
  from: number;
  sort: SortKey[];
}

/** Parse a search request; a QueryError becomes ES's 400 parsing_exception. */
export function searchRequest(params: URLSearchParams, body: string): SearchRequest | EsAnswer {
  try {
    const json = body.trim() ? (JSON.parse(body) as Record<string, unknown>) : {};
    const q = params.get('q');
    const query = q !== null ? parseQueryString(q, params.get('df') ?? '*') : parseQuery(json.query);
    const size = Number(params.get('size') ?? json.size ?? 10);
    const from = Number(params.get('from') ?? json.from ?? 0);
    return { query, size, from, sort: parseSort(params.get('sort') ?? json.sort) };
  } catch (error) {
    const reason = error instanceof QueryError ? error.message : 'Unexpected character in request body';
    return esError(400, 'parsing_exception', reason, { line: 1, col: 1 });
  }
}

/** `_search` over the selected indices. */
export function search(node: EsNode, names: string[], request: SearchRequest): EsAnswer {
  const hits = names.flatMap((index) => node.store.docs(index).filter((d) => matches(request.query, d._source)).map((d) => ({ index, doc: d })));
  const sorted = request.sort.length ? [...hits].sort((a, b) => compare(a.doc._source, b.doc._source, request.sort)) : hits;
  const page = sorted.slice(request.from, request.from + request.size);
  const sorting = request.sort.length > 0;
  const score = sorting || !page.length ? null : new JavaDouble(1);
  const total = node.major >= 7 ? { value: Math.min(hits.length, 10_000), relation: hits.length > 10_000 ? 'gte' : 'eq' } : hits.length;
  return {
    status: 200,
    body: {
      took: 1 + Math.floor(hits.length / 1000), timed_out: false, _shards: shardsHeader(names.length),
      hits: {
        total, max_score: sorting ? null : hits.length ? new JavaDouble(1) : null,
        hits: page.map(({ index, doc }) => ({
          _index: index, ...(node.major < 8 ? { _type: doc._type ?? '_doc' } : {}), _id: doc._id, _score: score,
          _source: doc._source, ...(sorting ? { sort: request.sort.map((k) => sortValue(doc._source, k.field) ?? null) } : {}),
        })),
      },
    },
  };
}

function compare(a: Record<string, unknown>, b: Record<string, unknown>, keys: SortKey[]): number {
  for (const key of keys) {
    const x = sortValue(a, key.field);
    const y = sortValue(b, key.field);
    if (x === y) continue;
    // Documents without the field sort last whatever the order (ES's `missing: _last`).
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    const order = x < y ? -1 : 1;
    return key.order === 'desc' ? -order : order;
  }
  return 0;
}

/** `_count`. */
export function count(node: EsNode, names: string[], query: Query): EsAnswer {
  const n = names.reduce((sum, index) => sum + node.store.docs(index).filter((d) => matches(query, d._source)).length, 0);
  return { status: 200, body: { count: n, _shards: shardsHeader(names.length) } };
}
