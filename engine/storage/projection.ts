/**
 * What the kubelet writes into configMap, secret, downwardAPI and projected volumes: one file per
 * key (or per `items` entry, at its `path`), with `defaultMode` or the item's `mode`. The kubelet
 * rewrites them on its periodic pod sync, so an update shows up about a minute later.
 */
import type { ConfigMap, Container, DownwardAPIVolumeFile, KeyToPath, Secret, Volume } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import type { PodFacts } from './downward-api.ts';
import { podFieldValue, resourceFieldValue } from './downward-api.ts';
import type { ConfigSource } from './env.ts';
import { decodeSecretValue } from './env.ts';

/** A projected file: its text and permission bits. */
export interface ProjectedFile {
  data: string;
  mode: number;
}

/** The files of a volume, or why it cannot be set up (the FailedMount message's cause). */
export type ProjectionResult = { files: Map<string, ProjectedFile> } | { error: string };

/** Whether the kubelet builds this volume's contents from API objects. */
export function isProjectedVolume(volume: Volume): boolean {
  return !!(volume.configMap || volume.secret || volume.downwardAPI || volume.projected);
}

function keyFiles(
  data: Record<string, string>, items: KeyToPath[] | undefined, mode: number, files: Map<string, ProjectedFile>, optional: boolean, missingKey: (key: string) => string,
): string | undefined {
  if (!items?.length) {
    for (const key of Object.keys(data).sort()) files.set(key, { data: data[key], mode });
    return undefined;
  }
  for (const item of items) {
    if (data[item.key] === undefined) {
      if (optional) continue;
      return missingKey(item.key);
    }
    files.set(item.path, { data: data[item.key], mode: item.mode ?? mode });
  }
  return undefined;
}

function configMapData(configMap: ConfigMap): Record<string, string> {
  const data: Record<string, string> = { ...(configMap.data ?? {}) };
  for (const [key, value] of Object.entries(configMap.binaryData ?? {})) data[key] = decodeSecretValue(value);
  return data;
}

function secretData(secret: Secret): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret.data ?? {})) data[key] = decodeSecretValue(value);
  return data;
}

function downwardFiles(pod: KubeObject, items: DownwardAPIVolumeFile[], mode: number, facts: PodFacts, files: Map<string, ProjectedFile>): void {
  const containers = (pod.spec as { containers?: Container[] }).containers ?? [];
  for (const item of items) {
    let data = '';
    if (item.fieldRef) data = podFieldValue(pod, item.fieldRef.fieldPath, facts, true) ?? '';
    else if (item.resourceFieldRef) {
      const container = containers.find((c) => c.name === item.resourceFieldRef!.containerName) ?? containers[0];
      data = resourceFieldValue(container, item.resourceFieldRef, facts);
    }
    files.set(item.path, { data, mode: item.mode ?? mode });
  }
}

/** A stand-in service account token: a JWT-shaped string naming the pod's service account. */
function serviceAccountToken(pod: KubeObject): string {
  const encode = (value: object): string => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const account = (pod.spec as { serviceAccountName?: string }).serviceAccountName ?? 'default';
  const subject = `system:serviceaccount:${pod.metadata.namespace}:${account}`;
  return `${encode({ alg: 'RS256', kid: 'kubelab' })}.${encode({ aud: ['https://kubernetes.default.svc.cluster.local'], iss: 'https://kubernetes.default.svc.cluster.local', sub: subject })}.kubelab`;
}

/** The files of a configMap, secret, downwardAPI or projected volume at this moment. */
export function projectVolume(volume: Volume, pod: KubeObject, source: ConfigSource, facts: PodFacts): ProjectionResult {
  const namespace = pod.metadata.namespace ?? 'default';
  const files = new Map<string, ProjectedFile>();
  const configMapSource = (name: string, items: KeyToPath[] | undefined, optional: boolean, mode: number): string | undefined => {
    const configMap = source.configMap(namespace, name);
    if (!configMap) return optional ? undefined : `configmap "${name}" not found`;
    return keyFiles(configMapData(configMap), items, mode, files, optional, (key) => `configmap references non-existent config key: ${key}`);
  };
  const secretSource = (name: string, items: KeyToPath[] | undefined, optional: boolean, mode: number): string | undefined => {
    const secret = source.secret(namespace, name);
    if (!secret) return optional ? undefined : `secret "${name}" not found`;
    return keyFiles(secretData(secret), items, mode, files, optional, (key) => `references non-existent secret key: ${key}`);
  };
  let error: string | undefined;
  if (volume.configMap) {
    const c = volume.configMap;
    error = configMapSource(c.name ?? '', c.items, !!c.optional, c.defaultMode ?? 0o644);
  } else if (volume.secret) {
    const s = volume.secret;
    error = secretSource(s.secretName ?? '', s.items, !!s.optional, s.defaultMode ?? 0o644);
  } else if (volume.downwardAPI) {
    downwardFiles(pod, volume.downwardAPI.items ?? [], volume.downwardAPI.defaultMode ?? 0o644, facts, files);
  } else if (volume.projected) {
    const mode = volume.projected.defaultMode ?? 0o644;
    for (const part of volume.projected.sources ?? []) {
      if (part.configMap) error ??= configMapSource(part.configMap.name ?? '', part.configMap.items, !!part.configMap.optional, mode);
      if (part.secret) error ??= secretSource(part.secret.name ?? '', part.secret.items, !!part.secret.optional, mode);
      if (part.downwardAPI) downwardFiles(pod, part.downwardAPI.items ?? [], mode, facts, files);
      if (part.serviceAccountToken) files.set(part.serviceAccountToken.path, { data: serviceAccountToken(pod), mode });
    }
  }
  return error ? { error } : { files };
}
