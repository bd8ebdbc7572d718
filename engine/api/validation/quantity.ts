/**
 * `resource.Quantity` as apimachinery implements it: parsing (`500m`, `1Gi`, `1e3`, `0.5`), the
 * canonical string the API server stores and prints (`1000m` → `1`, `1024Mi` → `1Gi`,
 * `0.5` → `500m`), comparison and the milli/whole values the scheduler and printers use.
 *
 * Values are kept exactly as a count of nano-units in a BigInt: Kubernetes rounds every quantity
 * up to the nearest 1n when it is parsed, so nanos are always whole.
 */

/** How a quantity prints: `1k` (DecimalSI), `1Ki` (BinarySI) or `1e3` (DecimalExponent). */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** A parsed quantity. Treat as immutable. */
export interface Quantity {
  /** The amount × 10⁹, exact. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
  /** The string as written, kept when it already was canonical (Go's cached `q.s`). */
  readonly text?: string;
}

/** The regular expression quantities must match, as Kubernetes quotes it in its error. */
export const quantityRegex = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** `ErrFormatWrong`. */
export const errFormatWrong = `quantities must match the regular expression '${quantityRegex}'`;
/** `ErrNumeric`. */
export const errNumeric = 'unable to parse numeric part of quantity';
/** `ErrSuffix`. */
export const errSuffix = "unable to parse quantity's suffix";

/** A quantity that does not parse; `message` is the exact apimachinery error. */
export class QuantityParseError extends Error {}

const NANO = 1_000_000_000n;
const maxInt64 = (1n << 63n) - 1n;

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

interface Parts { positive: boolean; num: string; denom: string; suffix: string }

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** `parseQuantityString`: sign, numerator without leading zeros, denominator, suffix. */
function splitQuantity(s: string): Parts {
  let pos = 0;
  let positive = true;
  if (s[0] === '-') { positive = false; pos++; } else if (s[0] === '+') pos++;
  while (s[pos] === '0') pos++;
  if (pos >= s.length) return { positive, num: '0', denom: '', suffix: '' };
  let start = pos;
  while (isDigit(s[pos])) pos++;
  const num = s.slice(start, pos) || '0';
  let denom = '';
  if (s[pos] === '.') {
    start = ++pos;
    while (isDigit(s[pos])) pos++;
    denom = s.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < s.length && 'eEinumkKMGTP'.includes(s[pos])) pos++;
  if (s[pos] === '-' || s[pos] === '+') pos++;
  while (isDigit(s[pos])) pos++;
  if (pos < s.length) throw new QuantityParseError(errFormatWrong);
  return { positive, num, denom, suffix: s.slice(suffixStart) };
}

/** `suffixer.interpret`: base, exponent and format of a suffix. */
function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } {
  if (suffix in decimalSuffixes) return { base: 10, exponent: decimalSuffixes[suffix], format: 'DecimalSI' };
  if (suffix in binarySuffixes) return { base: 2, exponent: binarySuffixes[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[-+]?[0-9]+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    if (exponent <= 2147483647 && exponent >= -2147483648) return { base: 10, exponent, format: 'DecimalExponent' };
  }
  throw new QuantityParseError(errSuffix);
}

/** Divide rounding away from zero, as Kubernetes rounds quantities and scaled values. */
function divAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d === 0n ? q : n < 0n ? q - 1n : q + 1n;
}

