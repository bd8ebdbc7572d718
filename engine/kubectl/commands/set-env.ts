/**
 * `kubectl set env RESOURCE/NAME KEY=VAL… KEY-… [--from=configmap/x] [--list]`: change the
 * environment of the pod template's containers as kubectl 1.32's set_env.go does (an added
 * variable replaces every one of its name, a removal wins) and patch it, or list it.
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagList, flagString } from '../flags.ts';
import { setEnvHelp } from './help/set-env.ts';
import { specFromHelp } from './help/types.ts';
import { patchTargets, podSpecIn, selectContainers } from './set-support.ts';
import { findTargets } from './targets.ts';
import type { Json } from './write-support.ts';

/** One environment variable as the API holds it. */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Json;
}

/** kubectl's SplitEnvironmentFromResources: resources first, then `KEY=VAL` / `KEY-` arguments; undefined when mixed. */
export function splitEnvironmentFromResources(args: string[]): { resources: string[]; envArgs: string[] } | undefined {
  const resources: string[] = [];
  const envArgs: string[] = [];
  for (const arg of args) {
    const isEnv = /^.+=/s.test(arg) || arg.endsWith('-');
    if (isEnv) envArgs.push(arg);
    else if (envArgs.length) return undefined;
    else resources.push(arg);
  }
  return { resources, envArgs };
}

/** apimachinery's IsEnvVarName. */
function envVarNameErrors(name: string): string[] {
  const errors: string[] = [];
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) {
    errors.push("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')");
  }
  if (name === '.') errors.push("must not be '.'");
  else if (name === '..') errors.push("must not be '..'");
  else if (name.startsWith('..')) errors.push("must not start with '..'");
  return errors;
}

/** kubectl's ParseEnv: variables to set and names to remove, with its errors. */
export function parseEnv(specs: string[]): { env: EnvVar[]; remove: string[] } {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec === '-') throw KubectlError.client('kubelab: set env - (reading variables from stdin) is not supported in this lab yet');
    const eq = spec.indexOf('=');
    if (eq >= 0) {
      const name = spec.slice(0, eq);
      const errors = envVarNameErrors(name);
      if (errors.length) throw KubectlError.client(`"${name}" is not a valid key name: ${errors.join(';')}`);
      env.push({ name, value: spec.slice(eq + 1) });
    } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
    else throw KubectlError.client(`unknown environment variable: ${spec}`);
  }
  if (remove.some((name) => env.some((e) => e.name === name))) {
    throw KubectlError.client('can not both modify and remove the same environment variable in the same command');
  }
  return { env, remove };
}

