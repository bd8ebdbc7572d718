/**
 * The taint-eviction controller (pkg/controller/tainteviction, split out of node-lifecycle in
 * 1.29): a pod on a node with a NoExecute taint it does not tolerate is deleted at once; one that
 * tolerates it for tolerationSeconds is deleted when that time is up, unless the taint goes
 * first ("Cancelling deletion of Pod …"). Before the delete it sets the pod's DisruptionTarget
 * condition. The delete is an ordinary graceful one: on an unreachable node the kubelet never
 * confirms it, so the pod stays Terminating while its ReplicaSet replaces it elsewhere.
 *
 * Queue keys: `node:NAME` (its NoExecute taints changed), `pod:NS/NAME` (bound or deleted) and
 * `evict:NS/NAME` (a scheduled deletion falling due).
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { rfc3339 } from '../../clock.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { EventRecorder } from '../../runtime/events.ts';
import type { Informer } from '../../runtime/informer.ts';
import { keyOf, splitKey } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { PodsByNode } from './pods-by-node.ts';
import { evictionDecision } from './tolerations.ts';

/** A scheduled deletion (TimedWorker): when it was first scheduled and when it fires. */
interface ScheduledEviction {
  createdAt: number;
  fireAt: number;
}

function noExecuteTaints(node: KubeObject | undefined): Taint[] {
  const taints = ((node?.spec as { taints?: Taint[] } | undefined)?.taints ?? []);
  return taints.filter((t) => t.effect === 'NoExecute');
}

function tolerationsOf(pod: KubeObject): Toleration[] {
  return ((pod.spec as { tolerations?: Toleration[] } | undefined)?.tolerations ?? []);
}

function nodeNameOf(pod: KubeObject | undefined): string | undefined {
  return (pod?.spec as { nodeName?: string } | undefined)?.nodeName || undefined;
}

/** Deletes pods that do not (or no longer) tolerate their node's NoExecute taints. */
export class TaintEvictionController implements Controller {
  readonly name = 'taint-eviction-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private nodes!: Informer;
  private podInformer!: Informer;
  private readonly pods = new PodsByNode();
  private recorder!: EventRecorder;
  private readonly scheduled = new Map<string, ScheduledEviction>();

  start(env: ControllerEnv): void {
    this.env = env;
    this.recorder = new EventRecorder(env.api, env.clock, { component: 'taint-eviction-controller' });
    this.nodes = env.informer('/api/v1/nodes');
    this.podInformer = env.informer('/api/v1/pods');
    this.pods.watch(this.podInformer, ({ pod, old }) => {
      // Only binding, a change of tolerations and deletion matter to this controller.
      if (!pod) this.queue.add(`pod:${keyOf(old!)}`);
      else if (!old || nodeNameOf(old) !== nodeNameOf(pod) || JSON.stringify(tolerationsOf(old)) !== JSON.stringify(tolerationsOf(pod))) {
        if (nodeNameOf(pod)) this.queue.add(`pod:${keyOf(pod)}`);
      }
    });
    this.nodes.addHandler({
      onAdd: (node) => { if (noExecuteTaints(node).length) this.queue.add(`node:${node.metadata.name}`); },
      onUpdate: (old, node) => {
        if (JSON.stringify(noExecuteTaints(old)) !== JSON.stringify(noExecuteTaints(node))) this.queue.add(`node:${node.metadata.name}`);
      },
      onDelete: (node) => this.queue.add(`node:${node.metadata.name}`),
    });
  }

  sync(key: string): SyncResult {
    if (key.startsWith('node:')) return this.handleNodeUpdate(key.slice('node:'.length));
    if (key.startsWith('pod:')) return this.handlePodUpdate(key.slice('pod:'.length));
    if (key.startsWith('evict:')) return this.fire(key.slice('evict:'.length));
  }

  private handleNodeUpdate(name: string): SyncResult {
    const taints = noExecuteTaints(this.nodes.get(name));
    const now = this.env.clock.now();
    for (const pod of this.pods.on(name)) this.processPodOnNode(keyOf(pod), tolerationsOf(pod), taints, now);
  }

  private handlePodUpdate(key: string): SyncResult {
    const pod = this.podInformer.get(key);
    if (!pod) {
      this.cancelWorkWithEvent(key);
      return;
    }
    const nodeName = nodeNameOf(pod);
    if (!nodeName) return;
    this.processPodOnNode(key, tolerationsOf(pod), noExecuteTaints(this.nodes.get(nodeName)), this.env.clock.now());
  }

  /** processPodOnNode: cancel, schedule, or keep the earlier of two scheduled deletions. */
  private processPodOnNode(key: string, tolerations: Toleration[], taints: Taint[], now: number): void {
    const decision = evictionDecision(tolerations, taints);
    if (decision.evict === 'never') {
      this.cancelWorkWithEvent(key);
      return;
    }
    if (decision.evict === 'now') {
      // Any deletion counting down is cancelled (with its event): this one happens right away.
      this.cancelWorkWithEvent(key);
      this.schedule(key, now, now);
      return;
    }
    const existing = this.scheduled.get(key);
    const triggerAt = now + decision.afterMs;
    if (existing) {
      // A deletion already counting down keeps its start: it fires no later than a new one would.
      if (existing.createdAt + decision.afterMs < triggerAt) return;
      this.cancelWorkWithEvent(key);
    }
    this.schedule(key, existing?.createdAt ?? now, triggerAt);
  }

  private schedule(key: string, createdAt: number, fireAt: number): void {
    this.scheduled.set(key, { createdAt, fireAt });
    if (fireAt <= this.env.clock.now()) this.queue.add(`evict:${key}`);
    else this.queue.addAt(`evict:${key}`, fireAt);
  }

  private cancelWorkWithEvent(key: string): void {
    if (!this.scheduled.delete(key)) return;
    this.recorder.event(podReference(key), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  /** deletePodHandler: the event, the DisruptionTarget condition, then an ordinary delete. */
  private fire(key: string): SyncResult {
    const work = this.scheduled.get(key);
    const now = this.env.clock.now();
    if (!work) return;
    if (work.fireAt > now) return { requeueAfter: work.fireAt - now };
    this.scheduled.delete(key);
    this.recorder.event(podReference(key), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    const pod = this.podInformer.get(key);
    if (!pod) return;
    const path = `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`;
    const status = (pod.status ?? {}) as { conditions?: Record<string, unknown>[] };
    const conditions = status.conditions ?? [];
    const target = conditions.find((c) => c.type === 'DisruptionTarget');
    if (target?.status !== 'True' || target.reason !== 'DeletionByTaintManager') {
      const condition = {
        type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(now),
        reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint',
      };
      const next = target ? conditions.map((c) => (c === target ? { ...c, ...condition, lastTransitionTime: target.status === 'True' ? c.lastTransitionTime : condition.lastTransitionTime } : c)) : [...conditions, condition];
      this.env.api.handle({
        method: 'PATCH', path: `${path}/status`,
        headers: { 'content-type': 'application/strategic-merge-patch+json' },
        body: { metadata: { uid: pod.metadata.uid }, status: { conditions: next } },
      });
    }
    const response = this.env.api.handle({ method: 'DELETE', path, body: { kind: 'DeleteOptions', apiVersion: 'v1' } });
    if (response.status >= 300 && response.status !== 404) throw new Error(`delete pod ${key}: ${response.status}`);
  }
}

/** The reference the taint-eviction controller's events carry: no uid, only apiVersion, kind, namespace and name. */
function podReference(key: string): KubeObject {
  const { namespace, name } = splitKey(key);
  return { apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name } };
}
