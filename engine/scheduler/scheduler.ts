/**
 * kube-scheduler as a controller: informers fill the scheduler cache (nodes, bound pods) and the
 * scheduling queue (pending pods with `schedulerName: default-scheduler` and no node);
 * `scheduleOne` pops the most important pending pod, runs the framework, and either binds it
 * (`POST pods/NAME/binding`, event `Scheduled`) or records why not (event `FailedScheduling`,
 * condition `PodScheduled=False`, reason `Unschedulable`), trying preemption first.
 */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { ApiResponse, KubeObject } from '../api/types.ts';
import { rfc3339 } from '../clock.ts';
import type { Controller, ControllerEnv, SyncResult } from '../runtime/controller.ts';
import { SeriesRecorder } from '../runtime/events.ts';
import type { Informer } from '../runtime/informer.ts';
import { WorkQueue } from '../runtime/workqueue.ts';
import { SchedulerCache } from './cache.ts';
import { SchedulerDecisions, nodeToStatus, type SchedulingDecision } from './decisions.ts';
import { fitErrorMessage } from './fit-error.ts';
import { Framework, type FrameworkOptions } from './framework.ts';
import { newPodInfo } from './pod-info.ts';
import { preempt } from './preemption.ts';
import type { VolumeBindingState } from './plugins/volume-binding.ts';
import { SchedulingQueue, type QueuedPod } from './queue.ts';
import type { CycleState, FilterPlugin, PodInfo } from './types.ts';

/** The scheduler name pods ask for by default. */
export const defaultSchedulerName = 'default-scheduler';

const scheduleKey = 'scheduleOne';
const flushKey = 'flush';

/** Informers the plugins read through the cache's lookup, by resource name. */
const lookupPaths: Record<string, string> = {
  persistentvolumeclaims: '/api/v1/persistentvolumeclaims',
  persistentvolumes: '/api/v1/persistentvolumes',
  storageclasses: '/apis/storage.k8s.io/v1/storageclasses',
  services: '/api/v1/services',
  replicasets: '/apis/apps/v1/replicasets',
  statefulsets: '/apis/apps/v1/statefulsets',
  replicationcontrollers: '/api/v1/replicationcontrollers',
};

/** Changes to these resources may make a pending pod schedulable. */
const volumeResources = new Set(['persistentvolumeclaims', 'persistentvolumes', 'storageclasses']);
/** The plugins that register for PVC, PV and StorageClass events (EventsToRegister). */
const volumePlugins = new Set(['VolumeBinding', 'VolumeRestrictions', 'VolumeZone', 'NodeVolumeLimits']);
const volumePluginsMayHelp = (plugins: ReadonlySet<string>): boolean => [...plugins].some((p) => volumePlugins.has(p));

/** The plugins whose rejection kept the pod unschedulable: the PreFilter's, or each rejected node's filter. */
function rejectingPlugins(decision: SchedulingDecision): Set<string> {
  const plugins = new Set<string>();
  if (decision.preFilter) plugins.add(decision.preFilter.plugin);
  for (const status of decision.rejectedStatuses) if (status.plugin) plugins.add(status.plugin);
  return plugins;
}

export interface SchedulerOptions extends FrameworkOptions {
  /** reportingInstance of the scheduler's events: `default-scheduler-<host>`. */
  instance?: string;
  /** How many pods' latest decisions to keep. */
  decisionsCapacity?: number;
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** The part of a pending pod whose change may make it schedulable (not its status). */
function schedulingFingerprint(pod: Pod): string {
  return JSON.stringify([pod.spec, pod.metadata?.labels, pod.metadata?.annotations]);
}

/** The default scheduler. */
export class Scheduler implements Controller {
  readonly name = defaultSchedulerName;
  readonly queue = new WorkQueue();
  /** The latest decision per pod uid: what the lab reads to explain placements. */
  readonly decisions: SchedulerDecisions;
  readonly schedulingQueue = new SchedulingQueue();
  readonly cache: SchedulerCache;
  readonly framework: Framework;
  private env!: ControllerEnv;
  private pods!: Informer;
  private lookups = new Map<string, Informer>();
  private recorder!: SeriesRecorder;
  private readonly instance: string;

