/**
 * Test helpers: look up a built-in resource and run an object through the create pipeline the store
 * runs (defaulting → admission → registry strategy). Used only by the *.test.ts files here.
 */
import { builtinResources, type ResourceInfo } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { admitDefaults, type AdmissionContext } from './admission.ts';
import { applyDefaults } from './apply-defaults.ts';
import { prepareForCreate } from './prepare-for-create.ts';

/** The ResourceInfo of a built-in kind, e.g. `resource('apps', 'v1', 'Deployment')`. */
export function resource(group: string, version: string, kind: string): ResourceInfo {
  const info = builtinResources.find((r) => r.group === group && r.version === version && r.kind === kind);
  if (!info) throw new Error(`no built-in ${group}/${version} ${kind}`);
  return info;
}

/** An admission context with a fixed name suffix and kind's default StorageClass. */
export const testAdmission: AdmissionContext = {
  random: { nameSuffix: () => 'x7k2q' },
  defaultStorageClassName: 'standard',
};

/** Metadata as the store sets it before defaulting: namespace, uid, resourceVersion, creationTimestamp. */
export function storedMeta(name: string, extra: Record<string, unknown> = {}): KubeObject['metadata'] {
  return {
    name,
    namespace: 'default',
    uid: '5f0c2a9e-1b7d-4c11-9a3e-2d5b8f6a7c01',
    resourceVersion: '1',
    creationTimestamp: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

/** What a create returns: applyDefaults → admitDefaults → prepareForCreate. */
export function create(info: ResourceInfo, obj: KubeObject, admission: AdmissionContext = testAdmission): KubeObject {
  const defaulted = applyDefaults(info, obj);
  const admitted = admitDefaults(info, defaulted, admission);
  return prepareForCreate(info, admitted, { now: Date.UTC(2026, 0, 1) });
}
