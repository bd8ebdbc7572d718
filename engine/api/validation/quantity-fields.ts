/**
 * Where quantities live in each kind, for the decoder. Kubernetes parses quantities while
 * decoding JSON, so a malformed one is a 400 BadRequest before validation even starts:
 * `Deployment in version "v1" cannot be handled as a Deployment: quantities must match …`.
 * The stored object holds the canonical strings (`cpu: 1000m` is stored and printed as `"1"`).
 */
import type { KubeObject } from '../types.ts';
import { asObject, asObjects } from './field-path.ts';
import type { Loose } from './field-path.ts';
import { canonicalQuantity, QuantityParseError } from './quantity.ts';

/** The decoder's message for a body it cannot convert into the kind. */
export function cannotBeHandledMessage(kind: string, version: string, detail: string): string {
  return `${kind} in version "${version}" cannot be handled as a ${kind}: ${detail}`;
}

/** Canonicalize every value of a resource map in place. */
function fixMap(map: unknown): void {
  const m = asObject(map);
  if (!m) return;
  for (const k of Object.keys(m)) m[k] = canonicalQuantity(m[k]);
}

function fixField(owner: Loose | undefined, field: string): void {
  if (owner && owner[field] !== undefined && owner[field] !== null) owner[field] = canonicalQuantity(owner[field]);
}

function fixRequirements(resources: unknown): void {
  const r = asObject(resources);
  fixMap(r?.limits);
  fixMap(r?.requests);
}

function fixPodSpec(specValue: unknown): void {
  const spec = asObject(specValue);
  if (!spec) return;
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    for (const ctr of asObjects(spec[list])) {
      fixRequirements(ctr.resources);
      for (const env of asObjects(ctr.env)) fixField(asObject(asObject(env.valueFrom)?.resourceFieldRef), 'divisor');
    }
  }
  fixMap(spec.overhead);
  fixRequirements(spec.resources);
  for (const vol of asObjects(spec.volumes)) {
    fixField(asObject(vol.emptyDir), 'sizeLimit');
    fixRequirements(asObject(asObject(asObject(vol.ephemeral)?.volumeClaimTemplate)?.spec)?.resources);
    for (const item of asObjects(asObject(vol.downwardAPI)?.items)) fixField(asObject(item.resourceFieldRef), 'divisor');
  }
}

function templateSpec(template: unknown): unknown {
  return asObject(template)?.spec;
}

/** Per kind (`group/Kind`), the places that hold quantities. */
const walkers: Record<string, (o: Loose) => void> = {
  '/Pod': (o) => fixPodSpec(o.spec),
  '/PodTemplate': (o) => fixPodSpec(templateSpec(o.template)),
  '/ReplicationController': (o) => fixPodSpec(templateSpec(asObject(o.spec)?.template)),
  'apps/Deployment': (o) => fixPodSpec(templateSpec(asObject(o.spec)?.template)),
  'apps/ReplicaSet': (o) => fixPodSpec(templateSpec(asObject(o.spec)?.template)),
  'apps/DaemonSet': (o) => fixPodSpec(templateSpec(asObject(o.spec)?.template)),
  'apps/StatefulSet': (o) => {
    fixPodSpec(templateSpec(asObject(o.spec)?.template));
    for (const pvc of asObjects(asObject(o.spec)?.volumeClaimTemplates)) fixRequirements(asObject(pvc.spec)?.resources);
  },
  'batch/Job': (o) => fixPodSpec(templateSpec(asObject(o.spec)?.template)),
  'batch/CronJob': (o) => fixPodSpec(templateSpec(asObject(asObject(asObject(o.spec)?.jobTemplate)?.spec)?.template)),
  '/PersistentVolumeClaim': (o) => {
    fixRequirements(asObject(o.spec)?.resources);
    fixMap(asObject(o.status)?.capacity);
  },
  '/PersistentVolume': (o) => fixMap(asObject(o.spec)?.capacity),
  '/ResourceQuota': (o) => {
    fixMap(asObject(o.spec)?.hard);
    fixMap(asObject(o.status)?.hard);
    fixMap(asObject(o.status)?.used);
  },
  '/LimitRange': (o) => {
    for (const limit of asObjects(asObject(o.spec)?.limits)) {
      for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) fixMap(limit[f]);
    }
  },
  '/Node': (o) => {
    fixMap(asObject(o.status)?.capacity);
    fixMap(asObject(o.status)?.allocatable);
  },
};

/**
 * Parse and canonicalize every quantity of an object of `group/kind`. Returns a copy with the
 * canonical strings, or the apimachinery error of the first quantity that does not parse.
 */
export function normalizeQuantities(group: string, kind: string, obj: KubeObject): { object: KubeObject; error?: string } {
  const walk = walkers[`${group}/${kind}`];
  if (!walk) return { object: obj };
  const copy = structuredClone(obj);
  try {
    walk(copy as Loose);
    return { object: copy };
  } catch (e) {
    if (e instanceof QuantityParseError) return { object: obj, error: e.message };
    throw e;
  }
}
