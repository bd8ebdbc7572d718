/**
 * Writing a CRD's status through `customresourcedefinitions/NAME/status`, as the apiextensions
 * controllers' UpdateStatus calls do: the whole object with its resourceVersion, so a write based
 * on a stale copy gets 409 Conflict and the controller simply tries again on the next event.
 */
import type { CustomResourceDefinitionCondition } from 'kubernetes-types/apiextensions/v1';
import { rfc3339 } from '../../clock.ts';
import type { ApiResponse, KubeObject } from '../../api/types.ts';
import type { ControllerEnv } from '../../runtime/controller.ts';
import type { CrdCondition } from './conditions.ts';
import { setCondition } from './conditions.ts';
import type { AcceptedNames } from './naming.ts';
import { acceptedNamesOf, orderedNames } from './naming.ts';
import { storageVersionOf } from './serving.ts';

/** The collection URL of CRDs. */
export const crdCollection = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

/**
 * The apiextensions controllers run inside kube-apiserver and write with its loopback client,
 * so managedFields name `kube-apiserver` as the manager.
 */
export const apiserverAgent = 'kube-apiserver/v1.32.2 (linux/amd64) kubernetes/67a30c0';

/** The URL of one CRD. */
export function crdPath(name: string): string {
  return `${crdCollection}/${encodeURIComponent(name)}`;
}

interface CrdStatus {
  conditions?: CustomResourceDefinitionCondition[];
  acceptedNames?: AcceptedNames;
  storedVersions?: string[];
}

/** `status.storedVersions`, with the current storage version added if it is missing. */
export function storedVersionsOf(crd: KubeObject): string[] {
  const stored = (crd.status as CrdStatus | undefined)?.storedVersions ?? [];
  const storage = storageVersionOf(crd);
  return storage && !stored.includes(storage) ? [...stored, storage] : [...stored];
}

/** Whether `status.storedVersions` already lists the storage version. */
export function storedVersionsCurrent(crd: KubeObject): boolean {
  const stored = (crd.status as CrdStatus | undefined)?.storedVersions ?? [];
  return storedVersionsOf(crd).length === stored.length;
}

/** What one status write changes. */
export interface StatusChange {
  acceptedNames?: AcceptedNames;
  conditions?: CrdCondition[];
}

/**
 * PUT the CRD's status with `change` applied; conditions are set as SetCRDCondition sets them,
 * stamped with the current virtual time. The status keys are in Go order (conditions,
 * acceptedNames, storedVersions).
 */
export function writeStatus(env: ControllerEnv, crd: KubeObject, change: StatusChange): ApiResponse {
  const old = (crd.status ?? {}) as CrdStatus;
  const time = rfc3339(env.clock.now());
  let conditions = old.conditions ?? [];
  for (const condition of change.conditions ?? []) conditions = setCondition(conditions, condition, time);
  const status: CrdStatus = {};
  if (conditions.length) status.conditions = conditions;
  status.acceptedNames = orderedNames(change.acceptedNames ?? acceptedNamesOf(crd));
  status.storedVersions = storedVersionsOf(crd);
  return env.api.handle({
    method: 'PUT',
    path: `${crdPath(crd.metadata.name!)}/status`,
    headers: { 'user-agent': apiserverAgent },
    body: { ...crd, status },
  });
}
