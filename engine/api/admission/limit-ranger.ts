/**
 * The LimitRanger admission plugin (plugin/pkg/admission/limitranger). Mutating, on pod create:
 * containers without a request or limit get the namespace's LimitRange `defaultRequest` /
 * `default`, and the pod is annotated `kubernetes.io/limit-ranger: LimitRanger plugin set: …`.
 * Validating, on pod create and claim create/update: min, max and maxLimitRequestRatio for
 * Container, Pod and PersistentVolumeClaim, every violation joined into one Forbidden:
 * `pods "x" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, …]`.
 */
import type { AdmissionAttributes, ApiContext } from '../context.ts';
import { statusErrors, StatusError } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { quantityString, type Quantity } from '../validation/quantity.ts';
import { podResourceTotal } from './pod-resources.ts';
import { parseResourceList, sortedNames, type ResourceList } from './resource-list.ts';

/** The annotation LimitRanger writes on the pods it defaulted. */
export const limitRangerAnnotation = 'kubernetes.io/limit-ranger';

type Json = Record<string, unknown>;

/** One `spec.limits` item of a LimitRange, its quantities parsed. */
export interface LimitRangeItem {
  type: string;
  min: ResourceList;
  max: ResourceList;
  defaultLimit: Json;
  defaultRequest: Json;
  maxLimitRequestRatio: ResourceList;
}

const asObject = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? value as Json : {});
const asArray = (value: unknown): Json[] => (Array.isArray(value) ? value.map(asObject) : []);

/** The limit items of each LimitRange in the namespace, LimitRanges by name. */
function limitRanges(ctx: ApiContext, namespace: string): LimitRangeItem[][] {
  // The store lists in name order, so several LimitRanges apply in a stable order.
  return ctx.store.list('/limitranges', namespace).map((range) => asArray(asObject(range.spec).limits).map((item) => ({
    type: String(item.type ?? ''),
    min: parseResourceList(item.min),
    max: parseResourceList(item.max),
    defaultLimit: asObject(item.default),
    defaultRequest: asObject(item.defaultRequest),
    maxLimitRequestRatio: parseResourceList(item.maxLimitRequestRatio),
  })));
}

/** `SupportsAttributes`: pods on create, claims on create and update, never a subresource. */
function supports(attributes: AdmissionAttributes): 'pod' | 'claim' | undefined {
  if (attributes.subresource || attributes.info.group !== '') return undefined;
  // Containers cannot change on a pod update, so LimitRanger leaves pod updates alone.
  if (attributes.info.resource === 'pods') return attributes.operation === 'CREATE' ? 'pod' : undefined;
  if (attributes.info.resource === 'persistentvolumeclaims' && attributes.operation !== 'DELETE') return 'claim';
  return undefined;
}

/** An object already being deleted is not limited. */
function deleting(attributes: AdmissionAttributes): boolean {
  return attributes.old?.metadata.deletionTimestamp !== undefined;
}

function forbidden(attributes: AdmissionAttributes, errors: string[]): never {
  // utilerrors.NewAggregate: one error alone, several as `[a, b]`.
  const why = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  const object = attributes.object;
  const name = object.metadata.name || object.metadata.generateName || 'Unknown';
  throw new StatusError(statusErrors.forbidden({ group: attributes.info.group, resource: attributes.info.resource, name }, why));
}

function containersOf(pod: KubeObject): { containers: Json[]; initContainers: Json[] } {
  const spec = asObject(pod.spec);
  return { containers: asArray(spec.containers), initContainers: asArray(spec.initContainers) };
}

/**
 * Mutating LimitRanger: fill each container's missing requests and limits from the Container
 * items' defaults, and record what was set in the `kubernetes.io/limit-ranger` annotation.
 * Example: nginx with no resources and defaults cpu 500m/memory 512Mi →
 * `LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx`.
 */