/** Whether Go's fast path keeps the string as written (`s` on the parsed Quantity). */
function keepsText(p: Parts, base: 2 | 10, exponent: number): boolean {
  if (base === 2) {
    if (exponent < 0 || p.denom.length > 0) return false;
    const precision = 15 - p.num.length - Math.trunc((exponent * 3) / 10) - 1;
    if (precision < 0) return false;
    const value = BigInt(p.num);
    if (value << BigInt(exponent) > maxInt64) return false;
    return exponent % 10 === 0 && (value & 7n) !== 0n;
  }
  const shifted = p.num + p.denom;
  const scale = exponent - p.denom.length;
  if (18 - shifted.length < 0 || scale < -9) return false;
  return scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

/** `resource.ParseQuantity`: throws QuantityParseError with Kubernetes' message. */
export function parseQuantity(s: string): Quantity {
  if (s.length === 0) throw new QuantityParseError(errFormatWrong);
  if (s === '0') return { nanos: 0n, format: 'DecimalSI', text: '0' };
  const parts = splitQuantity(s);
  const { base, exponent, format } = interpretSuffix(parts.suffix);
  let digits = BigInt(parts.num + parts.denom);
  let scale = -parts.denom.length;
  if (base === 10) scale += exponent;
  else digits <<= BigInt(exponent);
  // Bring to nano-units; anything finer than 1n rounds up ("if you want some, you get some").
  const shift = scale + 9;
  let nanos = shift >= 0 ? digits * 10n ** BigInt(shift) : divAwayFromZero(digits, 10n ** BigInt(-shift));
  if (format === 'BinarySI' && nanos > maxInt64 * NANO) nanos = maxInt64 * NANO;
  if (!parts.positive) nanos = -nanos;
  const q: Quantity = { nanos, format };
  return keepsText(parts, base, exponent) ? { ...q, text: s } : q;
}

/**
 * `Quantity.UnmarshalJSON`: strings (trimmed) and numbers parse; `null` is zero; anything else
 * fails like a malformed string.
 */
export function quantityFromJSON(value: unknown): Quantity {
  if (value === null || value === undefined) return { nanos: 0n, format: 'DecimalSI' };
  if (typeof value === 'string') return parseQuantity(value.trim());
  if (typeof value === 'number' && Number.isFinite(value)) return parseQuantity(String(value));
  throw new QuantityParseError(errFormatWrong);
}

/** The decode error for a value in a quantity field, or undefined when it parses. */
export function quantityError(value: unknown): string | undefined {
  try {
    quantityFromJSON(value);
    return undefined;
  } catch (e) {
    if (e instanceof QuantityParseError) return e.message;
    throw e;
  }
}

function decimalString(nanos: bigint, format: QuantityFormat): string {
  let amount = nanos;
  let exponent = -9;
  while ((amount >= 10n || amount <= -10n) && amount % 10n === 0n) { amount /= 10n; exponent++; }
  while (exponent % 3 !== 0) { amount *= 10n; exponent--; }
  if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  // Beyond `E` Go finds no suffix and prints the bare mantissa; mirror it rather than invent one.
  const suffix = Object.keys(decimalSuffixes).find((k) => decimalSuffixes[k] === exponent) ?? '';
  return `${amount}${suffix}`;
}

/** `Quantity.String()`: the canonical form Kubernetes stores and prints. */
export function quantityString(q: Quantity): string {
  if (q.text !== undefined) return q.text;
  if (q.nanos === 0n) return '0';
  if (q.format === 'BinarySI') {
    const small = q.nanos > -1024n * NANO && q.nanos < 1024n * NANO;
    if (!small && q.nanos % NANO === 0n) {
      let value = q.nanos / NANO;
      let times = 0;
      while ((value >= 1024n || value <= -1024n) && value % 1024n === 0n) { value /= 1024n; times++; }
      return `${value}${['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][times] ?? ''}`;
    }
    return decimalString(q.nanos, 'DecimalSI');
  }
  return decimalString(q.nanos, q.format);
}

/** Parse a JSON value and print it canonically: `1000m` → `1`, `0.5` → `500m`. Throws on bad input. */
export function canonicalQuantity(value: unknown): string {
  return quantityString(quantityFromJSON(value));
}

/** `Quantity.Cmp`: -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** `MilliValue()`: the value × 1000, rounded away from zero (`1n` → 1). */
export function milliValue(q: Quantity): number {
  return Number(divAwayFromZero(q.nanos, 1_000_000n));
}

/** `Value()`: the whole value, rounded away from zero (`500m` → 1). */
export function quantityValue(q: Quantity): number {
  return Number(divAwayFromZero(q.nanos, NANO));
}

/** `resource.NewQuantity(value, format)`. */
export function newQuantity(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { nanos: BigInt(value) * NANO, format };
}

/** `resource.NewMilliQuantity(milli, format)`. */
export function newMilliQuantity(milli: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { nanos: BigInt(milli) * 1_000_000n, format };
}

/** `q.Add(other)`: the sum, in the format of the first operand. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.format };
}

/** `q.Sub(other)`: the difference, in the format of the first operand. */
export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos, format: a.format };
}

/** `q.IsZero()`. */
export function isZeroQuantity(q: Quantity): boolean {
  return q.nanos === 0n;
}
