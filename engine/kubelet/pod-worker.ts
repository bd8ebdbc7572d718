/**
 * One pod's lifecycle on a node, step by step: sandbox, image pulls with back-off, init
 * containers in order, create and start, the process running in virtual time, probes, exits and
 * restarts with CrashLoopBackOff, and graceful termination. Timings and events come from the
 * stage table; `advancePod` does everything due at `now` and the caller writes the status.
 */
import type { Random } from '../clock.ts';
import type { KubeObject } from '../api/types.ts';
import type { PodNetwork } from '../network/cluster-network.ts';
import { Backoff, goDuration } from './backoff.ts';
import { startProcess } from './images/behaviours.ts';
import { resolveImage } from './images/catalogue.ts';
import { containerId } from './images/digest.ts';
import { parseImage } from './images/reference.ts';
import { nodeLogBook } from './images/fluentd-node-logs.ts';
import { ContainerLog } from './logs.ts';
import type { ContainerRun, PodRun, PodSpec, Terminated } from './pod-runtime.ts';
import { initialProbes, runProbe } from './probes.ts';
import type { Stage, StageTable } from './stages.ts';

import { render } from './stages.ts';
import type { Container } from 'kubernetes-types/core/v1';
import type { VolumeManager } from '../storage/volume-manager.ts';
import { parseQuantity, quantityValue } from '../api/validation/quantity.ts';
import { ephemeralRuns } from './ephemeral.ts';

/** What the worker needs of its node. */
export interface NodeState {
  name: string;
  address: string;
  /** The pod network's gateway on this node (10.244.N.1): where probes come from. */
  gateway: string;
  /** Images on the node: full reference → size. */
  images: Map<string, number>;
  /** Image pulls are serialized per node (serializeImagePulls): when the puller is free. */
  pullFreeAt: number;
  /** Images with a pull queued or under way. */
  pullingImages: Set<string>;
}

/** What the worker needs of the kubelet around it. */
export interface WorkerHost {
  stages: StageTable;
  random: Random;
  crashBackoff: Backoff;
  pullBackoff: Backoff;
  event(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void;
  allocateIP(): string;
  /** The cluster network containers reach with wget, curl and nslookup (absent in isolated tests). */
  network?: { podNetwork(namespace: string, name: string): PodNetwork };
  /** Volume contents and the env from ConfigMaps and Secrets (absent in isolated tests). */
  volumes?: VolumeManager;
}


/** `name_namespace(uid)`: how kubelet messages name a pod (`format.Pod`). */
export function formatPod(pod: KubeObject): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
}

/** The container's memory limit in bytes, if it has one. */
function memoryLimit(c: ContainerRun): number | undefined {
  const limit = c.spec.resources?.limits?.memory;
  if (limit === undefined) return undefined;
  try {
    return quantityValue(parseQuantity(String(limit)));
  } catch {
    return undefined;
  }
}

/** Runs the due steps of one pod. */
export class PodWorker {
  private readonly spec: PodSpec;

  constructor(private readonly run: PodRun, private readonly pod: KubeObject, private readonly node: NodeState, private readonly host: WorkerHost, private readonly now: number) {
    this.spec = pod.spec as PodSpec;
  }

  /** Do everything due. Returns true when the pod has reached a terminal state (`run.finished`). */
  advance(): boolean {
    const run = this.run;
    if (run.finished) return true;
    if (this.pod.metadata.deletionTimestamp) return this.terminate();
    if (!run.sandboxReady) {
      if (this.now < run.sandboxAt) return false;
      run.sandboxReady = true;
      run.podIP = this.spec.hostNetwork ? this.node.address : this.host.allocateIP();
    }
    // Ephemeral containers start as soon as the sandbox is there, even while init containers run.
    for (const c of ephemeralRuns(run, this.pod, this.now)) this.progress(c);
    for (const c of run.containers.filter((x) => x.init)) {
      this.progress(c);
      if (c.step === 'done' && c.terminated?.exitCode === 0) continue;
      return this.checkFinished();
    }
    for (const c of run.containers) if (!c.init) this.progress(c);
    return this.checkFinished();
  }

