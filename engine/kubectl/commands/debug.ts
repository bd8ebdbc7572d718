/**
 * `kubectl debug (POD | TYPE/NAME) [ -- COMMAND [args...] ]`: as kubectl 1.32's DebugOptions does,
 * either add an ephemeral container to a running pod (a strategic merge patch of
 * `pods/NAME/ephemeralcontainers`), or create a copy of the pod with a debug container or changed
 * images (`--copy-to`), or create a pod on a node in the host's namespaces (`debug node/NAME`).
 * Then, with `-i`, wait for the container to run and attach. The emulator's input is never a
 * terminal, so `-t` is dropped with kubectl's notice, and the piped input (usually none) ends the
 * session at once; a container that has already exited shows its logs, as kubectl falls back to.
 */
import { KubectlError } from '../client/api-client.ts';
import type { ApiResource } from '../client/discovery.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagList, flagMap, flagString, withFlagTypes } from '../flags.ts';
import { argsLenAtDash } from './exec.ts';
import { debugHelp } from './debug-help.ts';
import { applyProfile, debugProfiles, type DebugProfile, type KeepFlags } from './debug-profiles.ts';
import { specFromHelp } from './help/types.ts';
import { bodyOf, objectPath, restMapper, send, type Json } from './write-support.ts';

/** The options of one `kubectl debug` run, after Complete and Validate. */
interface DebugOptions {
  targets: string[];
  args: string[];
  image: string;
  container: string;
  copyTo: string;
  target: string;
  profile: DebugProfile;
  keep: KeepFlags;
  interactive: boolean;
  tty: boolean;
  attach: boolean;
  quiet: boolean;
  argsOnly: boolean;
  pullPolicy: string;
  env: { name: string; value: string }[];
  setImages: Map<string, string>;
  replace: boolean;
  sameNode: boolean;
  /** `--share-processes`, only when given on the command line. */
  shareProcesses?: boolean;
}

/** The docker reference grammar (distribution/reference.ReferenceRegexp), anchored. */
const component = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const domainPart = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const referencePattern = new RegExp(`^(?:${domainPart}(?:\\.${domainPart})*(?::[0-9]+)?/)?${component}(?:/${component})*`
  + '(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$');

/** Whether kubectl accepts `image` as an image reference. */
export function validImageReference(image: string): boolean {
  return referencePattern.test(image);
}

/** utilrand's alphabet: no vowels (no words) and no easily confused characters. */
const suffixAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * A 5-character suffix like kubectl's `utilrand.String(5)`. The emulator has no random source of
 * its own, so it hashes the pod, the existing names and the cluster time: the same state gives
 * the same name, and a second debug container never repeats the first.
 */
