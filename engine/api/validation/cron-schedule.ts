/**
 * The CronJob schedule parser of robfig/cron v3 (`cron.ParseStandard`), reduced to what
 * validation needs: whether a schedule parses, and if not, the parser's exact error text, which
 * Kubernetes copies into `spec.schedule: Invalid value: "…": <error>`.
 */

interface Bounds { min: number; max: number; names?: Record<string, number> }

const months: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const days: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

// Standard schedules have no seconds field: the parser fills it with "0".
const fieldBounds: Bounds[] = [
  { min: 0, max: 59 }, { min: 0, max: 59 }, { min: 0, max: 23 }, { min: 1, max: 31 },
  { min: 1, max: 12, names: months }, { min: 0, max: 6, names: days },
];

class CronError extends Error {}

/** Go's `strconv.Atoi` plus cron's "negative number" rule. */
function parseInt(expr: string): number {
  if (!/^[+-]?[0-9]+$/.test(expr)) {
    throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  }
  const n = Number(expr);
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, names?: Record<string, number>): number {
  const named = names?.[expr.toLowerCase()];
  return named ?? parseInt(expr);
}

/** `getRange`: `*`, `N`, `N-M`, each optionally `/step`. */
function checkRange(expr: string, r: Bounds): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
  } else {
    start = parseIntOrName(lowAndHigh[0], r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], r.names);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseInt(rangeAndStep[1]);
    // "N/step" means "N-max/step".
    if (lowAndHigh.length === 1) end = r.max;
  } else if (rangeAndStep.length > 2) {
    throw new CronError(`too many slashes: ${expr}`);
  }
  if (start < r.min) throw new CronError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
}

/** Go's `time.ParseDuration` acceptance, with its error wording. */
function checkDuration(text: string): void {
  const quoted = JSON.stringify(text);
  if (text === '0') return;
  if (!/^[+-]?([0-9]*(\.[0-9]*)?[a-zµμ]*)+$/.test(text) || text === '' || /^[+-]?$/.test(text)) {
    throw new CronError(`time: invalid duration ${quoted}`);
  }
  const parts = text.replace(/^[+-]/, '').match(/[0-9]*\.?[0-9]*[a-zµμ]*/g)?.filter((p) => p !== '') ?? [];
  for (const part of parts) {
    const m = /^([0-9]*\.?[0-9]*)([a-zµμ]*)$/.exec(part);
    if (!m || m[1] === '' || m[1] === '.') throw new CronError(`time: invalid duration ${quoted}`);
    if (m[2] === '') throw new CronError(`time: missing unit in duration ${quoted}`);
    if (!['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h'].includes(m[2])) {
      throw new CronError(`time: unknown unit ${JSON.stringify(m[2])} in duration ${quoted}`);
    }
  }
}

const descriptors = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/**
 * Whether `name` is an IANA time zone Go's `time.LoadLocation` would load. Intl accepts names
 * case-insensitively and Go does not, so a name must be canonical or a real alias.
 */
export function isKnownTimeZone(name: string): boolean {
  if (name === '' || name === 'UTC' || name === 'Local') return true;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    return resolved === name || resolved.toLowerCase() !== name.toLowerCase() || name === 'Etc/UTC';
  } catch {
    return false;
  }
}

/** `cron.ParseStandard(schedule)`: undefined when the schedule parses, else the parser's error. */
export function cronScheduleError(schedule: string): string | undefined {
  try {
    let spec = schedule;
    if (spec.length === 0) throw new CronError('empty spec string');
    if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
      const space = spec.indexOf(' ');
      const zone = spec.slice(spec.indexOf('=') + 1, space < 0 ? spec.length : space);
      if (!isKnownTimeZone(zone)) throw new CronError(`provided bad location ${zone}: unknown time zone ${zone}`);
      spec = space < 0 ? '' : spec.slice(space).trim();
    }
    if (spec.startsWith('@')) {
      if (descriptors.includes(spec)) return undefined;
      if (spec.startsWith('@every ')) {
        try {
          checkDuration(spec.slice('@every '.length));
        } catch (e) {
          throw new CronError(`failed to parse duration ${spec}: ${(e as Error).message}`);
        }
        return undefined;
      }
      throw new CronError(`unrecognized descriptor: ${spec}`);
    }
    const fields = spec.split(/\s+/).filter((f) => f !== '');
    if (fields.length !== 5) {
      throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
    }
    ['0', ...fields].forEach((field, i) => {
      for (const expr of field.split(',').filter((e) => e !== '')) checkRange(expr, fieldBounds[i]);
    });
    return undefined;
  } catch (e) {
    if (e instanceof CronError) return e.message;
    throw e;
  }
}
