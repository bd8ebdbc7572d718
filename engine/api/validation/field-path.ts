/**
 * `field.Path` as strings: `child('spec', 'containers')` → `spec.containers`, `index(p, 0)` →
 * `p[0]`, `key(p, 'cpu')` → `p[cpu]`. apimachinery prints a root path with an empty name as `[]`,
 * which is why a too-large ConfigMap reports `[]: Too long: …`.
 */

/** `fldPath.Child(a, b, …)`. */
export function child(path: string, ...names: string[]): string {
  return names.reduce((p, name) => (p ? `${p}.${name}` : name), path);
}

/** `fldPath.Index(i)`. */
export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** `fldPath.Key(k)`. */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

/** `field.NewPath("")`: the whole object. */
export const rootPath = '[]';

/** A loosely typed JSON object as it came from YAML. */
export type Loose = Record<string, unknown>;

/** The value as an object, or undefined when it is not a plain object. */
export function asObject(value: unknown): Loose | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : undefined;
}

/** The value as an array of objects (non-objects become `{}` so indices stay aligned). */
export function asObjects(value: unknown): Loose[] {
  return Array.isArray(value) ? value.map((v) => asObject(v) ?? {}) : [];
}

/** The value as a string, `''` when absent (Go's zero value). */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The value as a number, `0` when absent (Go's zero value). */
export function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

/** The value as a string map (labels, selectors, data). */
export function strMap(value: unknown): Record<string, string> {
  const o = asObject(value);
  if (!o) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) out[k] = typeof v === 'string' ? v : String(v);
  return out;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as object).length === 0;
}

/**
 * `apiequality.Semantic.DeepEqual` for JSON values: key order does not matter, and an absent,
 * empty list and empty map are all equal (Go's nil and empty slices and maps).
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b) && typeof a !== 'string' && typeof b !== 'string') return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ao = a as Loose;
  const bo = b as Loose;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  return [...keys].every((k) => deepEqual(ao[k], bo[k]));
}