  constructor(options: SchedulerOptions = {}) {
    this.framework = new Framework(options);
    this.decisions = new SchedulerDecisions(options.decisionsCapacity);
    this.instance = options.instance ?? 'default-scheduler-control-plane';
    this.cache = new SchedulerCache({
      get: (resource, key) => this.lookups.get(resource)?.get(key) as Record<string, unknown> | undefined,
      list: (resource) => (this.lookups.get(resource)?.list() ?? []) as Record<string, unknown>[],
    });
  }

  start(env: ControllerEnv): void {
    this.env = env;
    this.recorder = new SeriesRecorder(env.api, env.clock, defaultSchedulerName, this.instance);
    for (const [resource, path] of Object.entries(lookupPaths)) {
      const informer = env.informer(path);
      this.lookups.set(resource, informer);
      if (volumeResources.has(resource)) {
        informer.addHandler({ onAdd: () => this.clusterEvent(volumePluginsMayHelp), onUpdate: () => this.clusterEvent(volumePluginsMayHelp) });
      }
    }
    env.informer('/api/v1/nodes').addHandler({
      onAdd: (node) => {
        this.cache.setNode(node);
        this.clusterEvent();
      },
      onUpdate: (old, node) => {
        this.cache.setNode(node);
        if (nodeSchedulingPropertiesChanged(old, node)) this.clusterEvent();
      },
      onDelete: (node) => this.cache.removeNode(node.metadata.name!),
    });
    this.pods = env.informer('/api/v1/pods');
    this.pods.addHandler({
      onAdd: (pod) => this.podChanged(undefined, pod),
      onUpdate: (old, pod) => this.podChanged(old, pod),
      onDelete: (pod) => this.podDeleted(pod),
    });
  }

  private podChanged(old: KubeObject | undefined, object: KubeObject): void {
    const pod = object as unknown as Pod;
    const key = `${object.metadata.namespace}/${object.metadata.name}`;
    if (pod.spec?.nodeName) {
      this.schedulingQueue.delete(key);
      if (isTerminal(pod)) {
        // A finished pod frees its requests, which may help a pending one.
        if (this.cache.pod(object.metadata.uid!)) {
          this.cache.removePod(object.metadata.uid!);
          this.clusterEvent();
        }
      } else {
        this.cache.addPod(this.placedInfo(old, object));
      }
      return;
    }
    const responsible = (pod.spec?.schedulerName ?? defaultSchedulerName) === defaultSchedulerName;
    if (!responsible || object.metadata.deletionTimestamp || isTerminal(pod) || pod.spec?.schedulingGates?.length) {
      this.schedulingQueue.delete(key);
      return;
    }
    const changed = !old || schedulingFingerprint(old as unknown as Pod) !== schedulingFingerprint(pod);
    if (!changed && this.schedulingQueue.has(key)) return;
    this.schedulingQueue.add(newPodInfo(object), this.env.clock.now());
    this.queue.add(scheduleKey);
  }

  /**
   * The PodInfo of a bound pod. A kubelet's status write keeps the stored spec and labels (the
   * /status handler copies them): the cached PodInfo, which reads nothing else, is reused with the
   * new object instead of parsing every request quantity again.
   */
  private placedInfo(old: KubeObject | undefined, object: KubeObject): PodInfo {
    const cached = old && this.cache.pod(object.metadata.uid!);
    if (cached && !this.cache.isAssumed(cached.uid) && old.spec === object.spec && old.metadata.uid === object.metadata.uid &&
      old.metadata.labels === object.metadata.labels && old.metadata.deletionTimestamp === object.metadata.deletionTimestamp &&
      cached.pod === (old as unknown as Pod)) {
      return { ...cached, pod: object as unknown as Pod };
    }
    return newPodInfo(object);
  }

  private podDeleted(object: KubeObject): void {
    this.schedulingQueue.delete(`${object.metadata.namespace}/${object.metadata.name}`);
    this.decisions.forget(object.metadata.uid!);
    if (this.cache.pod(object.metadata.uid!)) {
      this.cache.removePod(object.metadata.uid!);
      this.clusterEvent();
    }
  }

