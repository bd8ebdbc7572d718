/**
 * Command-line flags as kubectl reads them (spf13/pflag): `--name=value`, `--name value`,
 * `-n value`, `-nvalue`, `-n=value`, bundled boolean shorthands (`-Aw`), `--` to end flags, and
 * flags anywhere among the arguments. Error texts are pflag's, word for word.
 */

/**
 * How a flag's value is read. `int` is Go's int (64 bits where kubectl ships) and also covers
 * Int64 flags; `int32` is pflag's Int32; `level` is klog's `-v` (int32, decimal only);
 * `stringToString` is pflag's map flag; `mapStringString` is component-base's cliflag.MapStringString.
 */
export type FlagType = 'bool' | 'string' | 'int' | 'int32' | 'level' | 'stringSlice' | 'stringArray' | 'stringToString' | 'mapStringString';

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
  /** pflag's MarkDeprecated message: using the flag prints `Flag --NAME has been deprecated, MESSAGE`. */
  deprecated?: string;
}

export type FlagValue = boolean | string | number | string[] | Map<string, string>;

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

/** One line as Go's encoding/csv Reader.Read returns it (pflag reads slice and map flags with it), or its ParseError text. */
export function readCsvRecord(text: string): { fields: string[] } | { error: string } {
  const line = text.split('\n')[0].replace(/\r$/, '');
  const fields: string[] = [];
  // Columns are 1-based byte positions, as csv.ParseError counts them.
  const column = (index: number): number => new TextEncoder().encode(line.slice(0, index)).length + 1;
  let i = 0;
  for (;;) {
    if (line[i] !== '"') {
      const comma = line.indexOf(',', i);
      const field = line.slice(i, comma < 0 ? line.length : comma);
      const quote = field.indexOf('"');
      if (quote >= 0) return { error: `parse error on line 1, column ${column(i + quote)}: bare " in non-quoted-field` };
      fields.push(field);
      if (comma < 0) return { fields };
      i = comma + 1;
      continue;
    }
    let field = '';
    i++;
    for (;;) {
      const quote = line.indexOf('"', i);
      if (quote < 0) return { error: `parse error on line 1, column ${column(line.length)}: extraneous or missing " in quoted-field` };
      field += line.slice(i, quote);
      i = quote + 1;
      if (line[i] === '"') {
        field += '"';
        i++;
      } else if (line[i] === ',') {
        fields.push(field);
        i++;
        break;
      } else if (i === line.length) {
        fields.push(field);
        return { fields };
      } else return { error: `parse error on line 1, column ${column(quote)}: extraneous or missing " in quoted-field` };
    }
  }
}

/** Go's strconv.Atoi (base 10, 64 bits), which kubectl's generators call on string flags such as `--port`. */
export function parseGoAtoi(text: string): { value: number } | { error: string } {
  const parsed = parseGoInt(text, 64, 10);
  return 'error' in parsed ? { error: parsed.error.replace('strconv.ParseInt', 'strconv.Atoi') } : parsed;
}

/**
 * Go's strconv.ParseInt(text, base, bits) as pflag (base 0: 0x/0o/0b prefixes, a leading 0 for
 * octal, `_` between digits) and klog (base 10) call it. BigInt, because 2^63 is not exact in a double.
 */
export function parseGoInt(text: string, bits: 32 | 64, base: 0 | 10 = 0): { value: number } | { error: string } {
  const syntax = { error: `strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax` };
  const range = { error: `strconv.ParseInt: parsing ${JSON.stringify(text)}: value out of range` };
  const negative = text.startsWith('-');
  let digits = text.startsWith('+') || negative ? text.slice(1) : text;
  if (digits === '') return syntax;
  let radix = 10;
  if (base === 0 && digits[0] === '0') {
    // `0x…`, `0o…`, `0b…` need a digit after the prefix to count as one; otherwise a leading 0 means octal.
    const radixOfPrefix = digits.length >= 3 ? ({ x: 16, o: 8, b: 2 } as Record<string, number>)[digits[1].toLowerCase()] : undefined;
    radix = radixOfPrefix ?? 8;
    digits = digits.slice(radixOfPrefix ? 2 : 1);
  }
  // ParseUint stops at the first overflow (a range error even if a bad digit follows), at 2^bits - 1.
  const max = (1n << BigInt(bits)) - 1n;
  let n = 0n;
  let underscores = false;
  for (const c of digits) {
    if (c === '_' && base === 0) {
      underscores = true;
      continue;
    }
    const d = /[0-9]/.test(c) ? c.charCodeAt(0) - 48 : /[a-z]/i.test(c) ? c.toLowerCase().charCodeAt(0) - 87 : 99;
    if (d >= radix) return syntax;
    n = n * BigInt(radix) + BigInt(d);
    if (n > max) return range;
  }
  if (underscores && !underscoresOk(text)) return syntax;
  const cutoff = 1n << BigInt(bits - 1);
  if (negative ? n > cutoff : n >= cutoff) return range;
  return { value: Number(negative ? -n : n) };
}

