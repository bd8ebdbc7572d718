/**
 * The pod lifecycle as data, in the spirit of kwok's stages: for each step a kubelet takes, how
 * long it takes in virtual time and which events it records. Messages are templates over
 * `{image}`, `{container}`, `{pod}`, `{duration}`, `{total}`, `{size}`, `{error}`, `{probe}`,
 * `{output}`. A lesson or chaos scenario passes its own table (slower pulls, no events) instead of
 * teaching the kubelet special cases.
 */

export type EventType = 'Normal' | 'Warning';

/** One event a stage records on the pod (container events carry the container's fieldPath). */
export interface StageEvent {
  type: EventType;
  reason: string;
  message: string;
}

export interface Stage {
  /** Virtual ms from entering the step until it completes. */
  delay: number;
  events: StageEvent[];
}

/** Every step of the lifecycle, by the name the kubelet code uses. */
export interface StageTable {
  /** Pod bound → sandbox and network ready (PodReadyToStartContainers True, pod IP). */
  sandbox: Stage;
  /** An image pull begins. The pull itself takes `latency + size / bandwidth`. */
  pulling: Stage;
  pulled: Stage;
  /** IfNotPresent/Never with the image on the node. */
  alreadyPresent: Stage;
  /** The registry said no: waiting ErrImagePull. `delay` is how long resolving takes. */
  pullFailed: Stage;
  /** The next sync inside the back-off: waiting ImagePullBackOff. `delay` is when it comes after the failure. */
  pullBackOff: Stage;
  neverPull: Stage;
  /** Create then start a container. `delay` is between Created and Started. */
  created: Stage;
  started: Stage;
  /** A container failed to start (StartError). */
  startFailed: Stage;
  /** A container exited; the next relist (PLEG) decides on a restart after `delay`. */
  exited: Stage;
  /** Restart held back: waiting CrashLoopBackOff. */
  crashBackOff: Stage;
  /** Stopping a container for pod deletion. */
  killing: Stage;
  livenessKill: Stage;
  startupKill: Stage;
  unhealthy: Stage;
  /** Image pull speed (bytes per virtual second) and fixed latency (ms). */
  pullBandwidth: number;
  pullLatency: number;
}

const normal = (reason: string, message: string): StageEvent => ({ type: 'Normal', reason, message });
const warning = (reason: string, message: string): StageEvent => ({ type: 'Warning', reason, message });

/** Kubernetes v1.32 as kind runs it: the kubelet's real event reasons and messages. */
export const defaultStages: StageTable = {
  sandbox: { delay: 1000, events: [] },
  pulling: { delay: 0, events: [normal('Pulling', 'Pulling image "{image}"')] },
  pulled: { delay: 0, events: [normal('Pulled', 'Successfully pulled image "{image}" in {duration} ({total} including waiting). Image size: {size} bytes.')] },
  alreadyPresent: { delay: 0, events: [normal('Pulled', 'Container image "{image}" already present on machine')] },
  pullFailed: { delay: 600, events: [warning('Failed', 'Failed to pull image "{image}": {error}'), warning('Failed', 'Error: ErrImagePull')] },
  pullBackOff: { delay: 1000, events: [normal('BackOff', 'Back-off pulling image "{image}"'), warning('Failed', 'Error: ImagePullBackOff')] },
  neverPull: { delay: 0, events: [warning('ErrImageNeverPull', 'Container image "{image}" is not present with pull policy of Never'), warning('Failed', 'Error: ErrImageNeverPull')] },
  created: { delay: 100, events: [normal('Created', 'Created container: {container}')] },
  started: { delay: 0, events: [normal('Started', 'Started container {container}')] },
  startFailed: { delay: 0, events: [warning('Failed', 'Error: {error}')] },
  exited: { delay: 1000, events: [] },
  crashBackOff: { delay: 0, events: [warning('BackOff', 'Back-off restarting failed container {container} in pod {pod}')] },
  killing: { delay: 0, events: [normal('Killing', 'Stopping container {container}')] },
  livenessKill: { delay: 0, events: [normal('Killing', 'Container {container} failed liveness probe, will be restarted')] },
  startupKill: { delay: 0, events: [normal('Killing', 'Container {container} failed startup probe, will be restarted')] },
  unhealthy: { delay: 0, events: [warning('Unhealthy', '{probe} probe failed: {output}')] },
  pullBandwidth: 35_000_000,
  pullLatency: 40,
};

/** Fill a stage message template. */
export function render(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}
