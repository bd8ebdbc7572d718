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

/**
 * One pass over an object's quantities. The first pass only checks (and finds the first bad one);
 * a second pass writes the canonical strings, into a copy, only when some quantity is not canonical.
 */
interface Pass {
  write: boolean;
  changed: boolean;
}

function fixValue(pass: Pass, owner: Loose, key: string): void {
  const value = owner[key];
  const canonical = canonicalQuantity(value);
  if (canonical === value) return;
  pass.changed = true;
  if (pass.write) owner[key] = canonical;
}

/** Canonicalize every value of a resource map. */
function fixMap(pass: Pass, map: unknown): void {
  const m = asObject(map);
  if (!m) return;
  for (const k of Object.keys(m)) fixValue(pass, m, k);
}

function fixField(pass: Pass, owner: Loose | undefined, field: string): void {
  if (owner && owner[field] !== undefined && owner[field] !== null) fixValue(pass, owner, field);
}

function fixRequirements(pass: Pass, resources: unknown): void {
  const r = asObject(resources);
  fixMap(pass, r?.limits);
  fixMap(pass, r?.requests);
}

const podSpecContainerLists = ['containers', 'initContainers', 'ephemeralContainers'];

function fixPodSpec(pass: Pass, specValue: unknown): void {
  const spec = asObject(specValue);
  if (!spec) return;
  for (const list of podSpecContainerLists) {
    for (const ctr of asObjects(spec[list])) {
      fixRequirements(pass, ctr.resources);
      for (const env of asObjects(ctr.env)) fixField(pass, asObject(asObject(env.valueFrom)?.resourceFieldRef), 'divisor');
    }
  }
  fixMap(pass, spec.overhead);
  fixRequirements(pass, spec.resources);
  for (const vol of asObjects(spec.volumes)) {
    fixField(pass, asObject(vol.emptyDir), 'sizeLimit');
    fixRequirements(pass, asObject(asObject(asObject(vol.ephemeral)?.volumeClaimTemplate)?.spec)?.resources);
    for (const item of asObjects(asObject(vol.downwardAPI)?.items)) fixField(pass, asObject(item.resourceFieldRef), 'divisor');
  }
}

function templateSpec(template: unknown): unknown {
  return asObject(template)?.spec;
}

/** Per kind (`group/Kind`), the places that hold quantities. */
const walkers: Record<string, (p: Pass, o: Loose) => void> = {
  '/Pod': (p, o) => fixPodSpec(p, o.spec),
  '/PodTemplate': (p, o) => fixPodSpec(p, templateSpec(o.template)),
  '/ReplicationController': (p, o) => fixPodSpec(p, templateSpec(asObject(o.spec)?.template)),
  'apps/Deployment': (p, o) => fixPodSpec(p, templateSpec(asObject(o.spec)?.template)),
  'apps/ReplicaSet': (p, o) => fixPodSpec(p, templateSpec(asObject(o.spec)?.template)),
  'apps/DaemonSet': (p, o) => fixPodSpec(p, templateSpec(asObject(o.spec)?.template)),
  'apps/StatefulSet': (p, o) => {
    fixPodSpec(p, templateSpec(asObject(o.spec)?.template));
    for (const pvc of asObjects(asObject(o.spec)?.volumeClaimTemplates)) fixRequirements(p, asObject(pvc.spec)?.resources);
  },
  'batch/Job': (p, o) => fixPodSpec(p, templateSpec(asObject(o.spec)?.template)),
  'batch/CronJob': (p, o) => fixPodSpec(p, templateSpec(asObject(asObject(asObject(o.spec)?.jobTemplate)?.spec)?.template)),
  '/PersistentVolumeClaim': (p, o) => {
    fixRequirements(p, asObject(o.spec)?.resources);
    fixMap(p, asObject(o.status)?.capacity);
  },
  '/PersistentVolume': (p, o) => fixMap(p, asObject(o.spec)?.capacity),
  '/ResourceQuota': (p, o) => {
    fixMap(p, asObject(o.spec)?.hard);
    fixMap(p, asObject(o.status)?.hard);
    fixMap(p, asObject(o.status)?.used);
  },
  '/LimitRange': (p, o) => {
    for (const limit of asObjects(asObject(o.spec)?.limits)) {
      for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) fixMap(p, limit[f]);
    }
  },
  '/Node': (p, o) => {
    fixMap(p, asObject(o.status)?.capacity);
    fixMap(p, asObject(o.status)?.allocatable);
  },
};

/**
 * Parse and canonicalize every quantity of an object of `group/kind`. Returns the object with the
 * canonical strings (a copy when any had to change; the object itself when all were canonical, so
 * the input is never changed), or the apimachinery error of the first quantity that does not parse.
 */
export function normalizeQuantities(group: string, kind: string, obj: KubeObject): { object: KubeObject; error?: string } {
  const walk = walkers[`${group}/${kind}`];
  if (!walk) return { object: obj };
  try {
    const check: Pass = { write: false, changed: false };
    walk(check, obj as Loose);
    if (!check.changed) return { object: obj };
    const copy = structuredClone(obj);
    walk({ write: true, changed: false }, copy as Loose);
    return { object: copy };
  } catch (e) {
    if (e instanceof QuantityParseError) return { object: obj, error: e.message };
    throw e;
  }
}
