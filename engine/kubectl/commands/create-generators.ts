/**
 * The objects `kubectl create deployment|namespace|configmap|secret generic|service …|job|cronjob`
 * build, in Go field order as kubectl's generators fill them (what `--dry-run=client -o json` shows).
 * The real kubectl POSTs them as protobuf; the API answers a JSON body the same.
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext } from '../command.ts';
import { flagBool, flagInt, flagList, flagString } from '../flags.ts';
import { buildJobFromCronJob } from './create-job-from.ts';
import { configMapHash, secretHash } from './object-hash.ts';
import { requireFlags, type Json } from './write-support.ts';
import { isConfigMapKey } from '../../api/validation/names.ts';

/** `metadata` as the generators start it: name, the namespace when `-n` was given, a null creationTimestamp. */
function metadata(context: CommandContext, name: string, labels?: Record<string, string>): Json {
  return { name, ...(context.explicitNamespace ? { namespace: context.namespace } : {}), creationTimestamp: null, ...(labels ? { labels } : {}) };
}

/** A container name from an image reference, as `create deployment` derives it (`docker.io/library/nginx:1.27` → `nginx`). */
export function containerNameFor(image: string): string {
  let name = image.split('/').pop() ?? image;
  name = name.split(':')[0].split('@')[0];
  return name.replace(/_/g, '-');
}

/** `create deployment NAME --image=…` */
export function buildDeployment(context: CommandContext, name: string): Json {
  requireFlags(context, ['image']);
  const images = flagList(context.flags, 'image');
  const port = flagInt(context.flags, 'port', -1);
  const seen = new Map<string, number>();
  const containers = images.map((image, index) => {
    let containerName = containerNameFor(image);
    const count = seen.get(containerName) ?? 0;
    seen.set(containerName, count + 1);
    if (count) containerName = `${containerName}-${count}`;
    return { name: containerName, image, ...(index === 0 && port >= 0 ? { ports: [{ containerPort: port }] } : {}), resources: {} };
  });
  const command = context.args.slice(1);
  if (command.length) Object.assign(containers[0], { command });
  const labels = { app: name };
  return {
    kind: 'Deployment', apiVersion: 'apps/v1', metadata: metadata(context, name, labels),
    spec: {
      replicas: flagInt(context.flags, 'replicas', 1), selector: { matchLabels: labels },
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } }, strategy: {},
    },
    status: {},
  };
}

/** `create namespace NAME` */
export function buildNamespace(context: CommandContext, name: string): Json {
  return { kind: 'Namespace', apiVersion: 'v1', metadata: { name, creationTimestamp: null }, spec: {}, status: {} };
}

/** `key=value` pairs of `--from-literal`, with kubectl's error for a pair without `=`. */
function literals(context: CommandContext): [string, string][] {
  return flagList(context.flags, 'from-literal').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw KubectlError.client(`invalid literal source ${pair}, expected key=value`);
    return [pair.slice(0, eq), pair.slice(eq + 1)];
  });
}

/** `--from-file=[key=]path` sources, read from the session's files. */
function fileSources(context: CommandContext): [string, string][] {
  return flagList(context.flags, 'from-file').map((source) => {
    const eq = source.indexOf('=');
    const [key, path] = eq > 0 ? [source.slice(0, eq), source.slice(eq + 1)] : [source.split('/').pop() ?? source, source];
    const text = context.files[path];
    if (text === undefined) throw KubectlError.client(`error reading ${path}: no such file or directory`);
    return [key, text];
  });
}

function sortedRecord(pairs: [string, string][], encode: (v: string) => string): Record<string, string> | undefined {
  if (!pairs.length) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of [...pairs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) out[key] = encode(value);
  return out;
}

/**
 * The key checks of addKeyFromLiteralToConfigMap / addKeyFromLiteralToSecret, in the order kubectl
 * adds the keys (files, then literals). The two kinds word their errors differently in 1.32:
 * `cannot add key "a", … in Data for ConfigMap "c"` but `cannot add key a, another key …` for a Secret.
 */
function checkKeys(pairs: [string, string][], kind: 'ConfigMap' | 'Secret', name: string): [string, string][] {
  const seen = new Set<string>();
  for (const [key] of pairs) {
    const errs = isConfigMapKey(key);
    if (errs.length) {
      throw KubectlError.client(kind === 'ConfigMap'
        ? `${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(';')}`
        : `${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(';')}`);
    }
    if (seen.has(key)) {
      throw KubectlError.client(kind === 'ConfigMap'
        ? `cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`
        : `cannot add key ${key}, another key by that name already exists`);
    }
    seen.add(key);
  }
  return pairs;
}

/** `create configmap NAME --from-literal=… --from-file=…` */
export function buildConfigMap(context: CommandContext, name: string): Json {
  const data = sortedRecord(checkKeys([...fileSources(context), ...literals(context)], 'ConfigMap', name), (v) => v);
  const hashed = flagBool(context.flags, 'append-hash') ? `${name}-${configMapHash({ name, data })}` : name;
  return { kind: 'ConfigMap', apiVersion: 'v1', metadata: metadata(context, hashed), ...(data ? { data } : {}) };
}

/** Base64 of a string's UTF-8 bytes (btoa is Latin-1 only). */
export function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** `create secret generic NAME --from-literal=… [--type=…]` */
export function buildGenericSecret(context: CommandContext, name: string): Json {
  const data = sortedRecord(checkKeys([...fileSources(context), ...literals(context)], 'Secret', name), base64);
  const type = flagString(context.flags, 'type');
  const hashed = flagBool(context.flags, 'append-hash') ? `${name}-${secretHash({ name, type, data })}` : name;
  return { kind: 'Secret', apiVersion: 'v1', metadata: metadata(context, hashed), ...(data ? { data } : {}), ...(type ? { type } : {}) };
}

