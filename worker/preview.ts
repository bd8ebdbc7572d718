/**
 * The editor's "what would Apply change": for each object of a file, the live object (as
 * `kubectl get -o yaml` prints it) and the object the API server would store (a server-side
 * dry run, as `kubectl apply --dry-run=server -o yaml` prints it). The kubectl emulator does not
 * take `-o` with `apply` nor `get -f` yet, so this asks the front door directly with the same
 * requests: a GET, then an apply PATCH with `dryRun=All`.
 */
import type { Cluster } from '../engine/cluster.ts';
import type { KubeObject } from '../engine/api/types.ts';
import { resourcePath } from '../engine/api/registry.ts';
import { parseManifests, stringifyYaml } from '../engine/yaml/index.ts';
import type { ApplyPreview, ObjectPreview } from './protocol.ts';

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The object as `-o yaml` prints it: without metadata.managedFields. */
function printable(object: unknown): string {
  const copy = { ...record(object) };
  const metadata = record(copy.metadata);
  if (metadata && 'managedFields' in metadata) {
    const { managedFields: _omitted, ...rest } = metadata;
    copy.metadata = rest;
  }
  return stringifyYaml(copy);
}

/** `Error from server (Reason): message`, from a Status body. */
function serverError(body: unknown): string {
  const status = record(body);
  return `Error from server (${String(status?.reason ?? 'InternalError')}): ${String(status?.message ?? 'unknown error')}`;
}

/** Preview `kubectl apply -f fileName` of `text`, without changing the cluster. */
export function previewApply(cluster: Pick<Cluster, 'handle' | 'api'>, fileName: string, text: string): ApplyPreview {
  const parsed = parseManifests(text, { filename: fileName });
  const objects: ObjectPreview[] = [];
  const errors = parsed.errors.map((e) => `error: ${e.kubectlMessage}`);
  for (const manifest of parsed.kubectlObjects) {
    const apiVersion = typeof manifest.apiVersion === 'string' ? manifest.apiVersion : '';
    const kind = typeof manifest.kind === 'string' ? manifest.kind : '';
    const metadata = record(manifest.metadata) ?? {};
    const name = typeof metadata.name === 'string' ? metadata.name : '';
    const info = cluster.api.context.registry.byKind(apiVersion, kind);
    if (!info) {
      errors.push(`error: resource mapping not found for name: "${name}" namespace: "${String(metadata.namespace ?? '')}" from "${fileName}": no matches for kind "${kind}" in version "${apiVersion}"`);
      continue;
    }
    if (!name) {
      errors.push(`error: error when retrieving current configuration of: Resource: "${info.resource}", GroupVersionKind: "${apiVersion}, Kind=${kind}" Name: "", Namespace: "" from server for: "${fileName}": resource name may not be empty`);
      continue;
    }
    const namespace = info.namespaced ? (typeof metadata.namespace === 'string' ? metadata.namespace : 'default') : undefined;
    const path = resourcePath(info, namespace, name);
    const title = `${info.group ? `${info.resource}.${info.group}` : info.resource}/${name}`;
    const live = cluster.handle({ method: 'GET', path });
    const applied = cluster.handle({
      method: 'PATCH',
      path,
      query: { dryRun: 'All', fieldManager: 'kubectl', force: 'true' },
      headers: { 'content-type': 'application/apply-patch+yaml', 'user-agent': 'kubectl/v1.32.0 (kubelab)' },
      body: manifest as KubeObject,
    });
    if (applied.status >= 400) {
      errors.push(serverError(applied.body));
      continue;
    }
    objects.push({ title, live: live.status === 200 ? printable(live.body) : '', proposed: printable(applied.body) });
  }
  return { objects, errors };
}
