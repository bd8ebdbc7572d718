/**
 * The registry strategies' PrepareForCreate and PrepareForUpdate (pkg/registry/<group>/<kind>/
 * strategy.go): what the API server itself sets on an object, after defaulting and admission and
 * before validation — status reset, generation, the Job selector, Namespace finalizers, Pod status,
 * Service IP families (and, through a hook, the cluster IP allocator).
 */
import type { ResourceInfo } from '../registry.ts';
import type { KubeObject, UserInfo } from '../types.ts';
import { rfc3339 } from '../../clock.ts';
import { canonicalize } from './canonical-order.ts';
import { computeQosClass } from './qos.ts';
import { child, deepCopy, ensure, hasEntries, isObj, type Obj } from './util.ts';
import { copyTemplateLabelsToJob } from './workloads.ts';

/** What PrepareForCreate needs from the store. */
export interface PrepareContext {
  /** Virtual time in ms (PersistentVolume `status.lastPhaseTransitionTime`, scheduling-gate condition). */
  now: number;
  /**
   * The Service allocator hook: called with the Service's spec after its IP families are set, to
   * fill `clusterIP`/`clusterIPs`, `nodePort`s and `healthCheckNodePort` in place. The real registry
   * allocates at this point too (before validation), so allocation failures surface as create errors.
   */
  allocateServiceAddresses?: (spec: Record<string, unknown>) => void;
  /** The requesting user (a CertificateSigningRequest records who asked); none for the engine's own writes. */
  user?: UserInfo;
}

/** Kinds whose strategy sets `metadata.generation = 1` on create (`group/Kind`). */
const generationKinds = new Set([
  'apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job', 'batch/CronJob',
  '/ReplicationController', '/PodTemplate', 'policy/PodDisruptionBudget', 'networking.k8s.io/Ingress',
  'networking.k8s.io/IngressClass', 'networking.k8s.io/NetworkPolicy', 'discovery.k8s.io/EndpointSlice',
  'apiextensions.k8s.io/CustomResourceDefinition', 'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
]);

/** Kinds whose strategy throws away any status the creator sent (the status subresource owns it). */
const statusResetKinds = new Set([
  'apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job', 'batch/CronJob',
  '/ReplicationController', '/Service', '/ResourceQuota', 'policy/PodDisruptionBudget', 'networking.k8s.io/Ingress',
  'autoscaling/HorizontalPodAutoscaler', 'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
]);

type Preparer = (obj: Obj, ctx: PrepareContext) => void;

/**
 * The v1 face of a DaemonSet's internal `spec.templateGeneration`: the server owns it, starting
 * at 1 and counting template changes (the DaemonSet controller labels pods with it).
 */
const templateGenerationAnnotation = 'deprecated.daemonset.template.generation';

function setTemplateGeneration(obj: Obj, generation: number): void {
  const metadata = ensure(obj, 'metadata');
  metadata.annotations = { ...(metadata.annotations as Obj | undefined ?? {}), [templateGenerationAnnotation]: String(generation) };
}

