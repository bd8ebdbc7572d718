/**
 * The pod garbage collector's orphan pass (pkg/controller/podgc gcOrphaned): pods bound to a
 * node that no longer exists are, after a 40 s quarantine and a confirming GET of the node,
 * marked Failed with DisruptionTarget (`DeletionByPodGC`, "PodGC: node no longer exists") and
 * force-deleted (grace period 0) — the way pods stuck Terminating on a dead node finally go
 * once the Node object is deleted.
 *
 * Queue keys: `node:NAME`, a node some pod is bound to that has gone missing.
 */
import type { KubeObject } from '../../api/types.ts';
import { rfc3339 } from '../../clock.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import type { Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { PodsByNode } from './pods-by-node.ts';

/** quarantineTime: how long a node must stay missing before its pods count as orphans. */
export const quarantineMs = 40_000;

/** Force-deletes the pods of deleted nodes. */
export class PodGCController implements Controller {
  readonly name = 'pod-garbage-collector';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private nodes!: Informer;
  private readonly pods = new PodsByNode();

  start(env: ControllerEnv): void {
    this.env = env;
    this.nodes = env.informer('/api/v1/nodes');
    this.nodes.addHandler({ onDelete: (node) => this.quarantine(node.metadata.name!) });
    this.pods.watch(env.informer('/api/v1/pods'), ({ pod, old }) => {
      const nodeName = (pod?.spec as { nodeName?: string } | undefined)?.nodeName;
      const oldNodeName = (old?.spec as { nodeName?: string } | undefined)?.nodeName;
      if (nodeName && nodeName !== oldNodeName && !this.nodes.get(nodeName)) this.quarantine(nodeName);
    });
  }

  private quarantine(node: string): void {
    this.queue.addAt(`node:${node}`, this.env.clock.now() + quarantineMs);
  }

  sync(key: string): SyncResult {
    const name = key.slice('node:'.length);
    if (this.nodes.get(name)) return;
    // checkIfNodeExists: ask the API server, not only the cache.
    const node = this.env.api.handle({ method: 'GET', path: `/api/v1/nodes/${name}` });
    if (node.status !== 404) return;
    for (const pod of this.pods.on(name)) this.markFailedAndDelete(pod);
  }

  /** markFailedAndDeletePodWithCondition: Failed (unless already terminal), DisruptionTarget, then DELETE with grace 0. */
  private markFailedAndDelete(pod: KubeObject): void {
    const path = `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`;
    const status = (pod.status ?? {}) as { phase?: string; conditions?: Record<string, unknown>[] };
    const condition = {
      type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(this.env.clock.now()),
      reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists',
    };
    const conditions = [...(status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'), condition];
    const phase = status.phase === 'Succeeded' || status.phase === 'Failed' ? status.phase : 'Failed';
    this.env.api.handle({
      method: 'PUT', path: `${path}/status`, query: { fieldManager: 'PodGC' },
      body: { ...pod, status: { ...status, phase, conditions } },
    });
    const response = this.env.api.handle({
      method: 'DELETE', path,
      body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } },
    });
    if (response.status >= 300 && response.status !== 404) throw new Error(`force-delete pod ${pod.metadata.namespace}/${pod.metadata.name}: ${response.status}`);
  }
}