  /** Something changed that may let unschedulable pods fit: retry them (after their back-off). */
  private clusterEvent(mayHelp?: (plugins: ReadonlySet<string>) => boolean): void {
    if (!this.env) return;
    this.schedulingQueue.moveAllToActiveOrBackoff(this.env.clock.now(), mayHelp);
    this.armFlush();
    if (this.schedulingQueue.activeLength) this.queue.add(scheduleKey);
  }

  private armFlush(): void {
    const at = this.schedulingQueue.nextWake();
    if (at !== undefined) this.queue.addAt(flushKey, at);
  }

  sync(key: string): SyncResult {
    if (key === flushKey) {
      this.schedulingQueue.flush(this.env.clock.now());
      this.armFlush();
    } else {
      this.scheduleOne();
    }
    if (this.schedulingQueue.activeLength) this.queue.add(scheduleKey);
  }

  /** Take the next pending pod and try to place it. */
  scheduleOne(): void {
    const entry = this.schedulingQueue.pop();
    if (!entry) return;
    const pod = entry.pod;
    const current = this.pods.get(pod.key);
    if (!current || current.metadata.uid !== pod.uid || (current.spec as Pod['spec'])?.nodeName || current.metadata.deletionTimestamp) {
      this.schedulingQueue.done(pod.key);
      return;
    }
    const cycle = this.schedulingQueue.cycle();
    const now = this.env.clock.now();
    const { decision, state, filters } = this.framework.schedulePod(pod, this.cache, this.env.random, { attempt: entry.attempts, time: now });
    this.decisions.record(decision);
    if (decision.selectedNode) this.bind(entry, current, decision.selectedNode, state, cycle);
    else this.handleSchedulingFailure(entry, current, decision, state, filters, cycle);
  }

  private bind(entry: QueuedPod, current: KubeObject, nodeName: string, state: CycleState, cycle: number): void {
    const pod = entry.pod;
    this.cache.assume(pod, nodeName);
    this.preBind(state, nodeName);
    const response = this.env.api.handle({
      method: 'POST',
      path: `/api/v1/namespaces/${pod.namespace}/pods/${pod.name}/binding`,
      body: {
        apiVersion: 'v1', kind: 'Binding',
        metadata: { name: pod.name, namespace: pod.namespace, uid: pod.uid },
        target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
      },
    });
    if (response.status < 300) {
      this.schedulingQueue.done(pod.key);
      this.recorder.event(current, 'Normal', 'Scheduled', 'Binding', `Successfully assigned ${pod.namespace}/${pod.name} to ${nodeName}`);
      return;
    }
    this.cache.forget(pod.uid);
    const message = `Binding rejected: ${statusMessage(response)}`;
    this.recorder.event(current, 'Warning', 'FailedScheduling', 'Scheduling', message);
    this.schedulingQueue.addUnschedulable(entry, this.env.clock.now(), cycle, true);
    this.armFlush();
  }

  /** VolumeBinding's PreBind: tell the provisioner which node the WaitForFirstConsumer claims are for. */
  private preBind(state: CycleState, nodeName: string): void {
    const volumes = state.get('VolumeBinding') as VolumeBindingState | undefined;
    for (const key of volumes?.delayedClaims ?? []) {
      const [namespace, name] = key.split('/');
      this.env.api.handle({
        method: 'PATCH',
        path: `/api/v1/namespaces/${namespace}/persistentvolumeclaims/${name}`,
        headers: { 'content-type': 'application/merge-patch+json' },
        body: { metadata: { annotations: { 'volume.kubernetes.io/selected-node': nodeName } } },
      });
    }
  }

