/**
 * Go's `%v` of decoded JSON (`map[string]interface{}`, `[]interface{}`, float64, …), which
 * strategic-merge-patch errors embed: `map: map[image:nginx] does not contain declared merge key: name`.
 */

/** strconv.FormatFloat(f, 'g', -1, 64): shortest digits, exponent form when the exponent is < -4 or >= 6. */
function formatFloat(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
  if (value === 0) return '0';
  const exponential = value.toExponential();
  const exponent = Number(exponential.slice(exponential.indexOf('e') + 1));
  // Go pads the exponent to two digits: 1e+06, 1.5e-07.
  if (exponent < -4 || exponent >= 6) return exponential.replace(/e([+-])(\d)$/, 'e$10$2');
  return String(value);
}

/** `fmt.Sprintf("%v", value)` for JSON-decoded values; map keys print sorted, as Go does. */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number') return formatFloat(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`;
  const entries = Object.keys(value as object)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => `${key}:${goValue((value as Record<string, unknown>)[key])}`);
  return `map[${entries.join(' ')}]`;
}

/** `reflect.TypeOf(v).String()` for a JSON-decoded value, as mergepatch.ErrBadArgType prints it. */
export function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number') return 'float64';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  return Array.isArray(value) ? '[]interface {}' : 'map[string]interface {}';
}