const preparers: Record<string, Preparer> = {
  'apps/DaemonSet': (obj) => setTemplateGeneration(obj, 1),
  '/Pod': (obj, ctx) => {
    const spec = ensure(obj, 'spec');
    const status: Obj = { phase: 'Pending' };
    if (hasEntries(spec.schedulingGates)) {
      const time = rfc3339(ctx.now);
      status.conditions = [{
        type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: time,
        reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates',
      }];
    }
    status.qosClass = computeQosClass(spec);
    obj.status = status;
  },
  '/Namespace': (obj) => {
    const spec = ensure(obj, 'spec');
    const finalizers = Array.isArray(spec.finalizers) ? spec.finalizers : [];
    spec.finalizers = finalizers.includes('kubernetes') ? finalizers : [...finalizers, 'kubernetes'];
    obj.status = { phase: 'Active' };
  },
  '/PersistentVolumeClaim': (obj) => {
    obj.status = { phase: 'Pending' };
  },
  '/PersistentVolume': (obj, ctx) => {
    obj.status = { phase: 'Pending', lastPhaseTransitionTime: rfc3339(ctx.now) };
  },
  '/Service': (obj, ctx) => {
    const spec = ensure(obj, 'spec');
    defaultIpFamilies(spec);
    ctx.allocateServiceAddresses?.(spec);
  },
  'batch/Job': (obj) => {
    const spec = ensure(obj, 'spec');
    if (spec.manualSelector !== true) generateJobSelector(obj, spec);
    // The Job is read back from storage through defaulting, which copies the (now generated)
    // template labels to a Job that has none of its own.
    copyTemplateLabelsToJob(obj);
  },
  'certificates.k8s.io/CertificateSigningRequest': (obj, ctx) => recordRequestor(obj, ctx.user),
  'apiextensions.k8s.io/CustomResourceDefinition': (obj) => {
    const versions = Array.isArray(child(obj, 'spec')?.versions) ? (child(obj, 'spec')?.versions as unknown[]) : [];
    const storage = versions.find((v) => isObj(v) && v.storage === true) as Obj | undefined;
    obj.status = storage ? { storedVersions: [storage.name] } : {};
  },
};

/** A user as an authenticator may describe it: cert users have no uid, ServiceAccount tokens carry uid and extra. */
type RequestingUser = UserInfo & { uid?: string; extra?: Record<string, string[]> };

/**
 * csrStrategy.PrepareForCreate: whatever the client wrote as username, uid, groups and extra is
 * replaced by the requesting user's (so `kubectl get csr` REQUESTOR shows who really asked), and
 * the status is emptied — nobody creates a pre-approved request.
 */
function recordRequestor(obj: Obj, user: RequestingUser | undefined): void {
  const spec = ensure(obj, 'spec');
  for (const field of ['username', 'uid', 'groups', 'extra']) delete spec[field];
  if (user) {
    // Empty strings and lists are dropped by the v1 encoder's omitempty, as here.
    if (user.username) spec.username = user.username;
    if (user.uid) spec.uid = user.uid;
    if (user.groups.length) spec.groups = [...user.groups];
    if (user.extra && Object.keys(user.extra).length) spec.extra = deepCopy(user.extra);
  }
  obj.status = {};
}

/**
 * The fields a create's writer does not own although they are stored: the field manager runs
 * before PrepareForCreate, so what the strategy fills in (a CSR's requestor, unless the client sent
 * those fields itself) belongs to nobody. Undefined: the default (`status` alone).
 */
export function createResetFields(info: ResourceInfo, requested: KubeObject): string[][] | undefined {
  if (kindKey(info) !== 'certificates.k8s.io/CertificateSigningRequest') return undefined;
  const sent = isObj(requested.spec) ? requested.spec : {};
  return [['status'], ...['username', 'uid', 'groups', 'extra'].filter((field) => !(field in sent)).map((field) => ['spec', field])];
}

/**
 * Single-stack IPv4 cluster (as kind creates by default): every Service but ExternalName gets
 * `ipFamilyPolicy: SingleStack` and `ipFamilies: [IPv4]`, except a headless Service without a
 * selector, which asks for `RequireDualStack` and gets what the cluster has, `[IPv4]`.
 */
function defaultIpFamilies(spec: Obj): void {
  if (spec.type === 'ExternalName') return;
  const headlessWithoutSelector = spec.clusterIP === 'None' && !hasEntries(spec.selector);
  if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = headlessWithoutSelector ? 'RequireDualStack' : 'SingleStack';
  if (!hasEntries(spec.ipFamilies)) spec.ipFamilies = ['IPv4'];
}

/**
 * The Job's selector and pod labels (strategy.go generateSelector): both the legacy and the
 * `batch.kubernetes.io/` forms of job-name and controller-uid go on the template; the selector
 * matches the prefixed controller-uid only. The uid is the one the store gave the Job.
 */