  private checkFinished(): boolean {
    const failedInit = this.run.containers.some((c) => c.init && c.step === 'done' && c.terminated && c.terminated.exitCode !== 0);
    const regularDone = this.run.containers.every((c) => c.init || c.step === 'done');
    if (failedInit || regularDone) this.run.finished = true;
    return this.run.finished;
  }

  private fieldPath(c: ContainerRun): string {
    return `spec.${c.ephemeral ? 'ephemeralContainers' : c.init ? 'initContainers' : 'containers'}{${c.name}}`;
  }

  private record(stage: Stage, c: ContainerRun, values: Record<string, string | number> = {}): void {
    for (const e of stage.events) {
      const message = render(e.message, { image: c.spec.image, container: c.name, pod: formatPod(this.pod), ...values });
      this.host.event(this.pod, e.type, e.reason, message, this.fieldPath(c));
    }
  }

  private progress(c: ContainerRun): void {
    for (let guard = 0; guard < 64; guard++) {
      switch (c.step) {
        case 'idle': this.ensureImage(c); break;
        case 'pulling': if (this.now < c.nextAt) return; this.finishPull(c); break;
        case 'pullFailed':
          if (this.now < c.nextAt) return;
          this.record(this.host.stages.pullBackOff, c);
          c.waiting = { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.spec.image}"` };
          c.step = 'pullBackOff';
          c.nextAt = this.host.pullBackoff.endsAt(this.pullKey(c));
          break;
        case 'pullBackOff': if (this.now < c.nextAt) return; c.step = 'idle'; break;
        case 'configError': if (this.now < c.nextAt) return; c.step = 'idle'; break;
        case 'creating': if (this.now < c.nextAt) return; this.start(c); break;
        case 'running': if (this.oomKilled(c)) break; this.runProcess(c); if (c.step === 'running') { this.runProbes(c); this.runProcess(c); } if (c.step === 'running') return; break;
        case 'exited':
        case 'backoff': if (this.now < c.nextAt) return; this.decideRestart(c); if (c.step === 'backoff') return; break;
        default: return;
      }
    }
  }

  private pullKey(c: ContainerRun): string {
    return `${this.run.uid}/${c.spec.image}`;
  }

