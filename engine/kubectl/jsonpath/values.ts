/**
 * Go values as the JSONPath engine sees them. kubectl evaluates over unstructured JSON, where a
 * whole number is an int64, any other number a float64, `null` a nil interface{}. Template literals
 * add Go `int`, `float64` and `bool`, and a wildcard over a string yields its bytes (uint8). The
 * formatting helpers print these values as Go's fmt and encoding/json do.
 */

/** reflect's zero Value: what `{@}` is inside a range over a `null` element. Prints `<no value>`. */
export const invalid: unique symbol = Symbol('invalid');

/** A float64 literal from the template (`2.0` must stay a float even though it is whole). */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** A uint8: one byte of a string visited by a wildcard. */
export class GoByte {
  constructor(readonly value: number) {}
}

/** Any value the engine passes around. */
export type GoValue = unknown;

/** A JSON object (Go map[string]interface{}). */
export function isMap(value: GoValue): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof GoFloat) && !(value instanceof GoByte);
}

/** Map keys in the order kubectl users see most often: Go's map order is random, sorted is stable. */
export function sortedKeys(map: Record<string, unknown>): string[] {
  return Object.keys(map).filter((key) => map[key] !== undefined).sort();
}

/** Go's reflect type name of a value, as error messages print it. */
export function goTypeName(value: GoValue): string {
  if (value === invalid) return '<invalid reflect.Value>';
  if (value === null) return 'interface {}';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (value instanceof GoFloat) return 'float64';
  if (value instanceof GoByte) return 'uint8';
  if (Array.isArray(value)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** Go's `%v` of a float64: shortest `%g`, in exponent form below 1e-4 and from 1e6 (`1e+06`, `1e-05`). */
export function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const exponent = Number(value.toExponential().split('e')[1]);
  if (exponent < -4 || exponent >= 6) {
    const [mantissa, power] = value.toExponential().split('e');
    const sign = power.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${power.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return String(value);
}

/** Go's fmt `%v` (also fmt.Sprint and fmt.Fprint) of a value. */
export function goSprint(value: GoValue): string {
  if (value === invalid) return '<invalid reflect.Value>';
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatGoFloat(value);
  if (value instanceof GoFloat) return formatGoFloat(value.value);
  if (value instanceof GoByte) return String(value.value);
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
  const map = value as Record<string, unknown>;
  return `map[${sortedKeys(map).map((key) => `${key}:${goSprint(map[key])}`).join(' ')}]`;
}

/** Go's `%#v` of unstructured content: `map[string]interface {}{"a":"b", "n":1}`. */
export function goSharpV(value: GoValue): string {
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return goQuote(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSharpV).join(', ')}}`;
  if (isMap(value)) return `map[string]interface {}{${sortedKeys(value).map((key) => `${goQuote(key)}:${goSharpV(value[key])}`).join(', ')}}`;
  if (value instanceof GoByte) return `0x${value.value.toString(16)}`;
  return goSprint(value);
}

/** Go's strconv.Quote (`%q`): printable characters as they are, the rest escaped. */
export function goQuote(text: string): string {
  let out = '"';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (c === '\x07') out += '\\a';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (c === '\v') out += '\\v';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(c)) {
      out += code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += c;
  }
  return `${out}"`;
}

/** Go's encoding/json Marshal: keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped. */
export function goJson(value: GoValue, indent = ''): string {
  const text = JSON.stringify(toJsonValue(value), null, indent || undefined);
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function toJsonValue(value: GoValue): unknown {
  if (value === invalid || value === undefined) return null;
  if (value instanceof GoFloat || value instanceof GoByte) return value.value;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (isMap(value)) return Object.fromEntries(sortedKeys(value).map((key) => [key, toJsonValue(value[key])]));
  return value;
}