function generateJobSelector(obj: Obj, spec: Obj): void {
  const metadata = ensure(obj, 'metadata');
  const template = ensure(spec, 'template');
  const labels = ensure(ensure(template, 'metadata'), 'labels');
  const name = String(metadata.name ?? '');
  const uid = String(metadata.uid ?? '');
  for (const key of ['job-name', 'batch.kubernetes.io/job-name']) if (!(key in labels)) labels[key] = name;
  for (const key of ['controller-uid', 'batch.kubernetes.io/controller-uid']) if (!(key in labels)) labels[key] = uid;
  const selector = ensure(spec, 'selector');
  const matchLabels = ensure(selector, 'matchLabels');
  if (!('batch.kubernetes.io/controller-uid' in matchLabels)) matchLabels['batch.kubernetes.io/controller-uid'] = uid;
}

function kindKey(info: ResourceInfo): string {
  return `${info.group}/${info.kind}`;
}

/**
 * A copy of a defaulted, admitted object with the registry's create-time changes applied. Run it
 * after `applyDefaults` and `admitDefaults`, and after the store has set `metadata.uid` (the Job
 * selector needs it). `owned`: obj is the write pipeline's private copy, changed in place.
 */
export function prepareForCreate(info: ResourceInfo, obj: KubeObject, ctx: PrepareContext, owned = false): KubeObject {
  const copy = owned ? obj : deepCopy(obj);
  if (!info.namespaced) delete copy.metadata.namespace;
  if (info.custom) return copy;
  const key = kindKey(info);
  if (statusResetKinds.has(key)) copy.status = {};
  if (generationKinds.has(key)) copy.metadata.generation = 1;
  preparers[key]?.(copy, ctx);
  return canonicalize(copy);
}

/**
 * A copy of an updated object with the registry's update-time rules: the status of the stored
 * object is kept (only the status subresource changes it), and `metadata.generation` goes up by one
 * when the spec changed, for the kinds that track a generation. `owned`: obj is the write
 * pipeline's private copy, changed in place.
 */
export function prepareForUpdate(info: ResourceInfo, obj: KubeObject, old: KubeObject, owned = false): KubeObject {
  const copy = owned ? obj : deepCopy(obj);
  if (info.custom) return copy;
  const key = kindKey(info);
  if (old.status !== undefined && (statusResetKinds.has(key) || info.subresources?.includes('status'))) {
    copy.status = deepCopy(old.status);
  }
  // csrStrategy (and its status and approval strategies) never change the spec after create.
  if (key === 'certificates.k8s.io/CertificateSigningRequest' && old.spec !== undefined) copy.spec = deepCopy(old.spec);
  if (generationKinds.has(key)) {
    const oldGeneration = typeof old.metadata.generation === 'number' ? old.metadata.generation : 1;
    // Everything but metadata and status is "spec" here (an EndpointSlice keeps endpoints at the top).
    const changed = JSON.stringify(specPart(copy)) !== JSON.stringify(specPart(old));
    copy.metadata.generation = changed ? oldGeneration + 1 : oldGeneration;
  }
  if (key === 'apps/DaemonSet') {
    const oldTemplateGeneration = Number(old.metadata.annotations?.[templateGenerationAnnotation] ?? 1) || 1;
    const templateChanged = JSON.stringify(sortedDeep((copy.spec as Obj | undefined)?.template)) !== JSON.stringify(sortedDeep((old.spec as Obj | undefined)?.template));
    setTemplateGeneration(copy, templateChanged ? oldTemplateGeneration + 1 : oldTemplateGeneration);
  }
  return canonicalize(copy);
}

function specPart(obj: KubeObject): unknown {
  const { metadata: _metadata, status: _status, ...rest } = obj;
  return sortedDeep(rest);
}

function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const key of Object.keys(value).sort()) out[key] = sortedDeep(value[key]);
  return out;
}
