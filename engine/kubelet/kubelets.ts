/**
 * The kubelets of every simulated node, as one controller: it registers each node (Node, Lease,
 * heartbeats), watches the pods bound to its nodes, runs each through the lifecycle stages
 * (pod-worker.ts), writes their status through `pods/NAME/status`, and finishes graceful
 * deletion. One controller with a timer heap and per-node indexes keeps 5,000 nodes cheap.
 *
 * Queue keys: `ns/name` for a pod, `timers` for the earliest due pod, `leases` for heartbeats,
 * `register:NAME` for a node to register, `mirror:NAME` to recreate a node's deleted mirror pods.
 */
import type { Cluster } from '../cluster.ts';
import type { KubeObject } from '../api/types.ts';
import type { PodNetwork } from '../network/cluster-network.ts';
import type { VolumeManager } from '../storage/volume-manager.ts';
import { setLogSource } from '../api/handlers/pod-log.ts';
import type { LogOptions, LogSource } from '../api/handlers/pod-log.ts';
import type { TextStream } from '../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../runtime/controller.ts';
import { EventRecorder } from '../runtime/events.ts';
import type { Informer } from '../runtime/informer.ts';
import { keyOf } from '../runtime/informer.ts';
import { WorkQueue } from '../runtime/workqueue.ts';
import { Backoff } from './backoff.ts';
import { selectLines } from './logs.ts';
import type { SimulatedNode } from './node-heartbeat.ts';
import { allocatePodIP, nodeReference, postNodeStatus, registerNode, releasePodIP, renewLease, simulatedNode } from './node-heartbeat.ts';
import type { NodeSpec } from './nodes.ts';
import { nodeStatusReportMs } from './nodes.ts';
import type { PodRun } from './pod-runtime.ts';
import { writePodStatus } from './status-writer.ts';
import type { WorkerHost } from './pod-worker.ts';
import { PodWorker } from './pod-worker.ts';
import { newPodRun, nextDue } from './pod-runtime.ts';
import type { StageTable } from './stages.ts';
import { defaultStages } from './stages.ts';
import { TimerHeap } from './timers.ts';
import { allContainerRuns } from './ephemeral.ts';
import { ensureMirrorPods, mirrorAnnotation } from './static-pods.ts';
import type { MetricsSource } from '../metrics/source.ts';
import { nodeRunUsage, podRunUsage } from '../metrics/source.ts';

export interface KubeletsOptions {
  /** Nodes to register when the controller starts. */
  nodes?: NodeSpec[];
  /** The lifecycle stage table; default: Kubernetes v1.32 on kind. */
  stages?: StageTable;
  /** Record the node start-up events (Starting, NodeHasSufficientMemory, …); default true. */
  nodeEvents?: boolean;
}

const kubeletAgent = (node: string): string => `kubelet/v1.32.2 (linux/amd64) kubernetes/67a30c0 ${node}`;

/** How many ephemeral containers a pod's spec has. */
function ephemeralCount(pod: KubeObject): number {
  return ((pod.spec as { ephemeralContainers?: unknown[] } | undefined)?.ephemeralContainers ?? []).length;
}

/** The kubelets of all simulated nodes. */
export class Kubelets implements Controller {
  readonly name = 'kubelet';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private pods!: Informer;
  private readonly stages: StageTable;
  private readonly nodes = new Map<string, SimulatedNode>();
  private readonly runs = new Map<string, PodRun>();
  /** Pod keys by pod IP, so `httpGet` finds its target without scanning every run (hostNetwork pods share their node's IP). */
  private readonly runsByIP = new Map<string, Set<string>>();
  private readonly timers = new TimerHeap();
  /** Per pod key: the instant its timer is set for, to avoid pushing duplicates. */
  private readonly timerAt = new Map<string, number>();
  private readonly recorders = new Map<string, EventRecorder>();
  private readonly crashBackoff = new Backoff();
  private readonly pullBackoff = new Backoff();
  private started = false;
  /** The cluster network, set by the Cluster: containers' wget, curl and nslookup go through it. */
  network?: { podNetwork(namespace: string, name: string): PodNetwork };
  /** Volume contents and containers' env, set by the Cluster (absent in isolated tests: no files, env from the spec only). */
  volumes?: VolumeManager;

  constructor(private readonly options: KubeletsOptions = {}) {
    this.stages = options.stages ?? defaultStages;
    for (const spec of options.nodes ?? []) this.addNode(spec);
  }

