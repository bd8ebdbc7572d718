/**
 * How kubectl types a plain (unquoted) YAML scalar: go-yaml v2's YAML 1.1 rules as sigs.k8s.io/yaml
 * uses them. `yes`/`on`/`y` are true, `0644` is octal 420, `0x1F` is 31, `1_000` is 1000, `.inf`
 * is infinity, `~` is null — but `1:20` stays a string (go-yaml dropped base-60 numbers) and a
 * timestamp like `2001-12-14` stays a string too (go-yaml v2 keeps them as text in `interface{}`).
 */

/** A resolved scalar: the value and the YAML tag go-yaml gave it. */
export interface Resolved {
  tag: 'str' | 'bool' | 'null' | 'int' | 'float' | 'timestamp';
  value: string | number | boolean | null;
}

const words = new Map<string, Resolved>();
function add(tag: Resolved['tag'], value: Resolved['value'], spellings: string[]): void {
  for (const s of spellings) words.set(s, { tag, value });
}
add('bool', true, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
add('bool', false, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
add('null', null, ['', '~', 'null', 'Null', 'NULL']);
add('float', Number.NaN, ['.nan', '.NaN', '.NAN']);
add('float', Number.POSITIVE_INFINITY, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
add('float', Number.NEGATIVE_INFINITY, ['-.inf', '-.Inf', '-.INF']);

// Go's strconv.ParseInt(s, 0, 64) after go-yaml removed every `_`: a sign, then 0x/0o/0b, a
// leading 0 for octal, or decimal.
const goInteger = /^[+-]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
// go-yaml tries these Go layouts: RFC 3339 with short fields, `t` or `T`, a space form, a date.
const timestamp = /^\d{4}-\d{1,2}-\d{1,2}(([Tt]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))|( \d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?))?$/;

function parseGoInteger(plain: string): number {
  const negative = plain.startsWith('-');
  const unsigned = plain.replace(/^[+-]/, '');
  let value: number;
  if (/^0[xX]/.test(unsigned)) value = Number.parseInt(unsigned.slice(2), 16);
  else if (/^0[oO]/.test(unsigned)) value = Number.parseInt(unsigned.slice(2), 8);
  else if (/^0[bB]/.test(unsigned)) value = Number.parseInt(unsigned.slice(2), 2);
  else if (unsigned.length > 1 && unsigned.startsWith('0')) value = Number.parseInt(unsigned.slice(1), 8);
  else value = Number.parseInt(unsigned, 10);
  return negative ? -value : value;
}

function validDate(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split(/[-Tt ]/).map(Number);
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Resolves a plain scalar exactly as go-yaml v2's `resolve("", text)` does. */
export function resolvePlain(text: string): Resolved {
  const known = words.get(text);
  if (known) return known;
  const first = text[0];
  if (first === '.') {
    const f = Number(text);
    return /^\.[0-9]/.test(text) && !Number.isNaN(f) ? { tag: 'float', value: f } : { tag: 'str', value: text };
  }
  if (!/[-+0-9]/.test(first ?? '')) return { tag: 'str', value: text };
  if (timestamp.test(text) && validDate(text)) return { tag: 'timestamp', value: text };
  const plain = text.replaceAll('_', '');
  if (goInteger.test(plain)) return { tag: 'int', value: parseGoInteger(plain) };
  if (yamlStyleFloat.test(plain)) return { tag: 'float', value: Number(plain) };
  if (/^-0[bB][01]+$/.test(plain)) return { tag: 'int', value: -Number.parseInt(plain.slice(3), 2) };
  return { tag: 'str', value: text };
}

/** Whether a string must be quoted on output because go-yaml would read it back as another type. */
export function needsQuotes(text: string): boolean {
  // go-yaml also quotes base-60 floats like `1:20` for older parsers' sake.
  return resolvePlain(text).tag !== 'str' || /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(text);
}
