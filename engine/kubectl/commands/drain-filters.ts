/**
 * The drain Helper's pod filters (k8s.io/kubectl/pkg/drain/filters.go): which pods on a node drain
 * may evict, which it skips, warns about or refuses, and the texts it prints for them. Filters run
 * in order and the first that says "do not delete" decides.
 */
import type { Json } from './write-support.ts';

/** What drain does with one pod. */
export interface PodDeleteStatus {
  delete: boolean;
  reason: 'Okay' | 'Skip' | 'Warning' | 'Error';
  message?: string;
}

/** The drain flags the filters read. */
export interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  /** `--skip-wait-for-delete-timeout` in seconds. */
  skipWaitForDeleteTimeout: number;
}

/** A pod's DaemonSet, as the filter looks it up: found, or the server's error message. */
export type DaemonSetLookup = (namespace: string, name: string) => { found: true } | { found: false; notFound: boolean; message: string };

export const daemonSetFatal = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
export const daemonSetWarning = 'ignoring DaemonSet-managed Pods';
export const localStorageFatal = 'Pods with local storage (use --delete-emptydir-data to override)';
export const localStorageWarning = 'deleting Pods with local storage';
// The "cannot delete" is kubectl's own: errors are later written as `cannot delete <message>: pods`, so it reads twice.
export const unmanagedFatal = 'cannot delete Pods that declare no controller (use --force to override)';
export const unmanagedWarning = 'deleting Pods that declare no controller';

const okay: PodDeleteStatus = { delete: true, reason: 'Okay' };
const meta = (pod: Json): Json => (pod.metadata ?? {}) as Json;

function controllerOf(pod: Json): Json | undefined {
  return ((meta(pod).ownerReferences ?? []) as Json[]).find((ref) => ref.controller === true);
}

function finished(pod: Json): boolean {
  const phase = ((pod.status ?? {}) as Json).phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Run the filters over one pod: skip-deleted, DaemonSet, mirror, local storage, unreplicated. */
export function filterPod(pod: Json, options: DrainOptions, daemonSet: DaemonSetLookup, now: number): PodDeleteStatus {
  const filters: (() => PodDeleteStatus)[] = [
    () => {
      const deleted = meta(pod).deletionTimestamp;
      const skip = options.skipWaitForDeleteTimeout > 0 && typeof deleted === 'string'
        && Math.floor((now - Date.parse(deleted)) / 1000) > options.skipWaitForDeleteTimeout;
      return skip ? { delete: false, reason: 'Skip' } : okay;
    },
    () => {
      const controller = controllerOf(pod);
      if (!controller || controller.kind !== 'DaemonSet' || finished(pod)) return okay;
      const lookup = daemonSet(String(meta(pod).namespace ?? ''), String(controller.name ?? ''));
      if (!lookup.found) {
        if (lookup.notFound && options.force) return { delete: true, reason: 'Warning', message: lookup.message };
        return { delete: false, reason: 'Error', message: lookup.message };
      }
      if (!options.ignoreDaemonSets) return { delete: false, reason: 'Error', message: daemonSetFatal };
      return { delete: false, reason: 'Warning', message: daemonSetWarning };
    },
    () => ('kubernetes.io/config.mirror' in ((meta(pod).annotations ?? {}) as Json) ? { delete: false, reason: 'Skip' } : okay),
    () => {
      const volumes = (((pod.spec ?? {}) as Json).volumes ?? []) as Json[];
      if (!volumes.some((v) => v.emptyDir !== undefined && v.emptyDir !== null) || finished(pod)) return okay;
      if (!options.deleteEmptyDirData) return { delete: false, reason: 'Error', message: localStorageFatal };
      return { delete: true, reason: 'Warning', message: localStorageWarning };
    },
    () => {
      if (finished(pod) || controllerOf(pod)) return okay;
      if (options.force) return { delete: true, reason: 'Warning', message: unmanagedWarning };
      return { delete: false, reason: 'Error', message: unmanagedFatal };
    },
  ];
  let status = okay;
  for (const filter of filters) {
    status = filter();
    if (!status.delete) break;
  }
  return status;
}

/** One pod and what the filters decided. */
export interface PodDelete {
  pod: Json;
  status: PodDeleteStatus;
}

/** `ns/name` lists grouped by message (kubectl groups in a Go map, whose order varies; the lab keeps first-seen order). */
function grouped(list: PodDelete[], reason: PodDeleteStatus['reason']): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { pod, status } of list) {
    if (status.reason !== reason) continue;
    const message = status.message || (reason === 'Error' ? 'unexpected error' : '');
    out.set(message, [...(out.get(message) ?? []), `${String(meta(pod).namespace ?? '')}/${String(meta(pod).name ?? '')}`]);
  }
  return out;
}

/** PodDeleteList.Warnings: `message: ns/a, ns/b` joined by `; `. */
export function warningsOf(list: PodDelete[]): string {
  return [...grouped(list, 'Warning')].map(([message, pods]) => `${message}: ${pods.join(', ')}`).join('; ');
}

/** PodDeleteList.errors: `cannot delete message: ns/a, ns/b`, one per message. */
export function errorsOf(list: PodDelete[]): string[] {
  return [...grouped(list, 'Error')].map(([message, pods]) => `cannot delete ${message}: ${pods.join(', ')}`);
}
