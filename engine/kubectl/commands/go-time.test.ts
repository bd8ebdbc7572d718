import { describe, expect, it } from 'vitest';
import { goTimeQuote, parseRFC3339 } from './go-time.ts';

const layout = '"2006-01-02T15:04:05Z07:00"';

// What the real kubectl 1.32 printed for `kubectl logs nosuch --since-time=VALUE` (after `error: `).
describe('parseRFC3339: Go time.Parse errors', () => {
  it.each([
    ['garbage', `parsing time "garbage" as ${layout}: cannot parse "garbage" as "2006"`],
    ['2024', `parsing time "2024" as ${layout}: cannot parse "" as "-"`],
    ['2024-', `parsing time "2024-" as ${layout}: cannot parse "" as "01"`],
    ['2024-01-01', `parsing time "2024-01-01" as ${layout}: cannot parse "" as "T"`],
    ['2024-1-01T00:00:00Z', `parsing time "2024-1-01T00:00:00Z" as ${layout}: cannot parse "1-01T00:00:00Z" as "01"`],
    ['2024-01-1T00:00:00Z', `parsing time "2024-01-1T00:00:00Z" as ${layout}: cannot parse "1T00:00:00Z" as "02"`],
    ['2024-01-01T00:0:00Z', `parsing time "2024-01-01T00:0:00Z" as ${layout}: cannot parse "0:00Z" as "04"`],
    ['2024-13-01T00:00:00Z', 'parsing time "2024-13-01T00:00:00Z": month out of range'],
    ['2024-00-01T00:00:00Z', 'parsing time "2024-00-01T00:00:00Z": month out of range'],
    ['2024-02-30T00:00:00Z', 'parsing time "2024-02-30T00:00:00Z": day out of range'],
    ['2023-02-29T00:00:00Z', 'parsing time "2023-02-29T00:00:00Z": day out of range'],
    ['2024-01-00T00:00:00Z', 'parsing time "2024-01-00T00:00:00Z": day out of range'],
    ['2024-01-01T24:00:00Z', 'parsing time "2024-01-01T24:00:00Z": hour out of range'],
    ['2024-01-01T00:60:00Z', 'parsing time "2024-01-01T00:60:00Z": minute out of range'],
    ['2024-01-01T00:00:60Z', 'parsing time "2024-01-01T00:00:60Z": second out of range'],
    ['2024-01-01T00:00:00', `parsing time "2024-01-01T00:00:00" as ${layout}: cannot parse "" as "Z07:00"`],
    ['2024-01-01T00:00:00+0100', `parsing time "2024-01-01T00:00:00+0100" as ${layout}: cannot parse "+0100" as "Z07:00"`],
    ['2024-01-01T00:00:00+25:00', 'parsing time "2024-01-01T00:00:00+25:00": time zone offset hour out of range'],
    ['2024-01-01T00:00:00+01:61', 'parsing time "2024-01-01T00:00:00+01:61": time zone offset minute out of range'],
    ['2024-01-01T00:00:00+ab:00', `parsing time "2024-01-01T00:00:00+ab:00" as ${layout}: cannot parse "+ab:00" as "Z07:00"`],
    ['2024-01-01T00:00:00*01:00', `parsing time "2024-01-01T00:00:00*01:00" as ${layout}: cannot parse "*01:00" as "Z07:00"`],
    ['2024-01-01T00:00:00Zjunk', 'parsing time "2024-01-01T00:00:00Zjunk": extra text: "junk"'],
    ['2024-01-01t00:00:00Z', `parsing time "2024-01-01t00:00:00Z" as ${layout}: cannot parse "t00:00:00Z" as "T"`],
    ['2024-01-01T00:00:00z', `parsing time "2024-01-01T00:00:00z" as ${layout}: cannot parse "z" as "Z07:00"`],
    ['2024-01-01 00:00:00Z', `parsing time "2024-01-01 00:00:00Z" as ${layout}: cannot parse " 00:00:00Z" as "T"`],
    ['2024-01-01T00:00:00.Z', `parsing time "2024-01-01T00:00:00.Z" as ${layout}: cannot parse ".Z" as "Z07:00"`],
    ['99999-01-01T00:00:00Z', `parsing time "99999-01-01T00:00:00Z" as ${layout}: cannot parse "9-01-01T00:00:00Z" as "-"`],
    ['é', `parsing time "\\xc3\\xa9" as ${layout}: cannot parse "\\xc3\\xa9" as "2006"`],
    ['a"b', `parsing time "a\\"b" as ${layout}: cannot parse "a\\"b" as "2006"`],
  ])('%s', (value, error) => {
    expect(parseRFC3339(value)).toEqual({ ok: false, error });
  });
});

// Values the real kubectl accepted (it went on to ask the server for the pod).
describe('parseRFC3339: accepted values', () => {
  it.each([
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2024-01-01T1:00:00Z', Date.UTC(2024, 0, 1, 1)],
    ['2024-01-01T00:00:00.5Z', Date.UTC(2024, 0, 1) + 500],
    ['2024-01-01T00:00:00,5Z', Date.UTC(2024, 0, 1) + 500],
    ['2024-01-01T00:00:00-01:00', Date.UTC(2024, 0, 1, 1)],
    ['2024-01-01T02:30:00+02:30', Date.UTC(2024, 0, 1)],
    ['0000-01-01T00:00:00Z', -62167219200000],
  ])('%s', (value, ms) => {
    expect(parseRFC3339(value)).toEqual({ ok: true, ms });
  });
});

describe('goTimeQuote', () => {
  it.each([['plain', '"plain"'], ['tab\there', '"tab\\x09here"'], ['back\\slash', '"back\\\\slash"']])('%j', (text, quoted) => {
    expect(goTimeQuote(text)).toBe(quoted);
  });
});