export function nameSuffix(seed: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 5; round++) {
    for (const ch of `${seed}/${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += suffixAlphabet[h % suffixAlphabet.length];
  }
  return out;
}

function containerNames(pod: Json): Set<string> {
  const spec = (pod.spec ?? {}) as Json;
  return new Set(['containers', 'initContainers', 'ephemeralContainers'].flatMap((k) => ((spec[k] ?? []) as Json[]).map((c) => String(c.name))));
}

/** computeDebugContainerName: `-c`, else `debugger-xxxxx` not yet in the pod, announced on stdout. */
function debugContainerName(context: CommandContext, o: DebugOptions, pod: Json): string {
  if (o.container) return o.container;
  const taken = containerNames(pod);
  const meta = (pod.metadata ?? {}) as Json;
  let name = '';
  for (let i = 0; !name || taken.has(name); i++) name = `debugger-${nameSuffix(`${String(meta.uid ?? meta.name)}/${taken.size}/${i}/${clock(context)}`)}`;
  if (!o.quiet) context.out.stdout.push(`Defaulting debug container name to ${name}.\n`);
  return name;
}

function clock(context: CommandContext): number {
  const api = context.api as { now?: () => number };
  return typeof api.now === 'function' ? api.now() : 0;
}

/** The fields kubectl sets on a debug container, in its JSON order (empty ones omitted, as Go does). */
function debugContainer(o: DebugOptions, name: string): Json {
  const c: Json = { name, image: o.image };
  if (o.args.length) c[o.argsOnly ? 'args' : 'command'] = o.args;
  if (o.env.length) c.env = o.env;
  if (o.pullPolicy) c.imagePullPolicy = o.pullPolicy;
  c.terminationMessagePolicy = 'File';
  if (o.interactive) c.stdin = true;
  if (o.tty) c.tty = true;
  return c;
}

function parseOptions(context: CommandContext): DebugOptions {
  const { flags, args } = context;
  const dash = argsLenAtDash(flags) ?? -1;
  const targets = dash >= 0 && args.length > dash ? args.slice(0, dash) : args;
  const command = dash >= 0 && args.length > dash ? args.slice(dash) : [];
  const profile = flagString(flags, 'profile', 'legacy');
  if (!(debugProfiles as readonly string[]).includes(profile)) throw KubectlError.client(`unknown profile: ${profile}`);
  const interactive = flagBool(flags, 'stdin');
  // Both are pflag stringToString flags: malformed pairs were refused while parsing (with the usage line).
  const setImages = flagMap(flags, 'set-image');
  const env = [...flagMap(flags, 'env')].map(([name, value]) => ({ name, value }));
  return {
    targets, args: command, image: flagString(flags, 'image'), container: flagString(flags, 'container'),
    copyTo: flagString(flags, 'copy-to'), target: flagString(flags, 'target'), profile: profile as DebugProfile,
    keep: {
      labels: flagBool(flags, 'keep-labels'), annotations: flagBool(flags, 'keep-annotations'), liveness: flagBool(flags, 'keep-liveness'),
      readiness: flagBool(flags, 'keep-readiness'), startup: flagBool(flags, 'keep-startup'), initContainers: flagBool(flags, 'keep-init-containers', true),
    },
    interactive, tty: flagBool(flags, 'tty'), quiet: flagBool(flags, 'quiet'), argsOnly: flagBool(flags, 'arguments-only'),
    // `--attach` defaults to true with `-i` unless given.
    attach: flags.values.has('attach') ? flagBool(flags, 'attach') : interactive,
    pullPolicy: flagString(flags, 'image-pull-policy'), env, setImages,
    replace: flagBool(flags, 'replace'), sameNode: flagBool(flags, 'same-node'),
    ...(flags.values.has('share-processes') ? { shareProcesses: flagBool(flags, 'share-processes', true) } : {}),
  };
}

/** DebugOptions.Validate, in kubectl's order (its notices included). */
function validate(context: CommandContext, o: DebugOptions): void {
  if (o.attach && context.flags.values.has('attach') && !o.image && !o.container) {
    throw KubectlError.client('you must specify --container or create a new container using --image in order to attach.');
  }
  if (o.copyTo) {
    if (!o.image && !o.setImages.size && !o.args.length) throw KubectlError.client('you must specify --image, --set-image or command arguments.');
    if (o.args.length && !o.container && !o.image) throw KubectlError.client('you must specify an existing container or a new image when specifying args.');
  } else if (o.replace) throw KubectlError.client('--replace may only be used with --copy-to.');
  else if (o.sameNode) throw KubectlError.client('--same-node may only be used with --copy-to.');
  else if (o.setImages.size) throw KubectlError.client('--set-image may only be used with --copy-to.');
  else if (!o.image) throw KubectlError.client('you must specify --image when not using --copy-to.');
  if (o.image && !validImageReference(o.image)) throw KubectlError.client(`invalid image name "${o.image}": invalid reference format`);
  if (!o.targets.length && !flagList(context.flags, 'filename').length) throw KubectlError.client('NAME or filename is required for debug');
  if (!['Always', 'IfNotPresent', 'Never', ''].includes(o.pullPolicy)) throw KubectlError.client(`invalid image pull policy: ${o.pullPolicy}`);
  for (const [name, image] of o.setImages) {
    if (!validImageReference(image)) throw KubectlError.client(`invalid image name "${image}" for container "${name}": invalid reference format`);
  }
  if (o.target) {
    if (o.copyTo) throw KubectlError.client('--target is incompatible with --copy-to. Use --share-processes instead.');
    if (!o.quiet) context.out.stdout.push(`Targeting container "${o.target}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`);
  }
  if (o.tty && !o.interactive) throw KubectlError.client('-i/--stdin is required for containers with -t/--tty=true');
  if (o.profile === 'legacy') context.out.stderr.push('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');
}

/** The pod (or node) each argument names: `NAME` is a pod, `TYPE/NAME` any type. */
function resolve(context: CommandContext, arg: string): { mapping: ApiResource; object: Json } {
  const mapper = restMapper(context);
  const slash = arg.indexOf('/');
  const mapping = mapper.mappingFor(slash < 0 ? 'pods' : arg.slice(0, slash));
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  const object = bodyOf(send(context, 'GET', objectPath(mapping, context.namespace, name)));
  return { mapping, object };
}

