/**
 * Go's `time.Parse(time.RFC3339, value)`, which kubectl uses for `--since-time` (cmd/util's
 * ParseRFC3339), with Go's own error texts: `parsing time "garbage" as
 * "2006-01-02T15:04:05Z07:00": cannot parse "garbage" as "2006"`, `parsing time "…": month out of
 * range`, `…: extra text: "junk"`. Go walks the layout chunk by chunk (a literal prefix, then a
 * field such as `2006` or `Z07:00`) and reports the first chunk the value does not fit, with what
 * was left of the value at that point. Like Go's general parser it accepts a one-digit hour and a
 * fractional second the layout does not name (`2024-01-01T1:00:00.5Z`).
 */

/** The layout kubectl names in the message. */
export const rfc3339Layout = '2006-01-02T15:04:05Z07:00';

/** A parsed time (milliseconds since the epoch, UTC), or Go's ParseError text. */
export type GoTimeResult = { ok: true; ms: number } | { ok: false; error: string };

/** The layout's chunks: the literal before each field, then the field as written in the layout. */
const chunks: { prefix: string; field: string }[] = [
  { prefix: '', field: '2006' }, { prefix: '-', field: '01' }, { prefix: '-', field: '02' }, { prefix: 'T', field: '15' },
  { prefix: ':', field: '04' }, { prefix: ':', field: '05' }, { prefix: '', field: 'Z07:00' },
];

const utf8 = new TextEncoder();

/** Go's time.quote: double quotes, `\"` and `\\` escaped, control and non-ASCII bytes as `\xNN`. */
export function goTimeQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || code >= 0x80) {
      for (const byte of utf8.encode(char)) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      out += char === '"' || char === '\\' ? `\\${char}` : char;
    }
  }
  return `${out}"`;
}

const isDigit = (text: string, i: number): boolean => i < text.length && text[i] >= '0' && text[i] <= '9';

/** Go's getnum: one or two digits (`fixed`: exactly two), and the rest of the text; undefined when bad. */
function getnum(text: string, fixed: boolean): [number, string] | undefined {
  if (!isDigit(text, 0)) return undefined;
  if (!isDigit(text, 1)) return fixed ? undefined : [Number(text[0]), text.slice(1)];
  return [Number(text.slice(0, 2)), text.slice(2)];
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `time.Parse(time.RFC3339, value)`. */
export function parseRFC3339(value: string): GoTimeResult {
  const cannot = (valueElem: string, layoutElem: string): GoTimeResult => ({
    ok: false,
    error: `parsing time ${goTimeQuote(value)} as ${goTimeQuote(rfc3339Layout)}: cannot parse ${goTimeQuote(valueElem)} as ${goTimeQuote(layoutElem)}`,
  });
  const outOfRange = (what: string): GoTimeResult => ({ ok: false, error: `parsing time ${goTimeQuote(value)}: ${what} out of range` });
  const parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, fraction: 0, offset: 0 };
  let rest = value;
  for (const { prefix, field } of chunks) {
    for (const char of prefix) {
      if (rest === '' || rest[0] !== char) return cannot(rest, prefix);
      rest = rest.slice(1);
    }
    const hold = rest;
    let range = '';
    let bad = false;
    switch (field) {
      case '2006': {
        const digits = rest.slice(0, 4);
        if (rest.length < 4 || !/^\d{4}$/.test(digits)) bad = true;
        else [parts.year, rest] = [Number(digits), rest.slice(4)];
        break;
      }
      case '01':
      case '02':
      case '04':
      case '05':
      case '15': {
        const got = getnum(rest, field !== '15');
        if (!got) {
          bad = true;
          break;
        }
        const [n, after] = got;
        rest = after;
        if (field === '01') [parts.month, range] = [n, n <= 0 || n > 12 ? 'month' : ''];
        if (field === '02') parts.day = n;
        if (field === '15') [parts.hour, range] = [n, n >= 24 ? 'hour' : ''];
        if (field === '04') [parts.minute, range] = [n, n >= 60 ? 'minute' : ''];
        if (field === '05') {
          [parts.second, range] = [n, n >= 60 ? 'second' : ''];
          // A fraction the layout does not name is still read (up to nine digits count).
          if (!range && rest.length >= 2 && (rest[0] === '.' || rest[0] === ',') && isDigit(rest, 1)) {
            let end = 2;
            while (isDigit(rest, end)) end++;
            parts.fraction = Number(`0.${rest.slice(1, Math.min(end, 10))}`);
            rest = rest.slice(end);
          }
        }
        break;
      }
      default: {
        // Z07:00: `Z`, or a sign, two-digit hours, a colon and two-digit minutes.
        if (rest[0] === 'Z') {
          rest = rest.slice(1);
          break;
        }
        if (rest.length < 6 || rest[3] !== ':') {
          bad = true;
          break;
        }
        const hours = getnum(rest.slice(1, 3), true);
        const minutes = getnum(rest.slice(4, 6), true);
        const sign = rest[0];
        rest = rest.slice(6);
        if (!hours || !minutes) {
          bad = true;
          break;
        }
        if (hours[0] > 24) range = 'time zone offset hour';
        if (minutes[0] > 60) range = 'time zone offset minute';
        if (sign !== '+' && sign !== '-') bad = true;
        parts.offset = (sign === '-' ? -1 : 1) * (hours[0] * 60 + minutes[0]);
      }
    }
    if (range) return outOfRange(range);
    if (bad) return cannot(hold, field);
  }
  if (rest !== '') return { ok: false, error: `parsing time ${goTimeQuote(value)}: extra text: ${goTimeQuote(rest)}` };
  if (parts.day < 1 || parts.day > daysIn(parts.month, parts.year)) return outOfRange('day');
  const date = new Date(0);
  date.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  date.setUTCHours(parts.hour, parts.minute, parts.second, 0);
  return { ok: true, ms: date.getTime() + parts.fraction * 1000 - parts.offset * 60_000 };
}