/** strconv's underscoreOK: `_` only between digits, or between a base prefix and a digit. */
function underscoresOk(text: string): boolean {
  let s = text.replace(/^[+-]/, '');
  let saw = '^';
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(s[1].toLowerCase())) {
    hex = s[1].toLowerCase() === 'x';
    saw = '0';
    s = s.slice(2);
  }
  for (const c of s) {
    if (/[0-9]/.test(c) || (hex && /[a-f]/i.test(c))) saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

/** pflag's stringToString Set (v1.0.5, kubectl 1.32's): one pair taken whole, several read as a csv record. */
function parseStringToString(text: string): { pairs: [string, string][] } | { error: string } {
  const equals = text.split('=').length - 1;
  if (equals === 0) return { error: `${text} must be formatted as key=value` };
  let items: string[];
  if (equals === 1) items = [text.replace(/^"+|"+$/g, '')];
  else {
    const record = readCsvRecord(text);
    if ('error' in record) return record;
    items = record.fields;
  }
  const pairs: [string, string][] = [];
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq < 0) return { error: `${item} must be formatted as key=value` };
    pairs.push([item.slice(0, eq), item.slice(eq + 1)]);
  }
  return { pairs };
}

/** component-base's MapStringString Set: split on every comma (no quoting), skip empty pieces, trim keys and values. */
function parseMapStringString(text: string): { pairs: [string, string][] } | { error: string } {
  const pairs: [string, string][] = [];
  for (const piece of text.split(',')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    if (eq < 0) return { error: 'malformed pair, expect string=string' };
    pairs.push([piece.slice(0, eq).trim(), piece.slice(eq + 1).trim()]);
  }
  return { pairs };
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
    case 'int':
    case 'int32':
    case 'level': {
      const parsed = parseGoInt(text, spec.type === 'int' ? 64 : 32, spec.type === 'level' ? 10 : 0);
      if ('error' in parsed) return invalid(parsed.error);
      values.set(spec.name, parsed.value);
      return undefined;
    }
    case 'stringToString':
    case 'mapStringString': {
      const parsed = spec.type === 'stringToString' ? parseStringToString(text) : parseMapStringString(text);
      if ('error' in parsed) return invalid(parsed.error);
      // Repeated flags merge into one map; a later key wins.
      const previous = values.get(spec.name);
      values.set(spec.name, new Map([...(previous instanceof Map ? previous : []), ...parsed.pairs]));
      return undefined;
    }
    case 'string':
      values.set(spec.name, text);
      return undefined;
    case 'stringSlice':
    case 'stringArray': {
      const previous = values.get(spec.name);
      let items = [text];
      if (spec.type === 'stringSlice') {
        // pflag's stringSlice: an empty value is an empty list, anything else one csv record.
        const record = text === '' ? { fields: [] } : readCsvRecord(text);
        if ('error' in record) return invalid(record.error);
        items = record.fields;
      }
      values.set(spec.name, [...(Array.isArray(previous) ? previous : []), ...items]);
      return undefined;
    }
  }
}

/**
 * pflag's NoOptDefVal of the flags kubectl's shared helpers add to every command that has them
 * (AddDryRunFlag, AddValidateFlags, DeleteFlags' --cascade): the value a bare `--dry-run` takes,
 * instead of consuming the next word.
 */
export const noOptDefaults: Readonly<Record<string, string>> = { 'dry-run': 'unchanged', validate: 'strict', cascade: 'background' };

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
      else if (spec.type === 'string' && noOptDefaults[name] !== undefined) text = noOptDefaults[name];
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
    case 'int':
    case 'int32':
    case 'level': return '0';
    case 'mapStringString': return "''";
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

/** A map flag's pairs (stringToString, mapStringString), empty when not given. */
export function flagMap(parsed: ParsedFlags, name: string): Map<string, string> {
  const value = parsed.values.get(name);
  return value instanceof Map ? value : new Map();
}

/**
 * Flags of generated help data with their Go types restored where `--help` cannot tell them apart
 * (an Int32 prints like an Int, a map flag like a slice): `withFlagTypes(help.flags, { replicas: 'int32' })`.
 */
export function withFlagTypes(flags: FlagSpec[], types: Record<string, FlagType>): FlagSpec[] {
  return flags.map((flag) => (types[flag.name] ? { ...flag, type: types[flag.name] } : flag));
}
