/**
 * Tab completion for the lab's terminal: the candidates kubectl's own `__complete` gives for a
 * line — verbs, subcommands, flags, resource types, object names, namespaces after `-n`,
 * containers after `-c`, output formats after `-o`. File names are left to the terminal.
 * `k` is accepted for `kubectl`, as the common shell alias.
 */
import type { ApiClient } from '../client/api-client.ts';
import type { CommandSpec } from '../command.ts';
import { commandRegistry } from '../commands/index.ts';
import { containerNames, objectNames, resourceTypes } from './candidates.ts';
import { parseLine, type CompletionLine } from './words.ts';

/** What to put in place of the word being typed: candidates for the text from `from` to the cursor. */
export interface Completion {
  from: number;
  items: string[];
}

/** The global flags real kubectl shows (the emulator accepts more, hidden), with their shorthands. */
const visibleGlobalFlags: [string, string?][] = [
  ['as'], ['as-group'], ['as-uid'], ['cache-dir'], ['certificate-authority'], ['client-certificate'], ['client-key'], ['cluster'],
  ['context'], ['disable-compression'], ['insecure-skip-tls-verify'], ['kubeconfig'], ['log-flush-frequency'], ['match-server-version'],
  ['namespace', 'n'], ['password'], ['profile'], ['profile-output'], ['request-timeout'], ['server', 's'], ['tls-server-name'], ['token'],
  ['user'], ['username'], ['v', 'v'], ['vmodule'], ['warnings-as-errors'],
];

/** `-o` values kubectl completes (get.go's output formats). */
const outputFormats = ['json', 'yaml', 'name', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath',
  'jsonpath-as-json', 'jsonpath-file', 'custom-columns', 'custom-columns-file', 'wide'];

/** What `logs`, `exec`, `attach` and `port-forward` offer besides pod names. */
const podOwnerPrefixes = ['daemonsets/', 'deployments/', 'pods/', 'jobs/', 'replicasets/', 'replicationcontrollers/', 'services/', 'statefulsets/'];

/** Verbs whose first argument is a resource type and whose next ones are names of that type. */
const typeThenNames = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'wait', 'explain']);

/** Verbs and subcommands that take only some types (as kubectl's ValidArgs list them). */
const fixedTypes: Record<string, string[]> = {
  'rollout status': ['deployment', 'daemonset', 'statefulset'],
  'rollout history': ['deployment', 'daemonset', 'statefulset'],
  'rollout undo': ['deployment', 'daemonset', 'statefulset'],
  'rollout restart': ['deployment', 'daemonset', 'statefulset'],
  'rollout pause': ['deployment'],
  'rollout resume': ['deployment'],
  scale: ['deployment', 'replicaset', 'replicationcontroller', 'statefulset'],
  autoscale: ['deployment', 'replicaset', 'replicationcontroller', 'statefulset'],
  expose: ['deployment', 'pod', 'replicaset', 'replicationcontroller', 'service'],
  taint: ['node'],
};

/** The flags of a command as cobra lists them: the global ones, then the command's own and `--help`, each name sorted, shorthands after. */
function flagWords(command: CommandSpec | undefined): string[] {
  const own = (command?.flags ?? []).filter((f) => !f.hidden);
  const ownNames = new Set(own.map((f) => f.name));
  const words = (flags: [string, string?][]): string[] => [...flags].sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([name, short]) => [`--${name}`, ...(short ? [`-${short}`] : [])]);
  const local: [string, string?][] = [...own.map((f): [string, string?] => [f.name, f.shorthand]), ['help', 'h']];
  return [...words(visibleGlobalFlags.filter(([name]) => !ownNames.has(name))), ...words(local)];
}

function namespaceOf(parsed: CompletionLine): string | undefined {
  if (parsed.flags.get('all-namespaces') === 'true') return undefined;
  return parsed.flags.get('namespace') ?? 'default';
}

/** Names of `type` not already on the line, written `prefix`+name. */
function names(api: ApiClient, parsed: CompletionLine, type: string, prefix = ''): string[] {
  const given = new Set(parsed.args);
  return objectNames(api, type, namespaceOf(parsed)).filter((n) => !given.has(n)).map((n) => prefix + n);
}

/** Candidates for a positional argument of the command path `verb`. */
function positional(api: ApiClient, parsed: CompletionLine, verb: string): string[] {
  const { args, current } = parsed;
  const slash = current.indexOf('/');
  // `TYPE/NAME`: names of that type, with the type as typed.
  if (slash > 0 && verb !== 'debug') return names(api, parsed, current.slice(0, slash), current.slice(0, slash + 1));
  if (['logs', 'exec', 'attach', 'port-forward'].includes(verb)) return args.length ? [] : [...names(api, parsed, 'pods'), ...podOwnerPrefixes];
  if (['cordon', 'uncordon', 'drain', 'top node'].includes(verb)) return names(api, parsed, 'nodes');
  if (verb === 'top pod') return names(api, parsed, 'pods');
  const fixed = fixedTypes[verb];
  if (fixed) return args.length ? names(api, parsed, args[0]) : fixed;
  if (typeThenNames.has(verb)) {
    if (!args.length) return resourceTypes(api);
    if (verb === 'explain' || args[0].includes('/')) return [];
    return names(api, parsed, args[0].split(',')[0]);
  }
  return [];
}

/**
 * Complete `line` at `cursor`. Example: `k get po -n kube-system co▮` gives
 * `{from: 28, items: ['coredns-…', 'coredns-…']}`.
 */
export async function complete(line: string, cursor: number, client: ApiClient): Promise<Completion> {
  const parsed = parseLine(line, cursor, commandRegistry);
  const { current, from } = parsed;
  const done = (items: string[]): Completion => ({ from: parsed.from, items: items.filter((item) => item.startsWith(parsed.current)) });
  if (!parsed.program) return { from, items: from === 0 && current && 'kubectl'.startsWith(current) ? ['kubectl'] : [] };
  const command = parsed.path.at(-1);
  switch (parsed.valueFor) {
    case 'namespace': return done(objectNames(client, 'namespaces', undefined));
    case 'output': return done(outputFormats);
    case 'container': {
      const pod = parsed.args[0]?.replace(/^(pods?|po)\//, '');
      return done(pod && !pod.includes('/') ? containerNames(client, pod, namespaceOf(parsed) ?? 'default') : []);
    }
    case undefined: break;
    default: return done([]);
  }
  if (current.startsWith('-')) return done(flagWords(command));
  if (!command) return done(Object.keys(commandRegistry).sort());
  if (command.subcommands?.length && !parsed.args.length && parsed.path.length === 1 && !command.run) {
    return done(command.subcommands.map((s) => s.name).sort());
  }
  if (command.subcommands?.length && !parsed.args.length && parsed.path.length === 1 && fixedTypes[command.name] === undefined && !typeThenNames.has(command.name)) {
    const subs = command.subcommands.map((s) => s.name).sort();
    if (subs.length) return done(subs);
  }
  return done(positional(client, parsed, parsed.path.map((c) => c.name).join(' ')));
}
