/**
 * The PodStatus a kubelet writes, generated from its view of the pod as the real kubelet's
 * `generateAPIPodStatus` does: the phase by `getPhase`'s rules, the five kubelet conditions in
 * their order (PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled),
 * and a status per container with state, lastState, restarts, image and IDs.
 */
import { secondsText as rfc3339 } from '../api/time-text.ts';
import type { KubeObject } from '../api/types.ts';
import type { ContainerRun, PodRun, Terminated } from './pod-runtime.ts';

type Condition = { type: string; status: string; lastProbeTime: null; lastTransitionTime: string; reason?: string; message?: string };

const kubeletConditions = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

/** Go's `%s` of a string slice: `[nginx sidecar]`. */
const goList = (names: string[]): string => `[${names.join(' ')}]`;

function terminatedState(t: Terminated): Record<string, unknown> {
  const state: Record<string, unknown> = { exitCode: t.exitCode };
  if (t.signal !== undefined) state.signal = t.signal;
  state.reason = t.reason;
  if (t.message) state.message = t.message;
  state.startedAt = rfc3339(t.startedAt);
  state.finishedAt = rfc3339(t.finishedAt);
  state.containerID = t.containerID;
  return state;
}

/** One container's status, as `kubectl get pod -o yaml` shows it. */
export function containerStatus(c: ContainerRun, defaultWaiting: string): Record<string, unknown> {
  let state: Record<string, unknown>;
  if (c.running) state = { running: { startedAt: rfc3339(c.running.startedAt) } };
  else if (c.terminated) state = { terminated: terminatedState(c.terminated) };
  else state = { waiting: c.waiting ?? { reason: defaultWaiting } };
  const status: Record<string, unknown> = {
    name: c.name,
    state,
    lastState: c.lastState ? { terminated: terminatedState(c.lastState) } : {},
    ready: c.ready || (c.init && c.terminated?.exitCode === 0),
    restartCount: c.restartCount,
    image: c.image ?? c.spec.image,
    imageID: c.imageID ?? '',
  };
  const containerID = c.running || c.terminated ? c.containerID : undefined;
  if (containerID) status.containerID = containerID;
  status.started = c.started && !!c.running;
  const mounts = c.spec.volumeMounts ?? [];
  if (mounts.length && (c.running || c.terminated || c.lastState)) {
    status.volumeMounts = mounts.map((m) => ({
      name: m.name, mountPath: m.mountPath, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
    }));
  }
  return status;
}