  private ensureImage(c: ContainerRun): void {
    const stages = this.host.stages;
    const image = c.spec.image;
    const ref = parseImage(image);
    if (!ref) {
      const message = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`;
      this.host.event(this.pod, 'Warning', 'InspectFailed', message, this.fieldPath(c));
      this.host.event(this.pod, 'Warning', 'Failed', 'Error: InvalidImageName', this.fieldPath(c));
      c.waiting = { reason: 'InvalidImageName', message };
      c.step = 'stuck';
      return;
    }
    const result = resolveImage(ref);
    const present = this.node.images.has(ref.full);
    const policy = c.spec.imagePullPolicy ?? (ref.tag === 'latest' ? 'Always' : 'IfNotPresent');
    if (result.ok) { c.behaviour = result.behaviour; c.entry = result.entry; c.tag = ref.tag; }
    if (policy === 'Never' && !present) {
      this.record(stages.neverPull, c);
      c.waiting = { reason: 'ErrImageNeverPull', message: `Container image "${image}" is not present with pull policy of Never` };
      c.step = 'stuck';
      return;
    }
    if (present && policy !== 'Always' && result.ok) {
      this.record(stages.alreadyPresent, c);
      c.image = ref.full;
      c.imageID = result.imageId;
      this.create(c);
      return;
    }
    this.record(stages.pulling, c);
    c.pullStart = this.now;
    c.waiting = undefined;
    if (!result.ok) {
      c.pullError = result.error;
      c.step = 'pulling';
      c.nextAt = this.now + stages.pullFailed.delay;
      return;
    }
    c.pullError = undefined;
    // With the layers on the node (or being pulled by an earlier pull in the serial queue), only
    // the manifest is fetched: "in 400ms (8.5s including waiting)".
    const layersHere = present || this.node.pullingImages.has(ref.full);
    const duration = layersHere ? stages.pullLatency * 10 : stages.pullLatency + Math.round((result.size / stages.pullBandwidth) * 1000);
    const begin = Math.max(this.now, this.node.pullFreeAt);
    this.node.pullFreeAt = begin + duration;
    this.node.pullingImages.add(ref.full);
    c.pullDuration = duration;
    c.pullSize = result.size;
    c.pulling = { image: ref.full, imageID: result.imageId };
    c.step = 'pulling';
    c.nextAt = begin + duration;
  }

  private finishPull(c: ContainerRun): void {
    if (c.pullError) {
      this.record(this.host.stages.pullFailed, c, { error: c.pullError });
      c.waiting = { reason: 'ErrImagePull', message: c.pullError };
      this.host.pullBackoff.next(this.pullKey(c), this.now);
      c.step = 'pullFailed';
      c.nextAt = this.now + this.host.stages.pullBackOff.delay;
      return;
    }
    c.image = c.pulling!.image;
    c.imageID = c.pulling!.imageID;
    this.node.images.set(c.image, c.pullSize!);
    this.node.pullingImages.delete(c.image);
    this.record(this.host.stages.pulled, c, { duration: goDuration(c.pullDuration!), total: goDuration(this.now - c.pullStart!), size: c.pullSize! });
    this.create(c);
  }

  private create(c: ContainerRun): void {
    if (!this.prepare(c)) return;
    c.containerID = containerId(this.host.random);
    this.record(this.host.stages.created, c);
    c.step = 'creating';
    c.nextAt = this.now + this.host.stages.created.delay;
  }

  /**
   * Volumes and environment, set up before the container is created (engine/storage). A missing
   * ConfigMap or Secret key leaves it waiting in CreateContainerConfigError, a volume that cannot
   * be mounted in ContainerCreating; the pod worker retries after its back-off (10 s).
   */
  private prepare(c: ContainerRun): boolean {
    const volumes = this.host.volumes;
    if (!volumes) return true;
    const known = { podIP: this.run.podIP, hostIP: this.node.address, nodeName: this.node.name, now: this.now };
    const prepared = volumes.prepareContainer(this.pod, c.spec as unknown as Container, known);
    if (prepared.kind === 'ready') {
      c.env = prepared.env;
      c.files = prepared.files;
      for (const warning of prepared.warnings) this.host.event(this.pod, 'Warning', 'InvalidEnvironmentVariableNames', warning);
      return true;
    }
    if (prepared.kind === 'configError') {
      this.host.event(this.pod, 'Warning', 'Failed', `Error: ${prepared.message}`, this.fieldPath(c));
      c.waiting = { reason: 'CreateContainerConfigError', message: prepared.message };
    } else {
      this.host.event(this.pod, 'Warning', 'FailedMount', prepared.message);
      c.waiting = undefined;
    }
    c.step = 'configError';
    c.nextAt = this.now + 10_000;
    return false;
  }

  private start(c: ContainerRun): void {
    const env: Record<string, string> = c.env ? { ...c.env } : { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
    if (!c.env) for (const e of c.spec.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
    const hostname = this.spec.hostname ?? this.pod.metadata.name!;
    const logBook = nodeLogBook(this.node);
    const ctx = { env, files: c.files, hostname, ip: this.run.podIP, now: () => c.processTime, network: this.host.network?.podNetwork(this.pod.metadata.namespace!, this.pod.metadata.name!), nodeLogs: (reader: string) => logBook.read(reader) };
    c.processTime = this.now;
    const started = startProcess(c.behaviour ?? 'generic', c.entry, c.tag ?? 'latest', c.spec, ctx);
    c.previousLog = c.log ?? c.previousLog;
    c.log = new ContainerLog(c.containerID!);
    logBook.add(this.pod, c.spec.name, c.image ?? '', c.log);
    c.waiting = undefined;
    if ('startError' in started) {
      this.record(this.host.stages.startFailed, c, { error: started.startError });
      c.log.close();
      this.exit(c, { exitCode: 128, reason: 'StartError', message: started.startError, startedAt: 0, finishedAt: this.now, containerID: c.containerID! });
      return;
    }
    this.record(this.host.stages.started, c);
    c.process = started;
    c.running = { startedAt: this.now };
    c.wakeAt = undefined;
    c.killAt = undefined;
    c.started = !c.spec.startupProbe;
    c.ready = c.started && !c.spec.readinessProbe;
    c.probes = initialProbes(c.spec, this.now);
    c.step = 'running';
    const limit = memoryLimit(c);
    c.oomAt = limit !== undefined ? started.usage?.oomAt(limit) : undefined;
  }

  /** Past its memory limit the container's process is killed by the kernel: OOMKilled, exit 137. */
  private oomKilled(c: ContainerRun): boolean {
    if (c.oomAt === undefined || this.now < c.oomAt || (c.killAt !== undefined && c.killAt <= c.oomAt)) return false;
    this.exit(c, this.terminated(c, 137, Math.max(c.oomAt, c.running!.startedAt), 'OOMKilled'));
    return true;
  }

  /** Feed the process: its output goes to the log at its own clock; a sleep sets when it wakes. */
  private runProcess(c: ContainerRun): void {
    for (let steps = 0; c.step === 'running' && steps < 100_000; steps++) {
      if (c.wakeAt !== undefined) {
        if (c.killAt !== undefined && c.killAt <= c.wakeAt && this.now >= c.killAt) return this.killed(c);
        if (this.now < c.wakeAt) break;
        c.processTime = c.wakeAt;
        c.wakeAt = undefined;
      }
      if (c.killAt !== undefined && this.now >= c.killAt && c.processTime >= c.killAt) return this.killed(c);
      const step = c.process!.run.next();
      if (step.done) {
        if (c.killAt !== undefined && c.killAt < c.processTime) return this.killed(c);
        return this.exit(c, this.terminated(c, step.value, c.processTime));
      }
      if (step.value.kind === 'output') c.log!.append(c.processTime, step.value.stream, step.value.text);
      else c.wakeAt = c.processTime + step.value.ms;
    }
    if (c.killAt !== undefined && this.now >= c.killAt) this.killed(c);
  }

  private terminated(c: ContainerRun, exitCode: number, at: number, reason?: string): Terminated {
    return {
      exitCode, reason: reason ?? (exitCode === 0 ? 'Completed' : 'Error'),
      startedAt: c.running!.startedAt, finishedAt: at, containerID: c.containerID!,
    };
  }

  /** The kill the kubelet started has ended: SIGTERM honoured, or SIGKILL at the deadline. */
  private killed(c: ContainerRun): void {
    this.exit(c, this.terminated(c, c.killExitCode ?? 137, c.killAt!));
  }

  private exit(c: ContainerRun, terminated: Terminated): void {
    c.terminated = terminated;
    c.running = undefined;
    c.process = undefined;
    c.ready = false;
    c.started = false;
    c.wakeAt = undefined;
    c.killAt = undefined;
    c.oomAt = undefined;
    c.log?.close();
    c.step = this.pod.metadata.deletionTimestamp ? 'done' : 'exited';
    c.nextAt = terminated.finishedAt + this.host.stages.exited.delay;
  }

  private runProbes(c: ContainerRun): void {
    for (const probe of c.probes) {
      const period = (probe.spec.periodSeconds ?? 10) * 1000;
      if (probe.kind !== 'Startup' && !c.started) {
        // Liveness and readiness workers keep ticking, but skip their probes until the container has started.
        while (probe.nextAt <= this.now) probe.nextAt += period;
        continue;
      }
      while (probe.nextAt <= this.now && c.step === 'running' && c.killAt === undefined) {
        const at = probe.nextAt;
        probe.nextAt += period;
        if (c.wakeAt === undefined || c.wakeAt > at) c.processTime = Math.max(c.processTime, at);
        const result = runProbe(probe.spec, c, this.run.podIP ?? '', this.node.gateway, at);
        if (result.ok) {
          probe.failures = 0;
          probe.successes++;
          if (probe.successes < (probe.spec.successThreshold ?? 1)) continue;
          if (probe.kind === 'Startup' && !c.started) {
            c.started = true;
            c.ready = !c.spec.readinessProbe;
          }
          if (probe.kind === 'Readiness') c.ready = true;
          continue;
        }
        probe.successes = 0;
        probe.failures++;
        this.record(this.host.stages.unhealthy, c, { probe: probe.kind, output: result.output });
        if (probe.failures < (probe.spec.failureThreshold ?? 3)) continue;
        if (probe.kind === 'Readiness') { c.ready = false; continue; }
        this.record(probe.kind === 'Liveness' ? this.host.stages.livenessKill : this.host.stages.startupKill, c);
        const grace = probe.spec.terminationGracePeriodSeconds ?? this.spec.terminationGracePeriodSeconds ?? 30;
        this.kill(c, at, at + grace * 1000, 0);
      }
    }
  }

  /** Send SIGTERM at `at` (after a preStop hook of `hookMs`), SIGKILL at `deadline`. */
  private kill(c: ContainerRun, at: number, deadline: number, hookMs: number): void {
    c.ready = false;
    const term = c.process!.term;
    const termAt = Math.min(at + hookMs, deadline);
    if (term === 'ignore' || termAt + term.afterMs > deadline) {
      c.killAt = deadline;
      c.killExitCode = 137;
    } else {
      c.killAt = termAt + term.afterMs;
      c.killExitCode = term.exitCode;
    }
  }

  /** Pod deletion: stop every container within the grace period, then report the pod terminal. */
  private terminate(): boolean {
    const run = this.run;
    if (run.terminatingUntil === undefined) {
      const grace = (this.pod.metadata.deletionGracePeriodSeconds ?? this.spec.terminationGracePeriodSeconds ?? 30) * 1000;
      const deadline = this.now + grace;
      run.terminatingUntil = this.now;
      for (const c of run.containers) {
        if (c.step !== 'running' || !c.process) {
          if (c.step !== 'done') {
            c.step = 'done';
            if (c.waiting?.reason === 'CrashLoopBackOff' && c.lastState) c.waiting = undefined;
          }
          continue;
        }
        this.record(this.host.stages.killing, c);
        this.kill(c, this.now, deadline, this.preStopMs(c));
        run.terminatingUntil = Math.max(run.terminatingUntil, c.killAt!);
      }
    }
    for (const c of run.containers) if (c.step === 'running') this.runProcess(c);
    if (run.containers.some((c) => c.step === 'running')) return false;
    run.finished = true;
    return true;
  }

  /** How long a preStop hook takes: an exec runs its sleeps, `sleep` its seconds, httpGet is quick. */
  private preStopMs(c: ContainerRun): number {
    const hook = c.spec.lifecycle?.preStop;
    if (!hook) return 0;
    if (hook.sleep) return hook.sleep.seconds * 1000;
    if (!hook.exec?.command || !c.process) return 0;
    let total = 0;
    const run = c.process.exec(hook.exec.command);
    for (let i = 0; i < 10_000; i++) {
      const step = run.next();
      if (step.done) break;
      if (step.value.kind === 'sleep') total += step.value.ms;
    }
    return total;
  }

  private decideRestart(c: ContainerRun): void {
    const policy = this.spec.restartPolicy ?? 'Always';
    const last = c.terminated ?? c.lastState!;
    // An ephemeral container is never restarted, whatever the pod's restartPolicy.
    const restart = c.ephemeral ? false : c.init ? last.exitCode !== 0 && policy !== 'Never' : policy === 'Always' || (policy === 'OnFailure' && last.exitCode !== 0);
    if (!restart) {
      c.step = 'done';
      return;
    }
    const key = `${this.run.uid}/${c.name}`;
    const backoff = this.host.crashBackoff;
    if (backoff.isInBackOffSince(key, last.finishedAt, this.now)) {
      if (c.step !== 'backoff') this.record(this.host.stages.crashBackOff, c);
      c.lastState = last;
      c.terminated = undefined;
      c.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(backoff.get(key))} restarting failed container=${c.name} pod=${formatPod(this.pod)}` };
      c.step = 'backoff';
      c.nextAt = last.finishedAt + backoff.get(key);
      return;
    }
    backoff.next(key, last.finishedAt);
    c.lastState = last;
    c.terminated = undefined;
    c.waiting = undefined;
    c.restartCount++;
    c.step = 'idle';
  }
}
