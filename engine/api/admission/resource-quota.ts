/**
 * The ResourceQuota admission plugin (k8s.io/apiserver/pkg/admission/plugin/resourcequota):
 * validating, last in the chain. For a write in a namespace with quotas it measures what the
 * object would add, refuses it when any matching quota's `status.hard` would be passed
 * (`exceeded quota: compute-resources, requested: pods=1, used: pods=4, limited: pods=4`), and
 * otherwise charges the quotas at once by writing their `status.used` — so two pods created in
 * the same instant cannot both take the last slot. The resourcequota controller later recounts.
 */
import { updateManagedFields } from '../apply/index.ts';
import type { AdmissionAttributes, ApiContext } from '../context.ts';
import { statusErrors, StatusError } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { evaluatorFor, quotaMatches } from './quota-evaluators.ts';
import {
  addLists, isZeroList, lessThanOrEqual, maskList, negativeNames, parseResourceList, prettyPrint, sortedNames,
  subtractNonNegative, toJSONResourceList, type ResourceList,
} from './resource-list.ts';

const quotaKey = '/resourcequotas';

function forbidden(attributes: AdmissionAttributes, why: string): never {
  const object = attributes.object;
  const name = object.metadata.name || object.metadata.generateName || 'Unknown';
  throw new StatusError(statusErrors.forbidden({ group: attributes.info.group, resource: attributes.info.resource, name }, why));
}

/** A quota charged by this request: its stored object and its new `status.used`. */
export interface QuotaCharge {
  quota: KubeObject;
  used: ResourceList;
}

/**
 * `CheckRequest`: the quotas this write charges and their new usage, or the Forbidden thrown.
 * Quotas are taken in name order; the first that refuses answers.
 */
export function checkQuotaRequest(quotas: KubeObject[], attributes: AdmissionAttributes, now: number): QuotaCharge[] {
  const { info, object, old, operation } = attributes;
  const evaluator = evaluatorFor(info.group, info.resource);
  if (!evaluator || !evaluator.handles(operation)) return [];
  const interesting: { quota: KubeObject; hard: ResourceList; used: ResourceList }[] = [];
  for (const quota of quotas) {
    const status = (quota.status ?? {}) as { hard?: unknown; used?: unknown };
    const hard = parseResourceList(status.hard);
    const hardNames = [...hard.keys()];
    // Only the controller-observed `status.hard` counts: a quota it has not synced yet limits nothing.
    if (!quotaMatches(evaluator, hardNames, quota, object)) continue;
    const restricted = evaluator.matchingResources(hardNames);
    const constraint = evaluator.constraints(restricted, object);
    if (constraint) forbidden(attributes, `failed quota: ${quota.metadata.name}: ${constraint}`);
    const used = parseResourceList(status.used);
    const unknown = restricted.filter((name) => !used.has(name));
    if (unknown.length > 0) forbidden(attributes, `status unknown for quota: ${quota.metadata.name}, resources: ${sortedNames(restricted).join(',')}`);
    interesting.push({ quota, hard, used });
  }
  let delta = evaluator.usage(object, now);
  const negative = negativeNames(delta);
  if (negative.length > 0) forbidden(attributes, `quota usage is negative for resource(s): ${sortedNames(negative).join(',')}`);
  // An update is charged only for what it adds over the object it replaces.
  if (operation === 'UPDATE' && old?.metadata.resourceVersion) delta = subtractNonNegative(delta, evaluator.usage(old, now));
  if (isZeroList(delta) || interesting.length === 0) return [];
  const charges: QuotaCharge[] = [];
  for (const { quota, hard, used } of interesting) {
    const requested = maskList(delta, hard.keys());
    const newUsed = addLists(used, requested);
    const { allowed, exceeded } = lessThanOrEqual(maskList(newUsed, requested.keys()), hard);
    if (!allowed) {
      forbidden(attributes, `exceeded quota: ${quota.metadata.name}, requested: ${prettyPrint(maskList(requested, exceeded))}, used: ${prettyPrint(maskList(used, exceeded))}, limited: ${prettyPrint(maskList(hard, exceeded))}`);
    }
    charges.push({ quota, used: newUsed });
  }
  return charges;
}

/**
 * The plugin's `Validate`: namespaced writes to the main resource (not a subresource, not a
 * namespace create). A dry run is checked but charges nothing.
 */
export function admitResourceQuota(ctx: ApiContext, attributes: AdmissionAttributes): void {
  const namespace = attributes.object.metadata.namespace;
  if (attributes.subresource || !attributes.info.namespaced || !namespace || attributes.operation === 'DELETE') return;
  // Listed in name order: the first quota that refuses is the one the error names.
  const quotas = ctx.store.list(quotaKey, namespace);
  if (quotas.length === 0) return;
  const charges = checkQuotaRequest(quotas, attributes, ctx.clock.now());
  if (attributes.dryRun) return;
  for (const { quota, used } of charges) {
    const status = { ...(quota.status as Record<string, unknown>), used: toJSONResourceList(used) };
    // The API server writes through its loopback client, so the field manager is `kube-apiserver`.
    const updated = updateManagedFields({
      live: quota, updated: { ...quota, status }, manager: 'kube-apiserver', subresource: 'status', apiVersion: 'v1',
      time: ctx.clock.now(), gvk: { group: '', version: 'v1', kind: 'ResourceQuota' },
    });
    ctx.store.update(quotaKey, { ...updated, metadata: { ...updated.metadata, resourceVersion: quota.metadata.resourceVersion } }, quota);
  }
}