/** The pod phase by the kubelet's `getPhase` rules. */
export function podPhase(run: PodRun, restartPolicy: string, terminal: boolean): string {
  let pendingInit = 0;
  let failedInit = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of run.containers) {
    if (c.init) {
      if (c.running) pendingInit++;
      else if (c.terminated) { if (c.terminated.exitCode !== 0) failedInit++; }
      else if (c.lastState && c.lastState.exitCode !== 0) failedInit++;
      else pendingInit++;
      continue;
    }
    if (c.running) running++;
    else if (c.terminated) { stopped++; if (c.terminated.exitCode === 0) succeeded++; }
    else if (c.lastState) stopped++;
    else waiting++;
  }
  if (failedInit > 0 && restartPolicy === 'Never') return 'Failed';
  const anyStarted = run.containers.some((c) => !c.init && (c.running || c.terminated || c.lastState));
  if ((pendingInit > 0 && !anyStarted) || waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (terminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

interface ConditionValue { status: string; reason?: string; message?: string }

function initializedCondition(run: PodRun, phase: string): ConditionValue {
  const incomplete = run.containers.filter((c) => c.init && !(c.terminated && c.terminated.exitCode === 0)).map((c) => c.name);
  if (phase === 'Succeeded') return { status: 'True', reason: 'PodCompleted' };
  if (run.containers.some((c) => !c.init && (c.running || c.terminated || c.lastState))) return { status: 'True' };
  if (incomplete.length) return { status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: ${goList(incomplete)}` };
  return { status: 'True' };
}

function containersReadyCondition(run: PodRun, phase: string): ConditionValue {
  if (phase === 'Succeeded') return { status: 'False', reason: 'PodCompleted' };
  if (phase === 'Failed') return { status: 'False', reason: 'PodFailed' };
  const unready = run.containers.filter((c) => !c.init && !c.ready).map((c) => c.name);
  if (unready.length) return { status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: ${goList(unready)}` };
  return { status: 'True' };
}

function readyCondition(containersReady: ConditionValue, pod: KubeObject): ConditionValue {
  if (containersReady.status !== 'True') return containersReady;
  const gates = ((pod.spec as { readinessGates?: { conditionType: string }[] }).readinessGates ?? []);
  const conditions = ((pod.status as { conditions?: Condition[] } | undefined)?.conditions ?? []);
  const messages: string[] = [];
  for (const gate of gates) {
    const found = conditions.find((c) => c.type === gate.conditionType);
    if (!found) messages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (found.status !== 'True') messages.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${found.status}`);
  }
  if (messages.length) return { status: 'False', reason: 'ReadinessGatesNotReady', message: messages.join(', ') };
  return { status: 'True' };
}

/** The full PodStatus to write for `pod` at `now`. `terminal` is true once the pod's containers are stopped for good. */
export function podStatus(pod: KubeObject, run: PodRun, now: number, terminal: boolean): Record<string, unknown> {
  const spec = pod.spec as { restartPolicy?: string; initContainers?: unknown[] };
  const old = (pod.status ?? {}) as { conditions?: Condition[]; qosClass?: string };
  const phase = podPhase(run, spec.restartPolicy ?? 'Always', terminal);
  const containersReady = containersReadyCondition(run, phase);
  const scheduled = old.conditions?.find((c) => c.type === 'PodScheduled');
  const values: [string, ConditionValue][] = [
    ['PodReadyToStartContainers', { status: run.sandboxReady && phase !== 'Succeeded' && phase !== 'Failed' ? 'True' : 'False' }],
    ['Initialized', initializedCondition(run, phase)],
    ['Ready', readyCondition(containersReady, pod)],
    ['ContainersReady', containersReady],
  ];
  const conditions: Condition[] = values.map(([type, value]) => {
    const previous = run.transitions.get(type);
    if (!previous || previous.status !== value.status) run.transitions.set(type, { status: value.status, at: now });
    const condition: Condition = { type, status: value.status, lastProbeTime: null, lastTransitionTime: rfc3339(run.transitions.get(type)!.at) };
    if (value.reason) condition.reason = value.reason;
    if (value.message) condition.message = value.message;
    return condition;
  });
  conditions.push(scheduled ?? { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(run.startTime) });
  // Conditions other components own (readiness gates, DisruptionTarget) are kept as they are.
  for (const c of old.conditions ?? []) if (!kubeletConditions.has(c.type)) conditions.push(c);
  const hasInit = (spec.initContainers ?? []).length > 0;
  const defaultWaiting = hasInit ? 'PodInitializing' : 'ContainerCreating';
  const status: Record<string, unknown> = { phase, conditions, hostIP: run.hostIP, hostIPs: [{ ip: run.hostIP }] };
  if (run.podIP) {
    status.podIP = run.podIP;
    status.podIPs = [{ ip: run.podIP }];
  }
  status.startTime = rfc3339(run.startTime);
  const inits = run.containers.filter((c) => c.init);
  if (inits.length) status.initContainerStatuses = inits.map((c) => containerStatus(c, 'PodInitializing'));
  status.containerStatuses = run.containers.filter((c) => !c.init).map((c) => containerStatus(c, defaultWaiting));
  // The prober never sets `started` on an ephemeral container, and one is never ready.
  if (run.ephemeral?.length) {
    status.ephemeralContainerStatuses = run.ephemeral.map((c) => {
      const { started: _started, ...rest } = containerStatus(c, defaultWaiting);
      return { ...rest, ready: false };
    });
  }
  if (old.qosClass) status.qosClass = old.qosClass;
  return status;
}