/** debugByEphemeralContainer: patch `pods/NAME/ephemeralcontainers` with the new container. */
function debugByEphemeralContainer(context: CommandContext, o: DebugOptions, pod: Json): { pod: Json; container: string } {
  const name = debugContainerName(context, o, pod);
  const container = debugContainer(o, name);
  if (o.target) container.targetContainerName = o.target;
  const copy = structuredClone(pod);
  const spec = copy.spec as Json;
  spec.ephemeralContainers = [...((spec.ephemeralContainers ?? []) as Json[]), container];
  applyProfile(o.profile, copy, name, 'ephemeral', o.keep);
  const after = spec.ephemeralContainers as Json[];
  const existing = ((pod.spec as Json).ephemeralContainers ?? []) as Json[];
  // CreateTwoWayMergePatch: the entries that changed or are new, with the order directive when
  // others exist. With `-c` naming an existing ephemeral container, the profile changes that one
  // (the first of the name), and the server refuses the change.
  const changed = after.filter((c, i) => i >= existing.length || JSON.stringify(c) !== JSON.stringify(existing[i]));
  const patch = {
    spec: existing.length
      ? { '$setElementOrder/ephemeralContainers': after.map((c) => ({ name: c.name })), ephemeralContainers: changed }
      : { ephemeralContainers: changed },
  };
  const meta = pod.metadata as Json;
  const path = `${objectPath(restMapper(context).mappingFor('pods'), String(meta.namespace), String(meta.name))}/ephemeralcontainers`;
  const response = send(context, 'PATCH', path, { body: patch, contentType: 'application/strategic-merge-patch+json' });
  if (response.status === 404 && !((response.body as Json | undefined)?.details as Json | undefined)?.name) {
    const message = String((response.body as Json | undefined)?.message ?? '');
    throw KubectlError.client(`ephemeral containers are disabled for this cluster (error from server: "${message}")`);
  }
  return { pod: bodyOf(response), container: name };
}

/** generatePodCopyWithDebugContainer and debugByCopy: create the copy (and delete the original with `--replace`). */
function debugByCopy(context: CommandContext, o: DebugOptions, pod: Json): { pod: Json; container: string } {
  const meta = pod.metadata as Json;
  const copied: Json = {
    metadata: { name: o.copyTo, namespace: meta.namespace, ...(meta.labels ? { labels: meta.labels } : {}), ...(meta.annotations ? { annotations: meta.annotations } : {}) },
    spec: structuredClone(pod.spec ?? {}),
  };
  const spec = copied.spec as Json;
  delete spec.ephemeralContainers;
  if (o.shareProcesses !== undefined) spec.shareProcessNamespace = o.shareProcesses;
  if (!o.sameNode) delete spec.nodeName;
  for (const c of (spec.containers ?? []) as Json[]) {
    const image = o.setImages.get(String(c.name)) ?? o.setImages.get('*');
    if (image) c.image = image;
  }
  let name = o.container;
  let c = ((spec.containers ?? []) as Json[]).find((x) => x.name === name)
    ?? [...((spec.initContainers ?? []) as Json[])].find((x) => x.name === name);
  if (!c) {
    if (!o.image) {
      if (o.setImages.size) return create(context, o, pod, copied, '');
      throw KubectlError.client('you must specify image when creating new container');
    }
    if (!name) name = debugContainerName(context, o, copied);
    c = { name, terminationMessagePolicy: 'File' };
    spec.containers = [...((spec.containers ?? []) as Json[]), c];
  }
  if (o.args.length) {
    if (o.argsOnly) c.args = o.args;
    else { c.command = o.args; delete c.args; }
  }
  if (o.env.length) c.env = o.env;
  if (o.image) c.image = o.image;
  if (o.pullPolicy) c.imagePullPolicy = o.pullPolicy;
  if (o.interactive) c.stdin = true; else delete c.stdin;
  if (o.tty) c.tty = true; else delete c.tty;
  applyProfile(o.profile, copied, String(c.name), 'podCopy', o.keep);
  return create(context, o, pod, copied, name);
}

function create(context: CommandContext, o: DebugOptions, original: Json, copied: Json, container: string): { pod: Json; container: string } {
  const meta = original.metadata as Json;
  const pods = restMapper(context).mappingFor('pods');
  const created = bodyOf(send(context, 'POST', objectPath(pods, String(meta.namespace)), { body: { kind: 'Pod', apiVersion: 'v1', ...copied } }));
  if (o.replace) bodyOf(send(context, 'DELETE', objectPath(pods, String(meta.namespace), String(meta.name)), { body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 } }));
  return { pod: created, container };
}