/** `create service clusterip|nodeport NAME --tcp=port[:targetPort]` */
export function buildService(context: CommandContext, name: string, type: 'ClusterIP' | 'NodePort', requirePorts = true): Json {
  const clusterIPFlag = flagString(context.flags, 'clusterip');
  if (requirePorts && clusterIPFlag !== 'None' && !flagList(context.flags, 'tcp').length) throw KubectlError.client('at least one tcp port specifier must be provided');
  const ports = flagList(context.flags, 'tcp').map((spec) => {
    const [port, target] = spec.split(':');
    const targetPort = target === undefined ? Number(port) : /^\d+$/.test(target) ? Number(target) : target;
    if (!/^\d+$/.test(port)) throw KubectlError.client(`parsing "${port}": invalid syntax`);
    const nodePort = flagInt(context.flags, 'node-port', 0);
    return { name: `${port}-${target ?? port}`, protocol: 'TCP', port: Number(port), targetPort, ...(type === 'NodePort' && nodePort ? { nodePort } : {}) };
  });
  const clusterIP = flagString(context.flags, 'clusterip');
  const labels = { app: name };
  return {
    kind: 'Service', apiVersion: 'v1', metadata: metadata(context, name, labels),
    spec: { ports, selector: labels, ...(clusterIP ? { clusterIP } : {}), type },
    status: { loadBalancer: {} },
  };
}

/** `create job NAME --image=… [-- COMMAND…]`, or `--from=cronjob/NAME` (create-job-from.ts). */
export function buildJob(context: CommandContext, name: string): Json {
  const image = flagString(context.flags, 'image');
  const from = flagString(context.flags, 'from');
  if (!image === !from) throw KubectlError.client('either --image or --from must be specified');
  const command = context.args.slice(1);
  if (from && command.length) throw KubectlError.client('cannot specify --from and command');
  if (from) return buildJobFromCronJob(context, name, from);
  return {
    kind: 'Job', apiVersion: 'batch/v1', metadata: metadata(context, name),
    spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [{ name, image, ...(command.length ? { command } : {}), resources: {} }], restartPolicy: 'Never' } } },
    status: {},
  };
}

/** `create cronjob NAME --image=… --schedule=… [-- COMMAND…]` */
export function buildCronJob(context: CommandContext, name: string): Json {
  const image = flagString(context.flags, 'image');
  const schedule = flagString(context.flags, 'schedule');
  requireFlags(context, ['image', 'schedule']);
  const command = context.args.slice(1);
  const restartPolicy = flagString(context.flags, 'restart') || 'OnFailure';
  return {
    kind: 'CronJob', apiVersion: 'batch/v1', metadata: metadata(context, name),
    spec: {
      schedule,
      jobTemplate: {
        metadata: { name, creationTimestamp: null },
        spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [{ name, image, ...(command.length ? { command } : {}), resources: {} }], restartPolicy } } },
      },
    },
    status: {},
  };
}

/** `create serviceaccount NAME` */
export function buildServiceAccount(context: CommandContext, name: string): Json {
  return { kind: 'ServiceAccount', apiVersion: 'v1', metadata: metadata(context, name) };
}

/** `create service externalname NAME --external-name=host [--tcp=…]`: the name must be a DNS subdomain. */
export function buildExternalNameService(context: CommandContext, name: string): Json {
  requireFlags(context, ['external-name']);
  const externalName = flagString(context.flags, 'external-name');
  const subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
  if (externalName.length > 253 || !subdomain.test(externalName)) throw KubectlError.client(`invalid service external name ${externalName}`);
  const service = buildService(context, name, 'ClusterIP', false);
  const spec = service.spec as Json;
  return { ...service, spec: { ...spec, type: 'ExternalName', externalName } };
}

/** `create service loadbalancer NAME --tcp=port[:targetPort]` */
export function buildLoadBalancerService(context: CommandContext, name: string): Json {
  const service = buildService(context, name, 'ClusterIP');
  return { ...service, spec: { ...(service.spec as Json), type: 'LoadBalancer' } };
}

/**
 * `create secret docker-registry NAME --docker-server=… --docker-username=… --docker-password=…
 * [--docker-email=…]`: a `.dockerconfigjson` key holding `{"auths":{SERVER:{…, "auth": base64(user:password)}}}`.
 */
export function buildDockerRegistrySecret(context: CommandContext, name: string): Json {
  const username = flagString(context.flags, 'docker-username');
  const password = flagString(context.flags, 'docker-password');
  const email = flagString(context.flags, 'docker-email');
  const server = flagString(context.flags, 'docker-server', 'https://index.docker.io/v1/');
  const sources = fileSources(context);
  if (!sources.length && (!username || !password || !server)) {
    throw KubectlError.client('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
  }
  // Go's json.Marshal of DockerConfigJSON: fields in struct order, email omitted when empty.
  const entry = { username, password, ...(email ? { email } : {}), auth: base64(`${username}:${password}`) };
  const data = sources.length ? sortedRecord(sources, base64) : { '.dockerconfigjson': base64(JSON.stringify({ auths: { [server]: entry } })) };
  return { kind: 'Secret', apiVersion: 'v1', metadata: metadata(context, name), data, type: 'kubernetes.io/dockerconfigjson' };
}
