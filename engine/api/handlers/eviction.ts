/**
 * POST pods/NAME/eviction (pkg/registry/core/pod/storage/eviction.go): delete a pod only if
 * its PodDisruptionBudget allows it. An eviction of a pod that is Pending, finished or already
 * deleting needs no budget. Otherwise the one budget that selects the pod must have been
 * observed by the disruption controller and allow a disruption; the eviction then takes one
 * (disruptionsAllowed − 1, the pod noted in status.disruptedPods), marks the pod
 * DisruptionTarget and deletes it with the Eviction's deleteOptions. A refusal is 429
 * TooManyRequests with a DisruptionBudget cause, which `kubectl drain` retries.
 */
import { rfc3339 } from '../../clock.ts';
import type { ApiContext } from '../context.ts';
import type { Status, StatusCause } from '../errors.ts';
import { StatusError, statusErrors } from '../errors.ts';
import { labelSelectorAsSelector } from '../selectors/label-selector.ts';
import type { LabelSelector } from '../selectors/label-selector.ts';
import { matchLabels } from '../selectors/labels.ts';
import type { ApiResponse, KubeObject } from '../types.ts';
import type { Call } from './common.ts';
import { deepEqual, fail, json, statusResponse, target } from './common.ts';
import type { DeleteOptions } from './delete.ts';
import { remove } from './delete.ts';

/** MaxDisruptedPodSize: approved evictions the disruption controller has not yet seen. */
const maxDisruptedPods = 2000;

const pdbKey = 'policy/poddisruptionbudgets';

interface Budget {
  metadata: KubeObject['metadata'];
  spec?: { selector?: LabelSelector; unhealthyPodEvictionPolicy?: string };
  status?: {
    observedGeneration?: number;
    disruptionsAllowed?: number;
    currentHealthy?: number;
    desiredHealthy?: number;
    disruptedPods?: Record<string, string>;
    conditions?: Record<string, unknown>[];
  };
}

const refusal = "Cannot evict pod as it would violate the pod's disruption budget.";

/** errors.NewTooManyRequests with a DisruptionBudget cause; retryAfterSeconds 0 is left out, as Go omits it. */
function tooManyRequests(cause: string, retryAfterSeconds: number): Status {
  const causes: StatusCause[] = [{ reason: 'DisruptionBudget', message: cause }];
  const status = statusErrors.tooManyRequests(refusal);
  status.details = retryAfterSeconds ? { causes, retryAfterSeconds } : { causes };
  return status;
}

/** createTooManyRequestsError: the budget's status does not reflect its spec yet. */
function stillProcessing(pdbName: string): Status {
  return tooManyRequests(`The disruption budget ${pdbName} is still being processed by the server.`, 10);
}

function refuse(status: Status): never {
  throw new StatusError(status);
}

