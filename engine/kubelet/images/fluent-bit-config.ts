/**
 * Fluent Bit's classic configuration format, as the fluent-bit docs and the fluent/fluent-bit
 * Helm chart write it: `[SERVICE]`, `[INPUT]`, `[FILTER]`, `[OUTPUT]` sections of indented
 * `Key Value` lines (keys are case-insensitive), `#` comments, `@INCLUDE file` (relative to the
 * including file's directory, `*` globs allowed, as the ConfigMap's keys sit side by side in one
 * directory), `@SET name=value`, and `${NAME}` taken from `@SET` or the environment. Only what
 * the simulation acts on is interpreted; every other key is kept as written.
 */

/** One `[INPUT]`, `[FILTER]` or `[OUTPUT]` section: its plugin `Name` and its keys, lower-cased. */
export interface FluentBitPlugin {
  /** The plugin, lower-cased: `tail`, `kubernetes`, `es`. */
  name: string;
  /** The instance name fluent-bit logs: `Alias`, else `NAME.N` numbered per plugin (`tail.0`). */
  instance: string;
  props: Record<string, string>;
}

/** A parsed configuration, or the problem fluent-bit reports before it aborts. */
export interface FluentBitConfig {
  service: Record<string, string>;
  inputs: FluentBitPlugin[];
  filters: FluentBitPlugin[];
  outputs: FluentBitPlugin[];
  /** `[ warn] …` lines printed while reading (an @INCLUDE that cannot be opened). */
  warnings: string[];
  /** Set when fluent-bit stops: `could not open configuration file` and friends. */
  error?: string;
}

/** What the parser reads files from: the container's file map. */
export interface ConfigFiles {
  get(path: string): string | undefined;
  keys(): Iterable<string>;
}

const dirname = (path: string): string => path.slice(0, path.lastIndexOf('/')) || '/';

/** `On`/`true`/`yes`/`1` as fluent-bit's boolean parser reads them. */
export function fluentBitBool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  return ['on', 'true', 'yes', '1'].includes(value.trim().toLowerCase());
}

/** `5`, `1.5`, `10s`, `1m`: fluent-bit's time values (Flush, Refresh_Interval) in ms. */
export function fluentBitSeconds(value: string | undefined, fallbackMs: number): number {
  const match = /^(\d+(?:\.\d+)?)\s*([smhd]?)$/i.exec((value ?? '').trim());
  if (!match) return fallbackMs;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2].toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * unit * 1000);
}

/** Files an `@INCLUDE` names: one path, or those matching a `*` glob, sorted as glob(3) sorts them. */
function includeTargets(pattern: string, files: ConfigFiles): string[] {
  if (!pattern.includes('*')) return [pattern];
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
  return [...files.keys()].filter((f) => re.test(f)).sort();
}

/** Read `path` and everything it includes into one configuration. */
export function parseFluentBitConfig(path: string, files: ConfigFiles, env: Record<string, string>): FluentBitConfig {
  const config: FluentBitConfig = { service: {}, inputs: [], filters: [], outputs: [], warnings: [] };
  if (files.get(path) === undefined) return { ...config, error: 'could not open configuration file' };
  const vars: Record<string, string> = {};
  const counters = new Map<string, number>();
  const expand = (text: string): string => text.replace(/\$\{([^}]+)\}/g, (_, name: string) => vars[name] ?? env[name] ?? '');
  let section: Record<string, string> | undefined;
  let kind = '';
  const close = (): void => {
    if (!section) return;
    const name = (section.name ?? '').toLowerCase();
    const list = kind === 'input' ? config.inputs : kind === 'filter' ? config.filters : kind === 'output' ? config.outputs : undefined;
    if (list) {
      const n = counters.get(`${kind}/${name}`) ?? 0;
      counters.set(`${kind}/${name}`, n + 1);
      list.push({ name, instance: section.alias ?? `${name}.${n}`, props: section });
    }
    section = undefined;
  };
  const read = (file: string, depth: number): boolean => {
    const text = files.get(file);
    if (text === undefined) {
      config.warnings.push(`[config] I cannot open ${file} file`);
      return false;
    }
    for (const raw of text.split('\n')) {
      const line = raw.replace(/\r$/, '').trim();
      if (!line || line.startsWith('#')) continue;
      const directive = /^@(INCLUDE|SET)\s+(.*)$/i.exec(line);
      if (directive) {
        if (directive[1].toUpperCase() === 'SET') {
          const [name, ...value] = directive[2].split('=');
          vars[name.trim()] = value.join('=').trim();
          continue;
        }
        const target = expand(directive[2].trim());
        const resolved = target.startsWith('/') ? target : `${dirname(file)}/${target}`;
        if (depth > 8) return false;
        for (const included of includeTargets(resolved, files)) if (!read(included, depth + 1)) return false;
        continue;
      }
      const header = /^\[([A-Za-z_]+)\]$/.exec(line);
      if (header) {
        close();
        kind = header[1].toLowerCase();
        section = kind === 'service' ? config.service : {};
        continue;
      }
      const entry = /^(\S+)\s+(.*)$/.exec(line);
      if (!entry || !section) {
        config.error = 'configuration file contains errors';
        return false;
      }
      section[entry[1].toLowerCase()] = expand(entry[2].trim());
    }
    return true;
  };
  const ok = read(path, 0);
  close();
  if (!ok) config.error ??= 'configuration file contains errors';
  return config;
}

/** The config file fluent-bit reads: `-c`/`--config` from its argv, else the image's default. */
export function fluentBitConfigPath(argv: string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-c' || arg === '--config') return argv[i + 1] ?? '';
    if (arg.startsWith('--config=')) return arg.slice('--config='.length);
    if (arg.startsWith('-c') && arg.length > 2) return arg.slice(2);
  }
  return '/fluent-bit/etc/fluent-bit.conf';
}

/** Whether a tag matches a `Match` pattern (`*` matches anything, including dots). */
export function tagMatches(pattern: string | undefined, tag: string): boolean {
  if (pattern === undefined) return false;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(tag);
}