  private handleSchedulingFailure(entry: QueuedPod, current: KubeObject, decision: SchedulingDecision, state: CycleState, filters: FilterPlugin[], cycle: number): void {
    const pod = entry.pod;
    let nominatedNodeName: string | undefined;
    if (decision.result === 'Unschedulable') {
      const rejected = nodeToStatus(decision);
      const result = preempt(this.framework, state, pod, rejected, this.cache, filters);
      decision.preemption = { message: result.message, nominatedNode: result.nominatedNode, victims: result.victims.map((v) => v.key) };
      if (result.message) {
        decision.message = fitErrorMessage(decision.numAllNodes, {
          nodeToStatus: rejected,
          preFilterMsg: decision.preFilter?.reasons.join(', '),
          postFilterMsg: result.message,
        });
      }
      if (result.nominatedNode) {
        nominatedNodeName = result.nominatedNode;
        this.evict(pod, result.victims, result.nominatedNode);
      }
    }
    const message = decision.message ?? '';
    this.recorder.event(current, 'Warning', 'FailedScheduling', 'Scheduling', message);
    this.updatePodStatus(current, {
      type: 'PodScheduled', status: 'False',
      reason: decision.result === 'Error' ? 'SchedulerError' : 'Unschedulable',
      message,
    }, nominatedNodeName);
    this.schedulingQueue.addUnschedulable(entry, this.env.clock.now(), cycle, decision.result === 'Error', rejectingPlugins(decision));
    this.armFlush();
  }

  /** Preemption's prepareCandidate: mark each victim DisruptionTarget, delete it, and say so in an event. */
  private evict(preemptor: PodInfo, victims: readonly PodInfo[], nodeName: string): void {
    for (const victim of victims) {
      const object = this.pods.get(victim.key);
      if (!object) continue;
      this.updatePodStatus(object, {
        type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler',
        message: `${defaultSchedulerName}: preempting to accommodate a higher priority pod`,
      });
      this.env.api.handle({ method: 'DELETE', path: `/api/v1/namespaces/${victim.namespace}/pods/${victim.name}` });
      this.recorder.event(object, 'Normal', 'Preempted', 'Preempting', `Preempted by pod ${preemptor.uid} on node ${nodeName}`);
    }
  }

  /** Patch one condition (and the nominated node) through `/status`, only when something changes. */
  private updatePodStatus(object: KubeObject, condition: PodCondition, nominatedNodeName?: string): void {
    const status = (object as unknown as Pod).status ?? {};
    const existing = status.conditions?.find((c) => c.type === condition.type);
    const same = existing && existing.status === condition.status && existing.reason === condition.reason && existing.message === condition.message;
    const nominatedChanged = nominatedNodeName !== undefined && status.nominatedNodeName !== nominatedNodeName;
    if (same && !nominatedChanged) return;
    const now = rfc3339(this.env.clock.now());
    // Fields in the Go struct's order, as the API server would print them.
    const patched = {
      type: condition.type,
      status: condition.status,
      lastProbeTime: null,
      lastTransitionTime: existing && existing.status === condition.status ? existing.lastTransitionTime : now,
      reason: condition.reason,
      message: condition.message,
    } as unknown as PodCondition;
    // A whole-status PUT rather than a strategic merge patch: SMP would drop `lastProbeTime: null`,
    // which real clusters show on this condition.
    const conditions = status.conditions?.some((c) => c.type === condition.type)
      ? status.conditions.map((c) => (c.type === condition.type ? patched : c))
      : [...(status.conditions ?? []), patched];
    const next = { ...status, conditions, ...(nominatedChanged ? { nominatedNodeName } : {}) };
    this.env.api.handle({
      method: 'PUT',
      path: `/api/v1/namespaces/${object.metadata.namespace}/pods/${object.metadata.name}/status`,
      body: { ...object, status: next },
    });
  }
}

/** A node update matters to pending pods only if what the filters read changed (not heartbeats). */
function nodeSchedulingPropertiesChanged(old: KubeObject, node: KubeObject): boolean {
  const facts = (n: KubeObject): string => JSON.stringify([
    n.metadata.labels, (n.spec as { taints?: unknown } | undefined)?.taints, (n.spec as { unschedulable?: unknown } | undefined)?.unschedulable,
    (n.status as { allocatable?: unknown } | undefined)?.allocatable,
  ]);
  return facts(old) !== facts(node);
}

function statusMessage(response: ApiResponse): string {
  const body = response.body as { message?: string } | undefined;
  return body?.message ?? `status ${response.status}`;
}
