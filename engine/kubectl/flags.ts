/**
 * Command-line flags as kubectl reads them (spf13/pflag): `--name=value`, `--name value`,
 * `-n value`, `-nvalue`, `-n=value`, bundled boolean shorthands (`-Aw`), `--` to end flags, and
 * flags anywhere among the arguments. Error texts are pflag's, word for word.
 */

export type FlagType = 'bool' | 'string' | 'int' | 'stringSlice' | 'stringArray';

/** One flag: what `--help` prints about it and how its value is read. */
export interface FlagSpec {
  name: string;
  shorthand?: string;
  type: FlagType;
  /** The default as the help text prints it: `false`, `''`, `'yaml'`, `[]`, `500`. */
  default?: string;
  usage: string;
  /** Accepted but not listed by `--help` (deprecated and hidden flags). */
  hidden?: boolean;
}

export type FlagValue = boolean | string | number | string[];

/** Flags and positional arguments after parsing. */
export interface ParsedFlags {
  args: string[];
  /** Values of the flags that were given, by long name. */
  values: Map<string, FlagValue>;
  /** cobra's ArgsLenAtDash: how many positional args came before `--`, or -1. */
  argsLenAtDash?: number;
}

export type ParseResult = { ok: true; parsed: ParsedFlags } | { ok: false; error: string };

/** `-n, --namespace` or `--namespace`, as pflag names a flag in its messages. */
function flagName(spec: FlagSpec): string {
  return spec.shorthand ? `-${spec.shorthand}, --${spec.name}` : `--${spec.name}`;
}

/** Go's strconv.ParseBool. */
export function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/** Split a stringSlice value as encoding/csv reads one line (pflag uses it): commas, with "quoted" fields. */
function splitCsv(text: string): string[] {
  if (text === '') return [];
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    }
    else field += c;
  }
  out.push(field);
  return out;
}

function setValue(values: Map<string, FlagValue>, spec: FlagSpec, text: string): string | undefined {
  const invalid = (detail: string): string => `invalid argument ${JSON.stringify(text)} for "${flagName(spec)}" flag: ${detail}`;
  switch (spec.type) {
    case 'bool': {
      const value = parseGoBool(text);
      if (value === undefined) return invalid(`strconv.ParseBool: parsing ${JSON.stringify(text)}: invalid syntax`);
      values.set(spec.name, value);
      return undefined;
    }
    case 'int': {
      if (!/^[+-]?\d+$/.test(text)) return invalid(`strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
      values.set(spec.name, Number(text));
      return undefined;
    }
    case 'string':
      values.set(spec.name, text);
      return undefined;
    case 'stringSlice':
    case 'stringArray': {
      const previous = values.get(spec.name);
      const items = spec.type === 'stringSlice' ? splitCsv(text) : [text];
      values.set(spec.name, [...(Array.isArray(previous) ? previous : []), ...items]);
      return undefined;
    }
  }
}

/** Parse `argv` against `specs`, with pflag's interspersed flags and its error messages. */
export function parseFlags(argv: string[], specs: FlagSpec[]): ParseResult {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShorthand = new Map(specs.filter((s) => s.shorthand).map((s) => [s.shorthand!, s]));
  const values = new Map<string, FlagValue>();
  const args: string[] = [];
  let argsLenAtDash = -1;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      argsLenAtDash = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const body = arg.slice(2);
      if (body === '' || body.startsWith('-') || body.startsWith('=')) return { ok: false, error: `bad flag syntax: ${arg}` };
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      const spec = byName.get(name);
      if (!spec) return { ok: false, error: `unknown flag: --${name}` };
      let text: string;
      if (eq >= 0) text = body.slice(eq + 1);
      else if (spec.type === 'bool') text = 'true';
      else if (i + 1 < argv.length) text = argv[++i];
      else return { ok: false, error: `flag needs an argument: --${name}` };
      const error = setValue(values, spec, text);
      if (error) return { ok: false, error };
    } else if (arg.startsWith('-') && arg.length > 1) {
      const shorthands = arg.slice(1);
      for (let j = 0; j < shorthands.length; j++) {
        const c = shorthands[j];
        const spec = byShorthand.get(c);
        if (!spec) return { ok: false, error: `unknown shorthand flag: '${c}' in ${arg}` };
        let text: string;
        const rest = shorthands.slice(j + 1);
        if (rest.startsWith('=')) text = rest.slice(1);
        else if (spec.type === 'bool') text = 'true';
        else if (rest !== '') text = rest;
        else if (i + 1 < argv.length) text = argv[++i];
        else return { ok: false, error: `flag needs an argument: '${c}' in ${arg}` };
        const error = setValue(values, spec, text);
        if (error) return { ok: false, error };
        if (rest.startsWith('=') || spec.type !== 'bool') break;
      }
    } else {
      args.push(arg);
    }
  }
  return { ok: true, parsed: argsLenAtDash >= 0 ? { args, values, argsLenAtDash } : { args, values } };
}

/** The `Options:` block of `--help`: every visible flag, sorted by name, as kubectl prints it when not on a terminal. */
export function formatFlagUsages(specs: FlagSpec[]): string {
  return [...specs]
    .filter((s) => !s.hidden)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((s) => `    ${s.shorthand ? `-${s.shorthand}, ` : ''}--${s.name}=${s.default ?? defaultText(s.type)}:\n\t${s.usage}\n`)
    .join('\n');
}

function defaultText(type: FlagType): string {
  switch (type) {
    case 'bool': return 'false';
    case 'int': return '0';
    case 'string': return "''";
    default: return '[]';
  }
}

/** Typed reads of parsed values with their defaults. */
export function flagString(parsed: ParsedFlags, name: string, fallback = ''): string {
  const value = parsed.values.get(name);
  return typeof value === 'string' ? value : fallback;
}

export function flagBool(parsed: ParsedFlags, name: string, fallback = false): boolean {
  const value = parsed.values.get(name);
  return typeof value === 'boolean' ? value : fallback;
}

export function flagList(parsed: ParsedFlags, name: string): string[] {
  const value = parsed.values.get(name);
  return Array.isArray(value) ? value : [];
}

export function flagInt(parsed: ParsedFlags, name: string, fallback: number): number {
  const value = parsed.values.get(name);
  return typeof value === 'number' ? value : fallback;
}
