/**
 * `certificatesigningrequests/NAME/approval`, the subresource `kubectl certificate approve|deny`
 * writes (pkg/registry/certificates/certificates, approvalStrategy): a PUT or PATCH there changes
 * only `status.conditions` (and the object's labels and annotations); the spec and the rest of the
 * status (an issued certificate) stay as stored. New conditions get their timestamps from the
 * server's clock, and ValidateCertificateSigningRequestApprovalUpdate's rules apply: Approved,
 * Denied and Failed only with status True, Approved and Denied never together, one condition per
 * type, and none of those three ever removed.
 */
import { rfc3339 } from '../../clock.ts';
import type { ApiContext } from '../context.ts';
import { toStorage } from '../conversion.ts';
import { statusErrors } from '../errors.ts';
import { fieldError, type FieldError } from '../field-errors.ts';
import type { ApiResponse, KubeObject } from '../types.ts';
import { fail, isDryRun, json, present, target, type Call } from './common.ts';
import { current, requested } from './subresources.ts';
import { commitUpdate, fieldManager } from './write.ts';

/** One entry of `status.conditions`, as sent (unvalidated). */
interface Condition {
  type?: unknown;
  status?: unknown;
  lastUpdateTime?: unknown;
  lastTransitionTime?: unknown;
  [key: string]: unknown;
}

const trueOnlyTypes = new Set(['Approved', 'Denied', 'Failed']);
const allStatusValues = ['False', 'True', 'Unknown'];

const conditionsOf = (object: KubeObject): Condition[] => {
  const conditions = ((object.status ?? {}) as { conditions?: unknown }).conditions;
  return Array.isArray(conditions) ? conditions.filter((c): c is Condition => typeof c === 'object' && c !== null) : [];
};

/**
 * populateConditionTimestamps: a condition without lastUpdateTime gets now; one without
 * lastTransitionTime keeps the old condition's of the same type and status, else gets now.
 */
export function populateConditionTimestamps(conditions: Condition[], old: Condition[], now: string): Condition[] {
  return conditions.map((condition) => {
    const next = { ...condition };
    if (!next.lastUpdateTime) next.lastUpdateTime = now;
    if (!next.lastTransitionTime) {
      const same = old.find((o) => o.type === next.type && o.status === next.status && o.lastTransitionTime);
      next.lastTransitionTime = same ? same.lastTransitionTime : now;
    }
    return next;
  });
}

/** validateConditions and the update rule that no Approved, Denied or Failed condition goes away. */
export function validateApprovalConditions(conditions: Condition[], old: Condition[]): FieldError[] {
  const errs: FieldError[] = [];
  const path = 'status.conditions';
  const seen = new Set<unknown>();
  let approved = false;
  let denied = false;
  conditions.forEach((condition, i) => {
    const item = `${path}[${i}]`;
    const type = typeof condition.type === 'string' ? condition.type : '';
    const status = typeof condition.status === 'string' ? condition.status : '';
    if (type === '') errs.push(fieldError.required(`${item}.type`, ''));
    const allowed = trueOnlyTypes.has(type) ? ['True'] : allStatusValues;
    if (status === '') errs.push(fieldError.required(`${item}.status`, ''));
    else if (!allowed.includes(status)) errs.push(fieldError.notSupported(`${item}.status`, status, allowed));
    if (type === 'Approved') {
      approved = true;
      if (denied) errs.push(fieldError.invalid(`${item}.type`, type, 'Approved and Denied conditions are mutually exclusive'));
    } else if (type === 'Denied') {
      denied = true;
      if (approved) errs.push(fieldError.invalid(`${item}.type`, type, 'Approved and Denied conditions are mutually exclusive'));
    }
    if (seen.has(type)) errs.push(fieldError.duplicate(`${item}.type`, type));
    seen.add(type);
  });
  for (const type of trueOnlyTypes) {
    const count = (list: Condition[]): number => list.filter((c) => c.type === type).length;
    if (count(conditions) < count(old)) errs.push(fieldError.forbidden(path, `updates may not remove a condition of type "${type}"`));
  }
  return errs;
}

/** GET, PUT or PATCH `certificatesigningrequests/NAME/approval`. */
export function approval(ctx: ApiContext, call: Call, method: string): ApiResponse {
  const old = current(ctx, call);
  if (method === 'GET') return json(200, present(call.info, old));
  const next = toStorage(call.info, requested(call, method, () => present(call.info, old)));
  const metadata = next.metadata ?? {};
  if (metadata.name !== undefined && metadata.name !== call.name) {
    fail(statusErrors.badRequest(`the name of the object (${metadata.name}) does not match the name on the URL (${call.name})`));
  }
  if (metadata.resourceVersion && metadata.resourceVersion !== old.metadata.resourceVersion) fail(statusErrors.modified(target(call)));
  const oldConditions = conditionsOf(old);
  const conditions = populateConditionTimestamps(conditionsOf(next), oldConditions, rfc3339(ctx.clock.now()));
  const errors = validateApprovalConditions(conditions, oldConditions);
  if (errors.length) fail(statusErrors.invalid(call.info.kind, call.info.group, call.name!, errors));
  const object: KubeObject = {
    ...old,
    metadata: { ...old.metadata, labels: metadata.labels, annotations: metadata.annotations },
    status: { ...((old.status ?? {}) as object), conditions },
  };
  if (object.metadata.labels === undefined) delete object.metadata.labels;
  if (object.metadata.annotations === undefined) delete object.metadata.annotations;
  return commitUpdate(ctx, call, object, old, isDryRun(call), [], fieldManager(call));
}
