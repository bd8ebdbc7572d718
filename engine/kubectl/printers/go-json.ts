/**
 * JSON as kubectl's `-o json` prints it: Go's json.MarshalIndent with four spaces over unstructured
 * maps, so keys are sorted byte-wise, `<`, `>`, `&`, U+2028 and U+2029 are escaped as `\u003c`…,
 * and floats use Go's shortest form (`1e-07`, `1e+21`). Also Go's `fmt.Sprint` of such values,
 * which custom-columns cells use (`map[a:1]`, `[x y]`).
 */

const goEscapes: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** A JSON string literal with Go's HTML-safe escaping. */
export function goQuote(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (c) => goEscapes[c]);
}

/** A number as Go's encoding/json writes a float64 (integers stay integers). */
export function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go writes two-digit exponents: 1e-07, not 1e-7.
    return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2').replace('e+', 'e+');
  }
  return String(n);
}

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * json.MarshalIndent(value, "", "    ") followed by a newline, as kubectl's JSON printer writes it.
 * `keepOrder` writes keys in the order given, for a typed object whose keys are already in Go
 * struct order (see canonicalize); unstructured maps are written with sorted keys.
 */
export function marshalIndent(value: unknown, indent = '    ', keepOrder = false): string {
  const write = (v: unknown, prefix: string): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return goQuote(v);
    if (typeof v === 'number') return goNumber(v);
    if (typeof v === 'boolean') return String(v);
    const inner = prefix + indent;
    if (Array.isArray(v)) {
      if (!v.length) return '[]';
      return `[\n${v.map((item) => inner + write(item, inner)).join(',\n')}\n${prefix}]`;
    }
    const keys = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
    if (!keepOrder) keys.sort(byteOrder);
    if (!keys.length) return '{}';
    return `{\n${keys.map((k) => `${inner}${goQuote(k)}: ${write((v as Record<string, unknown>)[k], inner)}`).join(',\n')}\n${prefix}}`;
  };
  return `${write(value, '')}\n`;
}

/** Go's fmt.Sprint of a value decoded from JSON into interface{}. */
export function goSprint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => byteOrder(a, b));
  return `map[${entries.map(([k, v]) => `${k}:${goSprint(v)}`).join(' ')}]`;
}
