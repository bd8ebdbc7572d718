/**
 * `resource.Quantity.String()`: the canonical form the API server prints quantities in. `1000m`
 * prints `1`, `0.5` prints `500m`, `1.5k` prints `1500`, `1024Mi` prints `1Gi`, `1536Mi` stays.
 * The number is kept exactly, as nano-units in a BigInt; like ParseQuantity, anything finer than
 * a nano-unit rounds up.
 */

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const quantityPattern = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE]?)$/;

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

interface Parsed {
  /** The value in nano-units (value × 10⁹). */
  nanos: bigint;
  format: Format;
}

/** Parse a quantity string; undefined when it is not one. */
export function parseQuantity(text: string): Parsed | undefined {
  const match = quantityPattern.exec(text.trim());
  if (!match) return undefined;
  const [, sign, whole, fraction = '', suffix] = match;
  if (whole === '' && fraction === '') return undefined;
  const digits = BigInt((whole || '0') + fraction);
  // digits / 10^fraction.length, in nano-units, times the suffix.
  let numerator = digits * 10n ** 9n;
  let denominator = 10n ** BigInt(fraction.length);
  let format: Format = 'DecimalSI';
  if (suffix in binarySuffixes) {
    numerator *= 2n ** BigInt(binarySuffixes[suffix]);
    format = 'BinarySI';
  } else {
    const exponent = suffix in decimalSuffixes ? decimalSuffixes[suffix] : Number(suffix.slice(1));
    if (!(suffix in decimalSuffixes)) format = 'DecimalExponent';
    if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
    else denominator *= 10n ** BigInt(-exponent);
  }
  let nanos = numerator / denominator;
  if (nanos * denominator !== numerator) nanos += 1n;
  return { nanos: sign === '-' ? -nanos : nanos, format };
}

function decimalString(magnitude: bigint, format: Format): string {
  // Strip factors of ten, then step the exponent down to a multiple of three.
  let mantissa = magnitude;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const over = ((exponent % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(over);
  exponent -= over;
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  const suffix = Object.keys(decimalSuffixes).find((key) => decimalSuffixes[key] === exponent);
  return `${mantissa}${suffix ?? `e${exponent}`}`;
}

function binaryString(bytes: bigint): string {
  let exponent = 0;
  while (bytes % 1024n === 0n && exponent < 60) {
    bytes /= 1024n;
    exponent += 10;
  }
  const suffix = Object.keys(binarySuffixes).find((key) => binarySuffixes[key] === exponent) ?? '';
  return `${bytes}${suffix}`;
}

/** The canonical form of a quantity; `<nil>` for a missing one (Go's nil *Quantity), `0` for zero. */
export function quantityString(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '<nil>';
  const parsed = parseQuantity(String(value));
  if (!parsed) return String(value);
  const { nanos } = parsed;
  if (nanos === 0n) return '0';
  const sign = nanos < 0n ? '-' : '';
  const magnitude = nanos < 0n ? -nanos : nanos;
  const billion = 10n ** 9n;
  let format = parsed.format;
  // Binary only for whole byte counts of at least 1024; smaller or fractional values print in decimal.
  if (format === 'BinarySI' && (magnitude < 1024n * billion || magnitude % billion !== 0n)) format = 'DecimalSI';
  return sign + (format === 'BinarySI' ? binaryString(magnitude / billion) : decimalString(magnitude, format));
}

/** A quantity from a map such as status.capacity, printed as Go prints a missing map entry's zero Quantity: `0`. */
export function quantityOrZero(value: string | number | undefined | null): string {
  return value === undefined || value === null ? '0' : quantityString(value);
}