  start(env: ControllerEnv): void {
    this.env = env;
    this.started = true;
    this.pods = env.informer('/api/v1/pods');
    this.pods.addHandler({
      onAdd: (pod) => this.enqueuePod(pod),
      onUpdate: (old, pod) => {
        const oldSpec = old.spec as { nodeName?: string };
        const spec = pod.spec as { nodeName?: string };
        if (oldSpec.nodeName !== spec.nodeName || (!old.metadata.deletionTimestamp && pod.metadata.deletionTimestamp)) this.enqueuePod(pod);
        // `kubectl debug` added an ephemeral container: start it.
        else if (ephemeralCount(pod) !== ephemeralCount(old)) this.enqueuePod(pod);
      },
      onDelete: (pod) => {
        this.enqueuePod(pod);
        // A deleted mirror pod comes back: the static pod itself never stopped.
        const nodeName = (pod.spec as { nodeName?: string }).nodeName;
        if (nodeName && pod.metadata.annotations?.[mirrorAnnotation] && this.nodes.get(nodeName)?.spec.staticPods?.length) this.queue.add(`mirror:${nodeName}`);
      },
    });
    for (const name of this.nodes.keys()) this.queue.add(`register:${name}`);
  }

  /** Add a node to simulate (the lab's `addNode`); it registers at the next settle. */
  addNode(spec: NodeSpec): void {
    if (this.nodes.has(spec.name)) throw new Error(`node ${spec.name} already exists`);
    this.nodes.set(spec.name, simulatedNode(spec, this.nodes.size));
    if (this.started) this.queue.add(`register:${spec.name}`);
  }

  /** Stop a node's kubelet: no more Lease renewals, node status or pod updates. The node-lifecycle controller marks it NotReady once the grace period passes. */
  failNode(name: string): void {
    this.node(name).failed = true;
  }

  /** Restart a failed node's kubelet: heartbeats resume at once and its pods are synced again. */
  recoverNode(name: string): void {
    const node = this.node(name);
    if (!node.failed) return;
    node.failed = false;
    const now = this.env.clock.now();
    this.recorder(node).event(nodeReference(node), 'Normal', 'Starting', 'Starting kubelet.');
    renewLease(this.nodeApi(node), node, now);
    postNodeStatus(this.nodeApi(node), node, now);
    for (const key of node.pods) {
      // The node controller marked these pods not ready meanwhile: post their status afresh.
      const run = this.runs.get(key);
      if (run) run.written = undefined;
      this.queue.add(key);
    }
    this.queue.add('leases');
  }

  /** The names of the simulated nodes, in registration order. */
  nodeNames(): string[] {
    return [...this.nodes.keys()];
  }

  private node(name: string): SimulatedNode {
    const node = this.nodes.get(name);
    if (!node) throw new Error(`node ${name} is not simulated`);
    return node;
  }

  private enqueuePod(pod: KubeObject): void {
    const nodeName = (pod.spec as { nodeName?: string }).nodeName;
    const key = keyOf(pod);
    if ((nodeName && this.nodes.has(nodeName)) || this.runs.has(key)) this.queue.add(key);
  }

  /**
   * The API as a node's kubelet: its own user agent, and the node's identity `system:node:NAME`
   * (the controller runner currently replaces the user with the controller's service account).
   */
  private nodeApi(node: SimulatedNode): ControllerEnv['api'] {
    const user = { username: `system:node:${node.name}`, groups: ['system:nodes', 'system:authenticated'] };
    return { handle: (request) => this.env.api.handle({ ...request, user, headers: { 'user-agent': kubeletAgent(node.name), ...(request.headers ?? {}) } }) };
  }

  private recorder(node: SimulatedNode): EventRecorder {
    let recorder = this.recorders.get(node.name);
    if (!recorder) {
      recorder = new EventRecorder(this.nodeApi(node), this.env.clock, { component: 'kubelet', host: node.name });
      this.recorders.set(node.name, recorder);
    }
    return recorder;
  }

  sync(key: string): SyncResult {
    if (key === 'timers') return this.fireTimers();
    if (key === 'leases') return this.heartbeat();
    if (key.startsWith('register:')) return this.register(key.slice('register:'.length));
    if (key.startsWith('mirror:')) return this.syncMirrorPods(key.slice('mirror:'.length));
    return this.syncPod(key);
  }