/** kubectl's updateEnv: an added variable replaces all of its name in place, new ones go last, removals win. */
export function updateEnv(existing: EnvVar[], env: EnvVar[], remove: string[]): EnvVar[] {
  const out: EnvVar[] = [];
  const covered = new Set(remove);
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((n) => n.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(newer);
      continue;
    }
    out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

/** `configmap x, key k`: how --list shows a variable that comes from a reference. */
function refString(from: Json): string {
  const ref = (key: string): Json | undefined => from[key] as Json | undefined;
  if (ref('configMapKeyRef')) return `configmap ${String(ref('configMapKeyRef')?.name)}, key ${String(ref('configMapKeyRef')?.key)}`;
  if (ref('secretKeyRef')) return `secret ${String(ref('secretKeyRef')?.name)}, key ${String(ref('secretKeyRef')?.key)}`;
  if (ref('fieldRef')) return `field path ${String(ref('fieldRef')?.fieldPath)}`;
  const resource = ref('resourceFieldRef');
  if (resource) return `resource field ${resource.containerName ? `${String(resource.containerName)}/` : ''}${String(resource.resource)}`;
  return 'invalid valueFrom';
}

/** Variables from every key of the `--from` ConfigMaps or Secrets (keys sorted; Go's map order is random). */
function envFrom(context: CommandContext): EnvVar[] {
  const keys = flagList(context.flags, 'keys');
  const env: EnvVar[] = [];
  const found = findTargets({ ...context, flags: { ...context.flags, values: new Map([...context.flags.values].filter(([k]) => k !== 'filename')) } }, 'set env', [flagString(context.flags, 'from')], true);
  for (const target of found.targets) {
    if (target.error) throw target.error;
    const kind = target.mapping.kind;
    if (kind !== 'ConfigMap' && kind !== 'Secret') throw KubectlError.client('unsupported resource specified in --from');
    const data = ((target.object?.data ?? {}) as Record<string, unknown>);
    for (const key of Object.keys(data).sort()) {
      if (keys.length && !keys.includes(key)) continue;
      const name = key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
      if (name !== key) context.out.stderr.push(`Warning: key ${key} transferred to ${name}\n`);
      const refKey = kind === 'ConfigMap' ? 'configMapKeyRef' : 'secretKeyRef';
      env.push({ name, valueFrom: { [refKey]: { name: target.name, key } } });
    }
  }
  return env;
}

function runSetEnv(context: CommandContext): number {
  const { flags, out } = context;
  const split = splitEnvironmentFromResources(context.args);
  if (!split) throw KubectlError.client(`all resources must be specified before environment changes: ${context.args.join(' ')}`);
  if (!flagList(flags, 'filename').length && !split.resources.length) {
    throw KubectlError.client('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  }
  const list = flagBool(flags, 'list');
  if (list && flagString(flags, 'output')) throw KubectlError.client('--list and --output may not be specified together');
  if (flagList(flags, 'keys').length && !flagString(flags, 'from')) throw KubectlError.client('when specifying --keys, a configmap or secret must be provided with --from');
  const parsed = parseEnv([...flagList(flags, 'env'), ...split.envArgs]);
  let env = parsed.env;
  if (flagString(flags, 'from')) env = [...env, ...envFrom(context)];
  const prefix = flagString(flags, 'prefix');
  if (prefix) env = env.map((e) => ({ ...e, name: `${prefix}${e.name}` }));
  const pattern = flagString(flags, 'containers', '*');
  const overwrite = flagBool(flags, 'overwrite', true);
  const listed: string[] = [];
  const code = patchTargets(context, split.resources, {
    verb: 'set env',
    operation: 'env updated',
    failurePrefix: 'failed to patch env update to pod template: ',
    mutate(copy, mapping) {
      const podSpec = podSpecIn(mapping.kind, copy);
      const name = String(((copy.metadata ?? {}) as Json).name ?? '');
      const containers = podSpec ? selectContainers(podSpec, pattern) : [];
      if (!containers.length) {
        out.stderr.push(`Warning: ${mapping.kind}/${name} does not have any containers matching "${pattern}"\n`);
        return undefined;
      }
      for (const container of containers) {
        const existing = (container.env ?? []) as EnvVar[];
        if (!overwrite) {
          const clash = env.find((e) => existing.some((c) => c.name === e.name && (c.value ?? '') !== (e.value ?? '')));
          const current = clash && existing.find((c) => c.name === clash.name);
          if (current) return { error: KubectlError.client(`${mapping.resource}/${name} '${current.name}' already has a value (${current.value ?? ''}), and --overwrite is false`) };
        }
        const updated = updateEnv(existing, env, parsed.remove);
        if (updated.length) container.env = updated;
        else delete container.env;
        if (list) {
          listed.push(`# ${mapping.kind} ${name}, container ${String(container.name)}\n`);
          for (const e of updated) listed.push(e.valueFrom ? `# ${e.name} from ${refString(e.valueFrom)}\n` : `${e.name}=${e.value ?? ''}\n`);
        }
      }
      return undefined;
    },
  }, list); // --list prints and changes nothing.
  out.stdout.push(...listed);
  return code;
}

/** `kubectl set env`. */
export const setEnvCommand: CommandSpec = specFromHelp('env', setEnvHelp, runSetEnv);