export function admitLimitRanges(ctx: ApiContext, attributes: AdmissionAttributes): void {
  if (supports(attributes) !== 'pod' || deleting(attributes)) return;
  const pod = attributes.object;
  for (const items of limitRanges(ctx, pod.metadata.namespace ?? '')) {
    // `defaultContainerResourceRequirements`: the Container items' defaults, later items winning.
    const defaults = { defaultLimit: {} as Json, defaultRequest: {} as Json };
    for (const item of items.filter((i) => i.type === 'Container')) {
      Object.assign(defaults.defaultLimit, item.defaultLimit);
      Object.assign(defaults.defaultRequest, item.defaultRequest);
    }
    const notes: string[] = [];
    const { containers, initContainers } = containersOf(pod);
    for (const container of containers) notes.push(...mergeContainerResources(container, defaults, 'container'));
    for (const container of initContainers) notes.push(...mergeContainerResources(container, defaults, 'init container'));
    // Each LimitRange rewrites the annotation with what it set, as PodMutateLimitFunc does.
    if (notes.length > 0) {
      pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [limitRangerAnnotation]: `LimitRanger plugin set: ${notes.join('; ')}` };
    }
  }
}

function mergeContainerResources(container: Json, item: Pick<LimitRangeItem, 'defaultLimit' | 'defaultRequest'>, prefix: string): string[] {
  const resources = { ...asObject(container.resources) };
  const limits = { ...asObject(resources.limits) };
  const requests = { ...asObject(resources.requests) };
  const setLimits = Object.keys(item.defaultLimit).filter((name) => !(name in limits));
  const setRequests = Object.keys(item.defaultRequest).filter((name) => !(name in requests));
  for (const name of setLimits) limits[name] = item.defaultLimit[name];
  for (const name of setRequests) requests[name] = item.defaultRequest[name];
  if (setLimits.length > 0) resources.limits = limits;
  if (setRequests.length > 0) resources.requests = requests;
  container.resources = resources;
  const notes: string[] = [];
  if (setRequests.length > 0) notes.push(`${sortedNames(setRequests).join(', ')} request for ${prefix} ${container.name}`);
  if (setLimits.length > 0) notes.push(`${sortedNames(setLimits).join(', ')} limit for ${prefix} ${container.name}`);
  return notes;
}

/** Validating LimitRanger: throws the Forbidden with every violated constraint. */
export function validateLimitRanges(ctx: ApiContext, attributes: AdmissionAttributes): void {
  const kind = supports(attributes);
  if (!kind || deleting(attributes)) return;
  const object = attributes.object;
  // Each LimitRange is checked on its own; the first that refuses answers, as runLimitFunc does.
  for (const items of limitRanges(ctx, object.metadata.namespace ?? '')) {
    const errors = kind === 'pod' ? podLimitErrors(items, object) : claimLimitErrors(items, object);
    if (errors.length > 0) forbidden(attributes, errors);
  }
}

/** `PodValidateLimitFunc`: each Container item against every container, each Pod item against the pod's sums. */
export function podLimitErrors(items: LimitRangeItem[], pod: KubeObject): string[] {
  const errors: string[] = [];
  const { containers, initContainers } = containersOf(pod);
  for (const item of items) {
    if (item.type === 'Container') {
      for (const container of [...containers, ...initContainers]) {
        const resources = asObject(container.resources);
        errors.push(...constraintErrors(item, 'Container', parseResourceList(resources.requests), parseResourceList(resources.limits)));
      }
    }
    if (item.type === 'Pod') {
      const spec = (pod.spec ?? {}) as Json;
      errors.push(...constraintErrors(item, 'Pod', podResourceTotal(spec, 'requests', false), podResourceTotal(spec, 'limits', false)));
    }
  }
  return errors;
}

