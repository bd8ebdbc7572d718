/**
 * The kubelet's in-memory view of a pod it runs: its sandbox, IP, and each container's state,
 * restarts, process, probes and logs. pod-status.ts turns this into the API's PodStatus.
 */
import type { ContainerProcess } from './images/behaviours.ts';
import type { KubeObject } from '../api/types.ts';
import type { ContainerLog } from './logs.ts';
import type { NodeState } from './pod-worker.ts';
import type { StageTable } from './stages.ts';
import type { BehaviourName, CatalogueEntry } from './images/catalogue.ts';

/** A probe as the API defaults it. */
export interface ProbeSpec {
  httpGet?: { path?: string; port: number | string; host?: string; scheme?: string };
  tcpSocket?: { port: number | string; host?: string };
  exec?: { command?: string[] };
  grpc?: { port: number };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}

/** The container fields the kubelet reads. */
export interface PodContainer {
  name: string;
  image: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  livenessProbe?: ProbeSpec;
  readinessProbe?: ProbeSpec;
  startupProbe?: ProbeSpec;
  lifecycle?: { preStop?: { exec?: { command?: string[] }; httpGet?: unknown; sleep?: { seconds: number } } };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
  restartPolicy?: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

export interface Terminated {
  exitCode: number;
  reason: string;
  message?: string;
  signal?: number;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

export type ProbeKind = 'Liveness' | 'Readiness' | 'Startup';

export interface ProbeState {
  kind: ProbeKind;
  spec: ProbeSpec;
  nextAt: number;
  successes: number;
  failures: number;
}

/**
 * Where a container is in its lifecycle: `idle` (to pull or create), `pulling`, `pullFailed`
 * (ErrImagePull), `pullBackOff`, `creating`, `running`, `exited` (waiting for the next sync to
 * decide on a restart), `backoff` (CrashLoopBackOff), `done` (terminated for good), `stuck`,
 * `configError` (CreateContainerConfigError or FailedMount: set-up is retried at `nextAt`).
 */
export type ContainerStep = 'idle' | 'pulling' | 'pullFailed' | 'pullBackOff' | 'configError' | 'creating' | 'running' | 'exited' | 'backoff' | 'done' | 'stuck';

export interface ContainerRun {
  name: string;
  init: boolean;
  /** An ephemeral container (`kubectl debug`): started once, never restarted, kept in `PodRun.ephemeral`. */
  ephemeral?: boolean;
  spec: PodContainer;
  step: ContainerStep;
  /** When the current step completes (ms). */
  nextAt: number;
  waiting?: { reason: string; message?: string };
  running?: { startedAt: number };
  terminated?: Terminated;
  lastState?: Terminated;
  restartCount: number;
  /** Resolved image (`docker.io/library/nginx:1.25`) and its imageID, once pulled. */
  image?: string;
  imageID?: string;
  containerID?: string;
  pullError?: string;
  ready: boolean;
  started: boolean;
  process?: ContainerProcess;
  /** When the process's current sleep ends. */
  wakeAt?: number;
  /** The process's own clock: the instant its last action happened (what `date` prints). */
  processTime: number;
  /** What the image does, once pulled. */
  behaviour?: BehaviourName;
  entry?: CatalogueEntry;
  tag?: string;
  /** When the current pull began and how long the registry part takes (ms). */
  pullStart?: number;
  pullDuration?: number;
  pullSize?: number;
  /** The image being pulled; it becomes `image`/`imageID` when the pull succeeds. */
  pulling?: { image: string; imageID: string };
  /** The container's files: a MountedFiles (engine/storage) once the volume manager set it up. */
  files: Map<string, string>;
  /** The environment the volume manager built at creation (envFrom, valueFrom); absent without one. */
  env?: Record<string, string>;
  log?: ContainerLog;
  previousLog?: ContainerLog;
  probes: ProbeState[];
  /** Set when the kubelet kills the container (probe failure, pod deletion): when it will be dead. */
  killAt?: number;
  killReason?: 'liveness' | 'startup' | 'deletion';
  killExitCode?: number;
  /** When the working set passes the memory limit and the kernel's OOM killer ends the process. */
  oomAt?: number;
}

export interface PodRun {
  uid: string;
  key: string;
  node: string;
  /** When the sandbox is ready; the pod IP is assigned then. */
  sandboxAt: number;
  sandboxReady: boolean;
  podIP?: string;
  hostIP: string;
  startTime: number;
  containers: ContainerRun[];
  /** Ephemeral containers added through `pods/NAME/ephemeralcontainers`, in the order they appeared. */
  ephemeral?: ContainerRun[];
  /** Condition type → last transition time, kept across status writes. */
  transitions: Map<string, { status: string; at: number }>;
  /** Pod deletion under way: when every container will have stopped. */
  terminatingUntil?: number;
  /** Terminal phase reached and written; nothing more runs. */
  finished: boolean;
  /** The last status written, to skip writes that change nothing (compared as JSON text). */
  written?: Record<string, unknown>;
  /** The final DELETE was sent. */
  deleted: boolean;
}

/** The pod spec fields the kubelet reads. */
export interface PodSpec {
  containers: PodContainer[];
  initContainers?: PodContainer[];
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  hostNetwork?: boolean;
  hostname?: string;
}

/** A new pod on the node: every container waiting, the sandbox due after the sandbox stage. */
export function newPodRun(pod: KubeObject, node: NodeState, now: number, stages: StageTable): PodRun {
  const spec = pod.spec as PodSpec;
  const make = (container: PodContainer, init: boolean): ContainerRun => ({
    name: container.name, init, spec: container, step: 'idle', nextAt: now, restartCount: 0,
    ready: false, started: false, files: new Map(), probes: [], processTime: now,
  });
  return {
    uid: pod.metadata.uid!, key: `${pod.metadata.namespace}/${pod.metadata.name}`, node: node.name,
    sandboxAt: now + stages.sandbox.delay, sandboxReady: false, hostIP: node.address, startTime: now,
    containers: [...(spec.initContainers ?? []).map((c) => make(c, true)), ...spec.containers.map((c) => make(c, false))],
    transitions: new Map(), finished: false, deleted: false,
  };
}

/** The earliest instant something in this pod falls due, if anything does. */
export function nextDue(run: PodRun): number | undefined {
  if (run.finished) return undefined;
  let next: number | undefined;
  const consider = (at: number | undefined): void => { if (at !== undefined && (next === undefined || at < next)) next = at; };
  if (!run.sandboxReady) return run.sandboxAt;
  if (run.terminatingUntil !== undefined) consider(run.terminatingUntil);
  for (const c of run.ephemeral?.length ? [...run.containers, ...run.ephemeral] : run.containers) {
    if (c.step === 'running') {
      consider(c.wakeAt);
      consider(c.killAt);
      consider(c.oomAt);
      if (c.killAt === undefined) for (const p of c.probes) consider(p.nextAt);
    } else if (c.step !== 'done' && c.step !== 'stuck' && c.step !== 'idle') consider(c.nextAt);
  }
  return next;
}