/** generateNodeDebugPod: `node-debugger-NODE-xxxxx` on the node, tolerating every taint, never restarted. */
function debugNode(context: CommandContext, o: DebugOptions, node: Json): { pod: Json; container: string } {
  const container = o.container || 'debugger';
  const nodeName = String((node.metadata as Json).name);
  const podName = `node-debugger-${nodeName}-${nameSuffix(`${nodeName}/${clock(context)}/${String((node.metadata as Json).resourceVersion)}`)}`;
  if (!o.quiet) context.out.stdout.push(`Creating debugging pod ${podName} with container ${container} on node ${nodeName}.\n`);
  const pod: Json = {
    kind: 'Pod', apiVersion: 'v1',
    metadata: { name: podName, labels: { 'app.kubernetes.io/managed-by': 'kubectl-debug' } },
    spec: { containers: [debugContainer(o, container)], nodeName, restartPolicy: 'Never', tolerations: [{ operator: 'Exists' }] },
  };
  applyProfile(o.profile, pod, container, 'node', o.keep);
  const created = bodyOf(send(context, 'POST', objectPath(restMapper(context).mappingFor('pods'), context.namespace), { body: pod }));
  return { pod: created, container };
}

function runDebug(context: CommandContext): number {
  const o = parseOptions(context);
  validate(context, o);
  if (!o.targets.length) throw KubectlError.client('kubelab: `kubectl debug -f` is not available in this lab yet; name the pod');
  for (const arg of o.targets) {
    const { mapping, object } = resolve(context, arg);
    let result: { pod: Json; container: string };
    if (mapping.kind === 'Node' && mapping.group === '') result = debugNode(context, o, object);
    else if (mapping.kind === 'Pod' && mapping.group === '') result = o.copyTo ? debugByCopy(context, o, object) : debugByEphemeralContainer(context, o, object);
    else throw KubectlError.client(`"${mapping.group}/${mapping.version}, Kind=${mapping.kind}" not supported by debug`);
    if (o.attach && result.container) attach(context, o, result.pod, result.container);
  }
  return 0;
}

/** A container's status by name, wherever it is (getContainerStatusByName). */
function statusOf(pod: Json, name: string): Json | undefined {
  const status = (pod.status ?? {}) as Json;
  return ['initContainerStatuses', 'containerStatuses', 'ephemeralContainerStatuses']
    .flatMap((k) => (status[k] ?? []) as Json[]).find((s) => s.name === name);
}

/** The longest the emulator waits for a debug container to start, in virtual ms. */
const waitLimitMs = 5 * 60_000;

/** waitForContainer then handleAttachPod, without a terminal (see the file's comment). */
function attach(context: CommandContext, o: DebugOptions, created: Json, container: string): void {
  const meta = created.metadata as Json;
  const path = objectPath(restMapper(context).mappingFor('pods'), String(meta.namespace), String(meta.name));
  const driver = context.api as { advance?: (ms: number) => void; now?: () => number };
  const start = clock(context);
  let pod: Json;
  let warned = '';
  for (;;) {
    pod = bodyOf(send(context, 'GET', path));
    const state = (statusOf(pod, container)?.state ?? {}) as Json;
    if (state.running || state.terminated) break;
    const message = String(((state.waiting ?? {}) as Json).message ?? '');
    if (!o.quiet && message && message !== warned) context.out.stderr.push(`Warning: container ${container}: ${message}\n`);
    warned = message;
    if (typeof driver.advance !== 'function' || clock(context) - start >= waitLimitMs) {
      throw KubectlError.client(`kubelab: container ${container} did not start within ${waitLimitMs / 60_000}m of cluster time`);
    }
    driver.advance(1000);
  }
  if (((statusOf(pod, container)?.state ?? {}) as Json).terminated) {
    // The container has exited: kubectl shows its logs instead of attaching.
    const log = send(context, 'GET', `${path}/log`, { query: { container } });
    if (log.status < 300) context.out.stdout.push(String(log.body ?? ''));
    return;
  }
  if (o.tty && !o.quiet) context.out.stderr.push('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  if (!o.quiet) context.out.stderr.push("If you don't see a command prompt, try pressing enter.\n");
}

/** The `debug` command. */
/** `--env` and `--set-image` are pflag stringToString flags (the help shows them like slices). */
const help = { ...debugHelp, flags: withFlagTypes(debugHelp.flags, { env: 'stringToString', 'set-image': 'stringToString' }) };

export const debugCommand: CommandSpec = specFromHelp('debug', help, runDebug);