/** `PersistentVolumeClaimValidateLimitFunc`: min and max of the requested storage only. */
export function claimLimitErrors(items: LimitRangeItem[], claim: KubeObject): string[] {
  const errors: string[] = [];
  const requests = parseResourceList(asObject(asObject(asObject(claim.spec).resources).requests));
  for (const item of items) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const name of sortedNames(item.min.keys())) {
      const error = minConstraint(item.type, name, item.min.get(name)!, requests, new Map());
      if (error) errors.push(error);
    }
    for (const name of sortedNames(item.max.keys())) {
      const request = requests.get(name);
      const enforced = item.max.get(name)!;
      if (!request) errors.push(`maximum ${name} usage per ${item.type} is ${quantityString(enforced)}.  No request is specified`);
      else if (compareAtCommonPrecision(request, enforced) > 0) errors.push(`maximum ${name} usage per ${item.type} is ${quantityString(enforced)}, but request is ${quantityString(request)}`);
    }
  }
  return errors;
}

function constraintErrors(item: LimitRangeItem, type: string, requests: ResourceList, limits: ResourceList): string[] {
  const errors: (string | undefined)[] = [];
  // Go ranges over maps here, so upstream's order varies; resources sorted keep ours stable.
  for (const name of sortedNames(item.min.keys())) errors.push(minConstraint(type, name, item.min.get(name)!, requests, limits));
  for (const name of sortedNames(item.max.keys())) errors.push(maxConstraint(type, name, item.max.get(name)!, requests, limits));
  for (const name of sortedNames(item.maxLimitRequestRatio.keys())) errors.push(ratioConstraint(type, name, item.maxLimitRequestRatio.get(name)!, requests, limits));
  return errors.filter((error): error is string => error !== undefined);
}

function minConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const request = requests.get(name);
  const limit = limits.get(name);
  const min = quantityString(enforced);
  if (!request) return `minimum ${name} usage per ${type} is ${min}.  No request is specified`;
  if (compareAtCommonPrecision(request, enforced) < 0) return `minimum ${name} usage per ${type} is ${min}, but request is ${quantityString(request)}`;
  if (limit && compareAtCommonPrecision(limit, enforced) < 0) return `minimum ${name} usage per ${type} is ${min}, but limit is ${quantityString(limit)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const request = requests.get(name);
  const limit = limits.get(name);
  const max = quantityString(enforced);
  if (!limit) return `maximum ${name} usage per ${type} is ${max}.  No limit is specified`;
  if (compareAtCommonPrecision(limit, enforced) > 0) return `maximum ${name} usage per ${type} is ${max}, but limit is ${quantityString(limit)}`;
  if (request && compareAtCommonPrecision(request, enforced) > 0) return `maximum ${name} usage per ${type} is ${max}, but request is ${quantityString(request)}`;
  return undefined;
}

/** `limitRequestRatioConstraint`: limit ÷ request may not pass the ratio (`%f`: six decimals). */
function ratioConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const request = requests.get(name);
  const limit = limits.get(name);
  const ratio = quantityString(enforced);
  const requestMilli = request ? milli(request) : 0n;
  const limitMilli = limit ? milli(limit) : 0n;
  if (requestMilli === 0n) return `${name} max limit to request ratio per ${type} is ${ratio}, but no request is specified or request is 0`;
  if (limitMilli === 0n) return `${name} max limit to request ratio per ${type} is ${ratio}, but no limit is specified or limit is 0`;
  const observed = Number(limitMilli) / Number(requestMilli);
  if (observed * 1000 > Number(milli(enforced))) return `${name} max limit to request ratio per ${type} is ${ratio}, but provided ratio is ${observed.toFixed(6)}`;
  return undefined;
}

/** `MilliValue()`, rounded away from zero. */
function milli(q: Quantity): bigint {
  const whole = q.nanos / 1_000_000n;
  return q.nanos % 1_000_000n === 0n ? whole : whole + (q.nanos > 0n ? 1n : -1n);
}

/** `requestLimitEnforcedValues`: compare in milli-units (rounded up), as the plugin does. */
function compareAtCommonPrecision(a: Quantity, b: Quantity): number {
  const x = milli(a);
  const y = milli(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
