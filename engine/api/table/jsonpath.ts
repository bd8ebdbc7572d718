/**
 * The subset of kubectl JSONPath (k8s.io/client-go/util/jsonpath) that CRD additionalPrinterColumns
 * use: `.a.b`, `['a.b']`, `[0]`, `[-1]`, `[*]`, `..name` and filters such as
 * `[?(@.type=="Ready")]`, with missing keys allowed (they yield no result).
 */

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'recursive'; name: string }
  | { kind: 'filter'; path: string[]; operator?: string; literal?: unknown };

/** Parse a JSONPath such as `.status.conditions[?(@.type=="Ready")].status` (braces optional). */
export function parseJsonPath(expression: string): Step[] {
  let source = expression.trim();
  if (source.startsWith('{') && source.endsWith('}')) source = source.slice(1, -1).trim();
  if (source.startsWith('$')) source = source.slice(1);
  const steps: Step[] = [];
  let i = 0;
  const identifier = /^[^.[\]\s]+/;
  while (i < source.length) {
    const rest = source.slice(i);
    if (rest.startsWith('..')) {
      const name = identifier.exec(rest.slice(2))?.[0];
      if (!name) throw new Error(`unrecognized JSONPath ${JSON.stringify(expression)}`);
      steps.push({ kind: 'recursive', name });
      i += 2 + name.length;
    } else if (rest.startsWith('.')) {
      const name = identifier.exec(rest.slice(1))?.[0];
      if (!name) {
        i += 1;
        continue;
      }
      steps.push(name === '*' ? { kind: 'wildcard' } : { kind: 'field', name });
      i += 1 + name.length;
    } else if (rest.startsWith('[')) {
      const end = closingBracket(rest);
      const inner = rest.slice(1, end).trim();
      steps.push(bracketStep(inner, expression));
      i += end + 1;
    } else {
      const name = identifier.exec(rest)?.[0];
      if (!name) throw new Error(`unrecognized JSONPath ${JSON.stringify(expression)}`);
      steps.push({ kind: 'field', name });
      i += name.length;
    }
  }
  return steps;
}

function closingBracket(text: string): number {
  let quote = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ']') return i;
  }
  throw new Error(`unclosed [ in JSONPath ${JSON.stringify(text)}`);
}

function bracketStep(inner: string, expression: string): Step {
  if (inner === '*') return { kind: 'wildcard' };
  if (/^-?\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  const quoted = /^(['"])(.*)\1$/.exec(inner);
  if (quoted) return { kind: 'field', name: quoted[2] };
  const filter = /^\?\(\s*@((?:\.[^.\s=!<>]+)+)\s*(?:(==|!=|<=|>=|<|>)\s*(.+?))?\s*\)$/.exec(inner);
  if (filter) {
    const path = filter[1].slice(1).split('.');
    if (!filter[2]) return { kind: 'filter', path };
    return { kind: 'filter', path, operator: filter[2], literal: literalValue(filter[3]) };
  }
  throw new Error(`unrecognized JSONPath ${JSON.stringify(expression)}`);
}

function literalValue(text: string): unknown {
  const quoted = /^(['"])(.*)\1$/.exec(text);
  if (quoted) return quoted[2];
  if (text === 'true' || text === 'false') return text === 'true';
  const number = Number(text);
  return Number.isNaN(number) ? text : number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compare(left: unknown, operator: string, right: unknown): boolean {
  switch (operator) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    default: {
      if (typeof left !== 'number' || typeof right !== 'number') return false;
      if (operator === '<') return left < right;
      if (operator === '>') return left > right;
      if (operator === '<=') return left <= right;
      return left >= right;
    }
  }
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isRecord(value)) return Object.keys(value).sort().map((key) => value[key]);
  return [];
}

function descendants(value: unknown, name: string, out: unknown[]): void {
  if (isRecord(value) && name in value) out.push(value[name]);
  for (const child of children(value)) descendants(child, name, out);
}

function apply(step: Step, value: unknown): unknown[] {
  switch (step.kind) {
    case 'field':
      return isRecord(value) && step.name in value ? [value[step.name]] : [];
    case 'index': {
      if (!Array.isArray(value)) return [];
      const index = step.index < 0 ? value.length + step.index : step.index;
      return index >= 0 && index < value.length ? [value[index]] : [];
    }
    case 'wildcard':
      return children(value);
    case 'recursive': {
      const out: unknown[] = [];
      descendants(value, step.name, out);
      return out;
    }
    case 'filter':
      return children(value).filter((item) => {
        let found: unknown[] = [item];
        for (const name of step.path) found = found.flatMap((v) => apply({ kind: 'field', name }, v));
        if (found.length === 0) return false;
        return step.operator === undefined ? true : compare(found[0], step.operator, step.literal);
      });
  }
}

/** Every value a parsed JSONPath selects in `data`, in document order; missing keys select nothing. */
export function findResults(steps: Step[], data: unknown): unknown[] {
  let values: unknown[] = [data];
  for (const step of steps) values = values.flatMap((value) => apply(step, value));
  return values;
}

/**
 * A JSON number as the JSONPath printer writes it. Whole numbers decode to int64 in Go and print in
 * decimal; other floats print with `%v` (shortest `%g`): exponent form below 1e-4 and from 1e6.
 */
export function goFloat(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return BigInt(value).toString();
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent < -4 || exponent >= 6) {
    const [mantissa, power] = value.toExponential().split('e');
    const sign = power.startsWith('-') ? '-' : '+';
    const digits = power.replace(/^[+-]/, '').padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(value);
}

/** How the JSONPath printer writes one value: strings as they are, maps and lists as compact JSON. */
export function jsonPathText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goFloat(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '<nil>';
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isRecord(value)) return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
  return value;
}