  private register(name: string): SyncResult {
    const node = this.nodes.get(name);
    if (!node || node.node) return;
    const now = this.env.clock.now();
    registerNode(this.nodeApi(node), node, now);
    if (this.options.nodeEvents ?? true) {
      const recorder = this.recorder(node);
      const ref = nodeReference(node);
      recorder.event(ref, 'Normal', 'Starting', 'Starting kubelet.');
      for (const reason of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) {
        recorder.event(ref, 'Normal', reason, `Node ${name} status is now: ${reason}`);
      }
      recorder.event(ref, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
      recorder.event(ref, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`);
    }
    this.queue.addAt('leases', node.leaseRenewAt);
    this.syncMirrorPods(name);
    for (const pod of this.pods.list()) if ((pod.spec as { nodeName?: string }).nodeName === name) this.queue.add(keyOf(pod));
  }

  private syncMirrorPods(name: string): SyncResult {
    const node = this.nodes.get(name);
    if (!node?.node || node.failed || !node.spec.staticPods?.length) return;
    ensureMirrorPods(this.nodeApi(node), node.spec.staticPods, node.node, this.env.clock.now());
  }

  /** Renew every Lease that is due, and post node status where it changed or 5 min have passed. */
  private heartbeat(): SyncResult {
    const now = this.env.clock.now();
    let next: number | undefined;
    for (const node of this.nodes.values()) {
      if (!node.node || node.failed) continue;
      if (node.leaseRenewAt <= now) renewLease(this.nodeApi(node), node, now);
      if (now - node.statusPostedAt >= nodeStatusReportMs || node.imagesReported !== node.images.size) postNodeStatus(this.nodeApi(node), node, now);
      const due = Math.min(node.leaseRenewAt, node.statusPostedAt + nodeStatusReportMs);
      if (next === undefined || due < next) next = due;
    }
    if (next !== undefined) return { requeueAfter: next - now };
  }

  private fireTimers(): SyncResult {
    const now = this.env.clock.now();
    for (const key of this.timers.popDue(now)) {
      if ((this.timerAt.get(key) ?? Infinity) <= now) this.timerAt.delete(key);
      this.queue.add(key);
    }
    const next = this.timers.peek();
    if (next !== undefined) return { requeueAfter: next - now };
  }

  private setTimer(key: string, at: number): void {
    const current = this.timerAt.get(key);
    if (current !== undefined && current <= at && current > this.env.clock.now()) return;
    this.timerAt.set(key, at);
    this.timers.push(at, key);
    this.queue.addAt('timers', at);
  }

  private host(node: SimulatedNode): WorkerHost {
    return {
      stages: this.stages, random: this.env.random, crashBackoff: this.crashBackoff, pullBackoff: this.pullBackoff,
      event: (pod, type, reason, message, fieldPath) => this.recorder(node).event(pod, type, reason, message, fieldPath),
      allocateIP: () => allocatePodIP(node),
      network: this.network,
      volumes: this.volumes,
    };
  }

  private forget(run: PodRun): void {
    const node = this.nodes.get(run.node);
    if (node) {
      releasePodIP(node, run.podIP === node.address ? undefined : run.podIP);
      node.pods.delete(run.key);
    }
    const sharing = run.podIP ? this.runsByIP.get(run.podIP) : undefined;
    if (sharing?.delete(run.key) && !sharing.size) this.runsByIP.delete(run.podIP!);
    for (const c of run.containers) c.log?.close();
    this.crashBackoff.forgetPrefix(`${run.uid}/`);
    this.pullBackoff.forgetPrefix(`${run.uid}/`);
    this.runs.delete(run.key);
  }

  private syncPod(key: string): SyncResult {
    const pod = this.pods.get(key);
    let run = this.runs.get(key);
    if (run && (!pod || run.uid !== pod.metadata.uid)) {
      this.forget(run);
      run = undefined;
    }
    if (!pod) return;
    const nodeName = (pod.spec as { nodeName?: string }).nodeName;
    const node = nodeName ? this.nodes.get(nodeName) : undefined;
    if (!node?.node || node.failed || run?.deleted) return;
    const now = this.env.clock.now();
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (!run) {
      if (pod.metadata.deletionTimestamp || phase === 'Succeeded' || phase === 'Failed') {
        // Never started here (or finished before we knew it): nothing to stop.
        if (pod.metadata.deletionTimestamp) this.deletePod(node, pod);
        return;
      }
      run = newPodRun(pod, node, now, this.stages);
      this.runs.set(key, run);
      node.pods.add(key);
    }
    const deleting = !!pod.metadata.deletionTimestamp;
    const finished = new PodWorker(run, pod, node, this.host(node), now).advance();
    // The worker assigns the IP once, when the sandbox starts.
    if (run.podIP) {
      let keys = this.runsByIP.get(run.podIP);
      if (!keys) this.runsByIP.set(run.podIP, (keys = new Set()));
      keys.add(key);
    }
    this.writeStatus(node, pod, run, now, deleting && finished);
    if (finished && deleting) {
      this.deletePod(node, pod);
      run.deleted = true;
      return;
    }
    const due = nextDue(run);
    if (due !== undefined) this.setTimer(key, Math.max(due, now));
  }

  private writeStatus(node: SimulatedNode, pod: KubeObject, run: PodRun, now: number, terminal: boolean): void {
    writePodStatus(this.nodeApi(node), pod, run, now, terminal);
  }

  private deletePod(node: SimulatedNode, pod: KubeObject): void {
    this.nodeApi(node).handle({
      method: 'DELETE',
      path: `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`,
      body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } },
    });
  }

  /**
   * An HTTP GET to a pod IP from inside the cluster (for the network layer: Services, Ingress,
   * `kubectl exec … wget`): the container listening on `port` answers and logs it, as nginx does.
   */
  httpGet(request: { ip: string; port: number; path: string; client: string; userAgent: string }): { status: number; body: string; elapsedMs?: number } | { error: string } {
    const now = this.env.clock.now();
    let reachable = false;
    for (const key of this.runsByIP.get(request.ip) ?? []) {
      const run = this.runs.get(key);
      if (!run || run.podIP !== request.ip || this.nodes.get(run.node)?.failed) continue;
      reachable = true;
      for (const c of run.containers) {
        if (c.step !== 'running' || !c.process?.ports.includes(request.port)) continue;
        const answer = c.process.http(request, now);
        if (!answer) continue;
        if (answer.log) c.log?.append(now, 'stdout', answer.log + '\n');
        return { status: answer.status, body: answer.body, elapsedMs: answer.elapsedMs };
      }
    }
    if (reachable) return { error: `dial tcp ${request.ip}:${request.port}: connect: connection refused` };
    return { error: `dial tcp ${request.ip}:${request.port}: connect: no route to host` };
  }

  /** The kubelet's record of a pod it runs, for exec and port-forward (read it, never change it). */
  podRun(pod: KubeObject): PodRun | undefined {
    const run = this.runs.get(keyOf(pod));
    if (!run || run.uid !== pod.metadata.uid || run.deleted || this.nodes.get(run.node)?.failed) return undefined;
    return run;
  }

  /** The pod log source for `GET pods/NAME/log`: what this pod's node's kubelet has logged. */
  readonly logSource: LogSource = (pod: KubeObject, options: LogOptions) => {
    const run = this.runs.get(keyOf(pod));
    const c = run && run.uid === pod.metadata.uid ? allContainerRuns(run).find((x) => x.name === options.container) : undefined;
    const name = options.container;
    const podName = pod.metadata.name;
    if (!c) return { error: `container "${name}" in pod "${podName}" is waiting to start: ContainerCreating` };
    let id: string | undefined;
    if (options.previous) {
      id = c.lastState?.containerID;
      if (!id) return { error: `previous terminated container "${name}" in pod "${podName}" not found` };
    } else if (c.running || c.terminated) id = c.containerID;
    else if (c.lastState) id = c.lastState.containerID;
    else {
      const reason = c.waiting?.reason ?? (run!.containers.some((x) => x.init) ? 'PodInitializing' : 'ContainerCreating');
      const why = reason === 'ErrImagePull' ? "image can't be pulled" : reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
      return { error: `container "${name}" in pod "${podName}" is waiting to start: ${why}` };
    }
    const log = [c.log, c.previousLog].find((l) => l?.containerId === id);
    if (!log) return { text: '' };
    const now = this.env.clock.now();
    if (options.follow) {
      const stream: TextStream = log.follow(options, now);
      return { stream };
    }
    return { text: log.lines.length ? selectLines(log.lines, options, now) : '' };
  };

  /** What metrics-server scrapes: the usage of the pods and nodes these kubelets run. */
  readonly metricsSource: MetricsSource = {
    podUsage: (pod, from, to) => {
      const run = this.runs.get(keyOf(pod));
      if (!run || run.uid !== pod.metadata.uid || run.deleted || this.nodes.get(run.node)?.failed) return undefined;
      return podRunUsage(run, from, to);
    },
    nodeUsage: (name, from, to) => {
      const node = this.nodes.get(name);
      const registered = node?.node?.metadata.creationTimestamp;
      if (!node || node.failed || !registered || Date.parse(registered) > from) return undefined;
      return nodeRunUsage([...node.pods].map((key) => this.runs.get(key)), from, to);
    },
  };
}

/** Add kubelets for `nodes` to a cluster and serve their logs through `pods/NAME/log`. */
export function attachKubelets(cluster: Cluster, options: KubeletsOptions = {}): Kubelets {
  const kubelets = new Kubelets(options);
  cluster.controllers.add(kubelets);
  setLogSource(cluster.api.context, kubelets.logSource);
  cluster.settle();
  return kubelets;
}