function isPodReady(pod: KubeObject): boolean {
  const conditions = (pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function phaseOf(pod: KubeObject): string | undefined {
  return (pod.status as { phase?: string } | undefined)?.phase;
}

/** canIgnorePDB: the pod is no (longer a) source of availability, so no budget is consulted. */
function canIgnorePDB(pod: KubeObject): boolean {
  const phase = phaseOf(pod);
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
}

/** propagateDryRun: the request's dryRun and the Eviction's deleteOptions.dryRun must agree. */
function deleteOptionsOf(call: Call, eviction: { deleteOptions?: DeleteOptions }): DeleteOptions {
  const query = call.query.dryRun ? [call.query.dryRun] : [];
  const options: DeleteOptions = { ...(eviction.deleteOptions ?? {}) };
  if (!options.dryRun?.length) {
    if (query.length) options.dryRun = query;
    return options;
  }
  if (query.length && !deepEqual(query, options.dryRun)) {
    // A plain Go error from the storage layer: 500 with reason Unknown.
    fail({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `Non-matching dry-run options in request and content: [${query.join(' ')}] and [${options.dryRun.join(' ')}]`, reason: 'Unknown', code: 500 });
  }
  return options;
}

/** The budgets in the pod's namespace whose selector matches it (an empty selector matches every pod). */
function budgetsFor(ctx: ApiContext, pod: KubeObject): Budget[] {
  const budgets: Budget[] = [];
  for (const object of ctx.store.list(pdbKey, pod.metadata.namespace)) {
    const pdb = object as Budget;
    const selector = labelSelectorAsSelector(pdb.spec?.selector);
    if (selector.ok && matchLabels(selector.value, pod.metadata.labels)) budgets.push(pdb);
  }
  return budgets;
}

/**
 * checkAndDecrement: refuse unless the budget was observed and allows a disruption; otherwise
 * take one, and (unless dry run) record the pod in disruptedPods.
 */
function checkAndDecrement(ctx: ApiContext, pdb: Budget, podName: string, dryRun: boolean): void {
  const status = pdb.status ?? {};
  const name = pdb.metadata.name!;
  if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) refuse(stillProcessing(name));
  const allowed = status.disruptionsAllowed ?? 0;
  const forbidden = (why: string): never => refuse(statusErrors.forbidden({ group: 'policy', resource: 'poddisruptionbudget', name }, why));
  if (allowed < 0) forbidden('pdb disruptions allowed is negative');
  if (Object.keys(status.disruptedPods ?? {}).length > maxDisruptedPods) forbidden('DisruptedPods map too big - too many evictions not confirmed by PDB controller');
  if (allowed === 0) {
    refuse(tooManyRequests(`The disruption budget ${name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`, 0));
  }
  if (dryRun) return;
  const now = rfc3339(ctx.clock.now());
  const next = { ...status, disruptionsAllowed: allowed - 1, disruptedPods: { ...(status.disruptedPods ?? {}), [podName]: now } };
  if (next.disruptionsAllowed === 0) {
    // UpdateDisruptionAllowedCondition: the last allowed disruption is taken.
    const conditions = (status.conditions ?? []).filter((c) => c.type !== 'DisruptionAllowed');
    const old = (status.conditions ?? []).find((c) => c.type === 'DisruptionAllowed');
    conditions.push({
      type: 'DisruptionAllowed', status: 'False', observedGeneration: status.observedGeneration,
      lastTransitionTime: old?.status === 'False' ? old.lastTransitionTime : now, reason: 'InsufficientPods', message: '',
    });
    next.conditions = conditions;
  }
  ctx.store.update(pdbKey, { ...(pdb as KubeObject), status: next }, pdb as KubeObject);
}

/**
 * addConditionAndDeletePod: mark the pod DisruptionTarget (EvictionByEvictionAPI), then delete
 * it with the options given. A resourceVersion precondition follows the condition's own write.
 */
function addConditionAndDeletePod(ctx: ApiContext, call: Call, options: DeleteOptions): void {
  const dryRun = !!options.dryRun?.length;
  const pod = ctx.store.get('/pods', call.namespace, call.name!);
  if (!pod) fail(statusErrors.notFound(target(call)));
  const { uid, resourceVersion } = options.preconditions ?? {};
  const preconditionsHold = (!uid || uid === pod.metadata.uid) && (!resourceVersion || resourceVersion === pod.metadata.resourceVersion);
  if (!dryRun && preconditionsHold) {
    const status = (pod.status ?? {}) as { conditions?: Record<string, unknown>[] };
    const conditions = [...(status.conditions ?? [])];
    const index = conditions.findIndex((c) => c.type === 'DisruptionTarget');
    const old = index >= 0 ? conditions[index] : undefined;
    if (old?.status !== 'True' || old.reason !== 'EvictionByEvictionAPI' || old.message !== 'Eviction API: evicting') {
      const condition = {
        type: 'DisruptionTarget', status: 'True', lastProbeTime: null,
        lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : rfc3339(ctx.clock.now()),
        reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting',
      };
      if (index >= 0) conditions[index] = condition;
      else conditions.push(condition);
      const stored = ctx.store.update('/pods', { ...pod, status: { ...status, conditions } }, pod);
      if (resourceVersion) options = { ...options, preconditions: { ...options.preconditions, resourceVersion: stored.metadata.resourceVersion } };
    }
  }
  remove(ctx, { ...call, subresource: undefined, query: {}, body: { kind: 'DeleteOptions', apiVersion: 'v1', ...options } });
}

/** POST pods/NAME/eviction with a policy/v1 (or v1beta1) Eviction. */
export function evict(ctx: ApiContext, call: Call): ApiResponse {
  const eviction = (call.body && typeof call.body === 'object' ? call.body : {}) as { metadata?: { name?: string; namespace?: string }; deleteOptions?: DeleteOptions };
  if ((eviction.metadata?.name ?? '') !== call.name) fail(statusErrors.badRequest('name in URL does not match name in Eviction object'));
  if (eviction.metadata?.namespace && eviction.metadata.namespace !== call.namespace) {
    fail(statusErrors.badRequest('the namespace of the provided object does not match the namespace sent on the request'));
  }
  const options = deleteOptionsOf(call, eviction);
  const dryRun = !!options.dryRun?.length;
  const userResourceVersion = options.preconditions?.resourceVersion;
  const pod = ctx.store.get('/pods', call.namespace, call.name!);
  if (!pod) fail(statusErrors.notFound(target(call)));
  const success = (): ApiResponse => json(201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  const withResourceVersion = (): DeleteOptions => ({ ...options, preconditions: { ...options.preconditions, resourceVersion: pod.metadata.resourceVersion } });

  if (canIgnorePDB(pod)) {
    // A Pending pod could turn ready meanwhile: pin the version unless the caller did.
    const enforce = phaseOf(pod) !== 'Succeeded' && phaseOf(pod) !== 'Failed' && !pod.metadata.deletionTimestamp;
    addConditionAndDeletePod(ctx, call, enforce && !userResourceVersion ? withResourceVersion() : options);
    return success();
  }
  const budgets = budgetsFor(ctx, pod);
  if (budgets.length > 1) {
    // The handler returns this Status as its result; the request finisher turns a Failure result into an error with its code.
    return statusResponse({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.', code: 500 });
  }
  let pinVersion = false;
  if (budgets.length === 1) {
    const pdb = budgets[0];
    const status = pdb.status ?? {};
    const unhealthyAllowed = !isPodReady(pod) && (
      pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow' ||
      ((status.currentHealthy ?? 0) >= (status.desiredHealthy ?? 0) && (status.desiredHealthy ?? 0) > 0));
    // An unready pod whose going disrupts nothing is deleted without taking from the budget.
    if (unhealthyAllowed) pinVersion = true;
    else checkAndDecrement(ctx, pdb, pod.metadata.name!, dryRun);
  }
  try {
    addConditionAndDeletePod(ctx, call, pinVersion ? withResourceVersion() : options);
  } catch (error) {
    // The pod became ready after we looked: ask the client to try again.
    if (error instanceof StatusError && error.status.code === 409 && pinVersion && !userResourceVersion) {
      refuse(stillProcessing(budgets[0].metadata.name!));
    }
    throw error;
  }
  return success();
}
