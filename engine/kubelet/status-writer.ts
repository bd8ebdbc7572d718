/**
 * The kubelet's status manager (pkg/kubelet/status): after each sync it builds the pod's whole
 * status, and PUTs it to `pods/NAME/status` only when it differs from the status it last wrote.
 */
import type { ApiClient } from '../runtime/informer.ts';
import type { KubeObject } from '../api/types.ts';
import { shareUnchanged } from '../runtime/share-unchanged.ts';
import type { PodRun } from './pod-runtime.ts';
import { podStatus } from './pod-status.ts';

/**
 * Whether two JSON-shaped values serialize to the same JSON text, without writing either:
 * key order counts, keys whose value is undefined are left out, and undefined in a list is null,
 * exactly as `JSON.stringify(a) === JSON.stringify(b)` decides it.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return jsonScalar(a) === jsonScalar(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i] === undefined ? null : a[i], b[i] === undefined ? null : b[i])) return false;
    return true;
  }
  const ak = writtenKeys(a as Record<string, unknown>);
  const bk = writtenKeys(b as Record<string, unknown>);
  if (ak.length !== bk.length) return false;
  for (let i = 0; i < ak.length; i++) {
    if (ak[i] !== bk[i] || !sameJson((a as Record<string, unknown>)[ak[i]], (b as Record<string, unknown>)[bk[i]])) return false;
  }
  return true;
}

/** The keys JSON.stringify writes: own enumerable ones whose value is neither undefined nor a function. */
function writtenKeys(object: Record<string, unknown>): string[] {
  return Object.keys(object).filter((key) => object[key] !== undefined && typeof object[key] !== 'function');
}

/** A scalar as JSON text (null for what JSON cannot hold, such as NaN). */
function jsonScalar(value: unknown): string | undefined {
  return JSON.stringify(value);
}

/**
 * Write the pod's status as the kubelet sees it now, unless it is what was last written. The
 * parts that did not change go back as the stored objects, so the write path skips them.
 */
export function writePodStatus(api: ApiClient, pod: KubeObject, run: PodRun, now: number, terminal: boolean): void {
  const built = podStatus(pod, run, now, terminal);
  if (run.written !== undefined && sameJson(built, run.written)) return;
  const status = shareUnchanged(built, pod.status);
  const response = api.handle({
    method: 'PUT',
    path: `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/status`,
    body: { ...pod, status },
  });
  if (response.status === 409) throw new Error(`pod ${run.key} changed while writing its status`);
  if (response.status === 200) run.written = built;
}
