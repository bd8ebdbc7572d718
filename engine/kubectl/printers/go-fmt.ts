/**
 * Go's fmt rules for the values a kubectl Go template sees: JSON decoded by apimachinery's json.Unmarshal into
 * interface{} (whole numbers become int64, others float64), template constants (`3` is int, `3.0` float64),
 * maps printed `map[k:v]` with sorted keys.
 */

/** A Go integer: `int` for template constants, `len` and range indexes; `int64` for whole numbers in the object. */
export class GoInt {
  constructor(readonly value: number, readonly type: 'int' | 'int64' = 'int') {}
}

/** A value inside the template engine: JSON data, a Go int, or `undefined` for Go's invalid value (`<no value>`). */
export type GoValue = null | boolean | number | string | GoInt | GoValue[] | { [key: string]: GoValue } | undefined;

/** The Go type name fmt prints in `%!d(float64=3)`. */
export function goTypeName(value: GoValue): string {
  if (value instanceof GoInt) return value.type;
  if (typeof value === 'number') return 'float64';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return '[]interface {}';
  if (value === null || value === undefined) return '<nil>';
  return 'map[string]interface {}';
}

/** strconv.FormatFloat(f, 'g', -1, 64), fmt's %v: shortest digits, exponent form when exp < -4 || exp >= 6. */
export function formatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // JS and Go agree on the shortest round-trip digits; only the layout differs.
  const [mantissa, e] = f.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  const digits = mantissa.replace(/[-.]/g, '');
  const sign = f < 0 ? '-' : '';
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const whole = digits.padEnd(exp + 1, '0');
  const fraction = digits.slice(exp + 1);
  return `${sign}${whole.slice(0, exp + 1)}${fraction ? `.${fraction}` : ''}`;
}

/** fmt's %v of a value (Go's `<nil>` for nil inside maps and slices). */
export function formatValue(value: GoValue): string {
  if (value === undefined || value === null) return '<nil>';
  if (value instanceof GoInt) return String(value.value);
  if (typeof value === 'number') return formatFloat(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(' ')}]`;
  const keys = Object.keys(value).sort();
  return `map[${keys.map((k) => `${k}:${formatValue(value[k])}`).join(' ')}]`;
}

/** Go's %q for a string (strconv.Quote, close enough for ASCII and printable Unicode). */
export function quoteGo(text: string): string {
  // JSON escapes control characters as \u00XX where Go writes \xXX; \n, \t and friends agree.
  return JSON.stringify(text).replace(/\\u00([01][0-9a-f])/g, '\\x$1').replace(/\u007f/g, '\\x7f');
}

function pad(text: string, width: number | undefined, left: boolean, zero: boolean): string {
  if (width === undefined || text.length >= width) return text;
  if (left) return text.padEnd(width);
  if (zero) {
    const sign = /^[+-]/.test(text) ? text[0] : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
}

function isNumber(value: GoValue): boolean {
  return typeof value === 'number' || value instanceof GoInt;
}

function numeric(value: GoValue): number {
  return value instanceof GoInt ? value.value : (value as number);
}

/** Go's fmt.Sprintf for the verbs templates use: %v %s %d %q %t %f %e %g %x %c %%, with flags and width. */
export function sprintf(format: string, args: GoValue[]): string {
  let out = '';
  let next = 0;
  const re = /%([-+ #0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])?/g;
  let last = 0;
  for (let m = re.exec(format); m; m = re.exec(format)) {
    out += format.slice(last, m.index);
    last = re.lastIndex;
    const [, flags, widthText, precText, verb] = m;
    if (verb === undefined) { out += '%!(NOVERB)'; continue; }
    if (verb === '%') { out += '%'; continue; }
    if (next >= args.length) { out += `%!${verb}(MISSING)`; continue; }
    const arg = args[next++];
    const width = widthText === undefined ? undefined : Number(widthText);
    const prec = precText === undefined ? undefined : Number(precText);
    const bad = (): string => `%!${verb}(${goTypeName(arg)}=${formatValue(arg)})`;
    let text: string;
    switch (verb) {
      case 'v': text = formatValue(arg); break;
      case 's': text = typeof arg === 'string' || Array.isArray(arg) || (arg !== null && typeof arg === 'object' && !(arg instanceof GoInt)) ? formatValue(arg) : bad(); break;
      case 'q': text = typeof arg === 'string' ? quoteGo(arg) : bad(); break;
      case 't': text = typeof arg === 'boolean' ? String(arg) : bad(); break;
      case 'd': text = arg instanceof GoInt ? String(arg.value) : bad(); break;
      case 'c': text = arg instanceof GoInt ? String.fromCodePoint(arg.value) : bad(); break;
      case 'x': case 'X': {
        if (arg instanceof GoInt) text = arg.value.toString(16);
        else if (typeof arg === 'string') text = [...new TextEncoder().encode(arg)].map((b) => b.toString(16).padStart(2, '0')).join('');
        else { text = bad(); break; }
        if (verb === 'X') text = text.toUpperCase();
        break;
      }
      case 'f': case 'F': text = typeof arg === 'number' ? arg.toFixed(prec ?? 6) : bad(); break;
      case 'e': text = typeof arg === 'number' ? arg.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2') : bad(); break;
      case 'g': text = typeof arg === 'number' ? formatFloat(arg) : bad(); break;
      default: text = bad();
    }
    if (flags.includes('+') && isNumber(arg) && numeric(arg) >= 0 && 'dfeg'.includes(verb)) text = `+${text}`;
    out += pad(text, width, flags.includes('-'), flags.includes('0') && isNumber(arg));
  }
  out += format.slice(last);
  if (next < args.length) out += `%!(EXTRA ${args.slice(next).map((a) => `${goTypeName(a)}=${formatValue(a)}`).join(', ')})`;
  return out;
}
