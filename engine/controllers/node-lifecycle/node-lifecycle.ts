/**
 * The node-lifecycle controller (kube-controller-manager's `node-controller`): every 5 s it
 * looks at each Node and its Lease in kube-node-lease. A node whose kubelet has not renewed its
 * Lease or posted status for the grace period (50 s) gets its conditions set to Unknown, the
 * `NodeNotReady` event, its pods marked Ready=False, and the `node.kubernetes.io/unreachable`
 * taints (NoSchedule at once, NoExecute on the next pass); the taint-eviction controller takes it
 * from there. When heartbeats resume the taints come off again.
 *
 * Queue keys: `monitor` (monitorNodeHealth, every nodeMonitorPeriod) and `taint:NODE`
 * (doNoScheduleTaintingPass, on every node change).
 */
import type { KubeObject } from '../../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { EventRecorder } from '../../runtime/events.ts';
import type { Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { rfc3339 } from '../../clock.ts';
import type { NodeCondition, Taint } from './node-health.ts';
import {
  noExecuteChange, nodeMonitorGracePeriodMs, nodeMonitorPeriodMs, nodeStartupGracePeriodMs, ownedNoScheduleTaints, readyCondition,
  silencedConditions, swapTaints, taintsOf, wantedNoScheduleTaints,
} from './node-health.ts';
import { PodsByNode } from './pods-by-node.ts';

/** What the controller remembers of each node between passes (nodeHealthData). */
interface NodeHealth {
  /** When this controller last saw a sign of life: a new heartbeat or a renewed Lease. */
  probeTimestamp: number;
  /** The Ready condition's lastHeartbeatTime as last seen. */
  heartbeat?: string;
  /** The Lease's renewTime as last seen. */
  renewTime?: string;
}

export interface NodeLifecycleOptions {
  /** `--node-monitor-grace-period` in ms (default 50 s, the 1.32 default). */
  gracePeriodMs?: number;
}

/** pkg/controller/nodelifecycle: node health, condition taints and NodeNotReady. */
export class NodeLifecycleController implements Controller {
  readonly name = 'node-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private nodes!: Informer;
  private leases!: Informer;
  private readonly pods = new PodsByNode();
  private recorder!: EventRecorder;
  private readonly health = new Map<string, NodeHealth>();
  /** knownNodeSet: name → uid, for RegisteredNode / RemovingNode. */
  private readonly known = new Map<string, string>();
  private readonly gracePeriodMs: number;

  constructor(options: NodeLifecycleOptions = {}) {
    this.gracePeriodMs = options.gracePeriodMs ?? nodeMonitorGracePeriodMs;
  }

  start(env: ControllerEnv): void {
    this.env = env;
    this.recorder = new EventRecorder(env.api, env.clock, { component: 'node-controller' });
    this.nodes = env.informer('/api/v1/nodes');
    this.leases = env.informer('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases');
    this.pods.watch(env.informer('/api/v1/pods'));
    this.nodes.addHandler({
      onAdd: (node) => this.queue.add(`taint:${node.metadata.name}`),
      onUpdate: (_old, node) => this.queue.add(`taint:${node.metadata.name}`),
    });
    // The first pass comes one period after start, as the nodes of a new cluster register first.
    this.queue.addAt('monitor', env.clock.now() + nodeMonitorPeriodMs);
  }

  sync(key: string): SyncResult {
    if (key === 'monitor') {
      this.monitorNodeHealth();
      return { requeueAfter: nodeMonitorPeriodMs };
    }
    if (key.startsWith('taint:')) return this.doNoScheduleTaintingPass(key.slice('taint:'.length));
  }

  /** One pass over every node: new and removed nodes, silent nodes, NoExecute taints. */
  private monitorNodeHealth(): void {
    const now = this.env.clock.now();
    const nodes = this.nodes.list();
    const current = new Set<string>();
    for (const node of nodes) {
      const name = node.metadata.name!;
      current.add(name);
      if (this.known.has(name)) continue;
      this.known.set(name, node.metadata.uid ?? '');
      this.recordNodeEvent(name, node.metadata.uid ?? '', 'RegisteredNode', `Registered Node ${name} in Controller`);
    }
    for (const [name, uid] of this.known) {
      if (current.has(name)) continue;
      this.known.delete(name);
      this.health.delete(name);
      this.recordNodeEvent(name, uid, 'RemovingNode', `Removing Node ${name} from Controller`);
    }
    for (const node of nodes) {
      const { observed, current: ready } = this.tryUpdateNodeHealth(node, now);
      if (!ready) continue;
      this.processTaintBaseEviction(node, observed, now);
      // Report the change once, when this pass is the one that took Ready away from True.
      if (ready.status !== 'True' && observed.status === 'True') {
        this.recorder.event(nodeReference(node), 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
        this.markPodsNotReady(node.metadata.name!, now);
      }
    }
  }

  /**
   * tryUpdateNodeHealth: note any sign of life (a new Ready heartbeat or Lease renewTime) as the
   * probe time; past the grace period, write the conditions as Unknown. Returns the Ready status
   * observed before this pass and the one after it.
   */
  private tryUpdateNodeHealth(node: KubeObject, now: number): { observed: NodeCondition; current?: NodeCondition } {
    const name = node.metadata.name!;
    const ready = readyCondition(node);
    const created = Date.parse(node.metadata.creationTimestamp ?? '') || now;
    const observed: NodeCondition = ready ? { ...ready } : { type: 'Ready', status: 'Unknown' };
    const gracePeriod = ready ? this.gracePeriodMs : nodeStartupGracePeriodMs;
    let health = this.health.get(name);
    if (!health) {
      health = { probeTimestamp: created, heartbeat: ready?.lastHeartbeatTime };
      this.health.set(name, health);
    } else if (ready?.lastHeartbeatTime !== health.heartbeat) {
      health.heartbeat = ready?.lastHeartbeatTime;
      health.probeTimestamp = now;
    }
    const lease = this.leases.get(`kube-node-lease/${name}`);
    const renewTime = (lease?.spec as { renewTime?: string } | undefined)?.renewTime;
    if (renewTime && (!health.renewTime || Date.parse(health.renewTime) < Date.parse(renewTime))) {
      health.renewTime = renewTime;
      health.probeTimestamp = now;
    }
    if (!(now > health.probeTimestamp + gracePeriod)) return { observed, current: ready };
    const conditions = silencedConditions(node, now);
    const current = conditions.find((c) => c.type === 'Ready')!;
    if (ready && current.status === ready.status && current.reason === ready.reason) return { observed, current };
    const response = this.env.api.handle({
      method: 'PUT',
      path: `/api/v1/nodes/${name}/status`,
      body: { ...node, status: { ...(node.status as object), conditions } },
    });
    // A conflict means the kubelet just wrote: the next pass sees its heartbeat.
    if (response.status !== 200) return { observed, current: ready };
    health.heartbeat = current.lastHeartbeatTime;
    return { observed, current };
  }

  /** processTaintBaseEviction: the NoExecute taint that matches the Ready status observed. */
  private processTaintBaseEviction(node: KubeObject, observed: NodeCondition, now: number): void {
    const { add, remove } = noExecuteChange(observed.status);
    this.patchTaints(node, swapTaints(taintsOf(node), add, remove, now));
  }

  /** doNoScheduleTaintingPass: keep the condition and unschedulable NoSchedule taints in line with the node. */
  private doNoScheduleTaintingPass(name: string): SyncResult {
    const node = this.nodes.get(name);
    if (!node) return;
    const wanted = wantedNoScheduleTaints(node);
    const owned = ownedNoScheduleTaints(node);
    const add = wanted.filter((t) => !owned.some((o) => o.key === t.key));
    const remove = owned.filter((o) => !wanted.some((t) => t.key === o.key));
    this.patchTaints(node, swapTaints(taintsOf(node), add, remove, this.env.clock.now()));
  }

  private patchTaints(node: KubeObject, taints: Taint[] | undefined): void {
    if (!taints) return;
    const response = this.env.api.handle({
      method: 'PATCH',
      path: `/api/v1/nodes/${node.metadata.name}`,
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { metadata: { resourceVersion: node.metadata.resourceVersion }, spec: { taints: taints.length ? taints : null } },
    });
    if (response.status === 409) throw new Error(`node ${node.metadata.name} changed while updating its taints`);
  }

  /** MarkPodsNotReady: each pod on the node gets Ready=False and a `NodeNotReady` warning. */
  private markPodsNotReady(nodeName: string, now: number): void {
    for (const pod of this.pods.on(nodeName)) {
      const status = (pod.status ?? {}) as { conditions?: { type: string; status: string; lastTransitionTime?: string }[] };
      const ready = status.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const conditions = status.conditions!.map((c) => (c === ready ? { ...c, status: 'False', lastTransitionTime: rfc3339(now) } : c));
      const response = this.env.api.handle({
        method: 'PUT',
        path: `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/status`,
        body: { ...pod, status: { ...status, conditions } },
      });
      if (response.status === 404) continue;
      this.recorder.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
  }

  /** RecordNodeEvent: `Node NAME event: …` on a reference built from the node's name and uid. */
  private recordNodeEvent(name: string, uid: string, reason: string, event: string): void {
    this.recorder.event({ apiVersion: 'v1', kind: 'Node', metadata: { name, uid } }, 'Normal', reason, `Node ${name} event: ${event}`);
  }
}

/** The reference RecordNodeStatusChange uses: apiVersion, kind, name and uid only. */
function nodeReference(node: KubeObject): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: node.metadata.name, uid: node.metadata.uid } };
}
