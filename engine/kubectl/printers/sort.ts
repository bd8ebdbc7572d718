/**
 * `--sort-by`: kubectl sorts on the client by a JSONPath field of each object (the rows' full
 * objects for tables, fetched with `includeObject=Object`), numbers by value and strings in
 * natural order (`pod-2` before `pod-10`), keeping the server order for ties.
 */
import { KubectlError } from '../client/api-client.ts';
import { Executor } from '../jsonpath/execute.ts';
import { parseTemplate } from '../jsonpath/parser.ts';
import { relaxedJsonPathExpression } from '../jsonpath/index.ts';
import { GoFloat } from '../jsonpath/values.ts';
import { goSprint } from './go-json.ts';

/** sortorder.NaturalLess: runs of digits compare as numbers, everything else byte-wise. */
export function naturalLess(a: string, b: string): boolean {
  const chunks = (s: string): string[] => s.match(/\d+|\D+/g) ?? [];
  const x = chunks(a);
  const y = chunks(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const digits = /^\d/.test(x[i]) && /^\d/.test(y[i]);
    if (digits) {
      const nx = BigInt(x[i]);
      const ny = BigInt(y[i]);
      if (nx !== ny) return nx < ny;
      return x[i].length < y[i].length;
    }
    return x[i] < y[i];
  }
  return x.length < y.length;
}

function compare(a: unknown, b: unknown): number {
  const number = (v: unknown): number | undefined => (typeof v === 'number' ? v : v instanceof GoFloat ? v.value : undefined);
  const na = number(a);
  const nb = number(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  const sa = typeof a === 'string' ? a : goSprint(a);
  const sb = typeof b === 'string' ? b : goSprint(b);
  return naturalLess(sa, sb) ? -1 : naturalLess(sb, sa) ? 1 : 0;
}

/**
 * Go's sort.Sort for the short lists learners sort: insertion sort below 13 elements (pdqsort's
 * small case), so ties and missing fields end up where kubectl puts them. Longer lists fall back
 * to a stable merge with the same Less (pdqsort's exact order for those is not reproduced).
 */
function goSort<T>(items: T[], less: (a: T, b: T) => boolean): void {
  if (items.length <= 12) {
    for (let i = 1; i < items.length; i++) {
      for (let j = i; j > 0 && less(items[j], items[j - 1]); j--) [items[j], items[j - 1]] = [items[j - 1], items[j]];
    }
    return;
  }
  const sorted = [...items].sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  items.splice(0, items.length, ...sorted);
}

/**
 * Sort `items` by the field `sortBy` of `objectOf(item)`. `strict` is kubectl's SortObjects (lists
 * of objects): a field that is not a relaxed JSONPath (`{.a.b`) is an error. Otherwise, as its
 * TableSorter does for table rows, such a field is parsed as it stands.
 */
export function sortByField<T>(items: T[], sortBy: string, objectOf: (item: T) => unknown, strict = false): T[] {
  const relaxed = relaxedJsonPathExpression(sortBy);
  if (!relaxed.ok && strict) throw KubectlError.client(relaxed.error);
  const template = relaxed.ok ? relaxed.template : sortBy;
  let executor: Executor;
  try {
    executor = new Executor(parseTemplate(template), true);
  } catch (error) {
    throw KubectlError.client(error instanceof Error ? error.message : String(error));
  }
  const keyed = items.map((item) => {
    const results = executor.findResults(JSON.parse(JSON.stringify(objectOf(item) ?? null)));
    const found = results.length > 0 && results[0].length > 0;
    return { item, value: found ? results[0][0] : undefined, found };
  });
  if (keyed.length > 0 && !keyed.some((k) => k.found)) {
    throw KubectlError.client(`couldn't find any field with path "${template}" in the list of objects`);
  }
  // kubectl's Less: an object without the field is less than anything, even another without it.
  const less = (a: (typeof keyed)[number], b: (typeof keyed)[number]): boolean => {
    if (!a.found) return true;
    if (!b.found) return false;
    return compare(a.value, b.value) < 0;
  };
  goSort(keyed, less);
  return keyed.map((k) => k.item);
}
