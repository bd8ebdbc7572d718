/**
 * The Pod printer: READY, STATUS and RESTARTS as printers.go computes them. STATUS is not a
 * field of the pod; it is a summary that walks init containers in order, then regular containers
 * from last to first (so the first container's state wins), then applies deletion.
 */
import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { ageColumn, nameColumn, nameOf, text } from './columns.ts';
import { humanDuration, parseTimestamp, timestampSince } from './duration.ts';
import type { Printer, TableRowCondition } from './types.ts';

/** Everything the Pod row shows about containers: counts, the STATUS reason and restarts. */
export interface PodSummary {
  ready: number;
  total: number;
  /** The STATUS cell: `Running`, `Init:0/1`, `CrashLoopBackOff`, `Terminating`, … */
  reason: string;
  restarts: number;
  /** Epoch ms of the latest lastState.terminated.finishedAt among the counted containers. */
  lastRestart?: number;
}

/** A sidecar: an init container with restartPolicy Always (podutil.IsRestartableInitContainer). */
function isSidecar(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function conditionIs(conditions: PodCondition[] | undefined, type: string): boolean {
  const found = conditions?.find((c) => c.type === type);
  return found?.status === 'True';
}

function terminatedReason(state: NonNullable<ContainerStatus['state']>['terminated'], prefix: string): string {
  if (state?.reason) return prefix + state.reason;
  if (state?.signal) return `${prefix}Signal:${state.signal}`;
  return `${prefix}ExitCode:${state?.exitCode ?? 0}`;
}

/** Summarize a pod the way `printPod` does. */
export function summarizePod(pod: Pod): PodSummary {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const initContainers = new Map((spec?.initContainers ?? []).map((c) => [c.name, c]));
  const total = (spec?.containers ?? []).length + [...initContainers.values()].filter(isSidecar).length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  const later = (current: number | undefined, status: ContainerStatus): number | undefined => {
    const finished = status.lastState?.terminated ? parseTimestamp(status.lastState.terminated.finishedAt) : undefined;
    return finished !== undefined && (current === undefined || finished > current) ? finished : current;
  };

  let reason = status.reason || status.phase || '';
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    const sidecar = isSidecar(initContainers.get(container.name));
    restarts += container.restartCount ?? 0;
    lastRestart = later(lastRestart, container);
    if (sidecar) {
      sidecarRestarts += container.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, container);
    }
    const state = container.state ?? {};
    if (state.terminated && (state.terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && container.started) {
      if (container.ready) ready++;
      continue;
    }
    if (state.terminated) reason = terminatedReason(state.terminated, 'Init:');
    else if (state.waiting?.reason && state.waiting.reason !== 'PodInitializing') reason = `Init:${state.waiting.reason}`;
    else reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    initializing = true;
    break;
  }

  if (!initializing || conditionIs(status.conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      restarts += container.restartCount ?? 0;
      lastRestart = later(lastRestart, container);
      const state = container.state ?? {};
      if (state.waiting?.reason) reason = state.waiting.reason;
      else if (state.terminated) reason = terminatedReason(state.terminated, '');
      else if (container.ready && state.running) {
        hasRunning = true;
        ready++;
      }
    }
    // A finished container beside a running one: the pod is still running, not Completed.
    if (reason === 'Completed' && hasRunning) {
      const podReady = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  const deleting = Boolean(pod.metadata?.deletionTimestamp);
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';

  return { ready, total, reason, restarts, lastRestart };
}

/** The STATUS cell of `kubectl get pods`. */
export function podStatusReason(pod: Pod): string {
  return summarizePod(pod).reason;
}

/** The RESTARTS cell: `0`, `3`, or `3 (5m ago)` once a container has a last termination time. */
export function restartsCell(summary: PodSummary, now: number): string {
  if (summary.restarts !== 0 && summary.lastRestart !== undefined) {
    return `${summary.restarts} (${humanDuration(now - summary.lastRestart)} ago)`;
  }
  return String(summary.restarts);
}

/** The READINESS GATES cell: `<none>`, or how many gate conditions are True out of how many gates. */
export function readinessGatesCell(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const passed = gates.filter((gate) => conditionIs(pod.status?.conditions, gate.conditionType)).length;
  return `${passed}/${gates.length}`;
}

/** The pod's first IP: status.podIPs[0], or status.podIP as the v1→internal conversion fills podIPs from it. */
export function podIP(pod: Pod): string {
  return pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '';
}

const succeeded: TableRowCondition = { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' };
const failed: TableRowCondition = { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' };

/** Pod: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES. */
export const podPrinter: Printer = {
  columns: [
    nameColumn,
    text('Ready', { text: 'The aggregate readiness state of this pod for accepting traffic.' }),
    text('Status', { text: 'The aggregate status of the containers in this pod.' }),
    text('Restarts', { text: 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.' }),
    ageColumn,
    text('IP', 'core/v1 PodStatus.podIP', 1),
    text('Node', 'core/v1 PodSpec.nodeName', 1),
    text('Nominated Node', 'core/v1 PodStatus.nominatedNodeName', 1),
    text('Readiness Gates', 'core/v1 PodSpec.readinessGates', 1),
  ],
  print(object, { now }) {
    const pod = object as Pod;
    const summary = summarizePod(pod);
    const phase = pod.status?.phase;
    return {
      cells: [
        nameOf(pod),
        `${summary.ready}/${summary.total}`,
        summary.reason,
        restartsCell(summary, now),
        timestampSince(pod.metadata?.creationTimestamp, now),
        podIP(pod) || '<none>',
        pod.spec?.nodeName || '<none>',
        pod.status?.nominatedNodeName || '<none>',
        readinessGatesCell(pod),
      ],
      conditions: phase === 'Succeeded' ? [succeeded] : phase === 'Failed' ? [failed] : undefined,
    };
  },
};
