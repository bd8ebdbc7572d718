/**
 * The attach/detach controller (pkg/controller/volume/attachdetach), for attachable volumes only
 * (CSI drivers that need attaching and the in-tree cloud disks: see storage/attachable.ts). The
 * desired state is every scheduled, unfinished pod's claims bound to such volumes, per node; the
 * actual state is what this controller attached, published in `node.status.volumesAttached`, which
 * the kubelet waits for before mounting. Attaching here always succeeds at once (a simulated
 * cloud attacher); kind has no attachable driver, so on the default cluster this does nothing.
 *
 * ReadWriteOnce is per node: when a second node needs a volume still attached elsewhere, the pods
 * there get one `FailedAttachVolume` warning each,
 * `Multi-Attach error for volume "pv-1" Volume is already used by pod(s) web-0`, and wait in
 * ContainerCreating until the other node's pods are gone and the volume is detached.
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { CSIDriver } from 'kubernetes-types/storage/v1';
import type { KubeObject } from '../../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { EventRecorder } from '../../runtime/events.ts';
import { keyOf, type Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { attachedVolumeNames, isAttachable, isMultiAttachForbidden, uniqueVolumeName } from '../../storage/attachable.ts';
import { isPodTerminated, podClaimKeys } from './pod-index.ts';

const reconcileKey = 'reconcile';
/** The reconciler's loop period (reconcilerLoopPeriod in kube-controller-manager). */
const reconcilerLoopPeriod = 100;

/** One attachable volume some pods need: its PV and the pods that need it, per node. */
interface VolumeToAttach {
  pv: PersistentVolume;
  nodes: Map<string, Pod[]>;
}

/** The multi-attach warning's text for a pod in `namespace`, naming only pods of that namespace. */
export function multiAttachMessage(pvName: string, namespace: string, blockers: readonly Pod[]): string {
  const local = blockers.filter((p) => p.metadata?.namespace === namespace).map((p) => p.metadata!.name!);
  const others = blockers.length - local.length;
  let message: string;
  if (local.length) {
    message = `Volume is already used by pod(s) ${local.join(', ')}`;
    if (others > 0) message += ` and ${others} pod(s) in different namespaces`;
  } else {
    message = `Volume is already used by ${others} pod(s) in different namespaces`;
  }
  return `Multi-Attach error for volume "${pvName}" ${message}`;
}

/** kube-controller-manager's attachdetach-controller. */
export class AttachDetachController implements Controller {
  readonly name = 'attachdetach-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private recorder!: EventRecorder;
  private informers!: Record<'pods' | 'claims' | 'volumes' | 'nodes' | 'drivers', Informer>;
  /** Actual state: unique volume name → nodes it is attached to. */
  private attached = new Map<string, Set<string>>();
  private loaded = false;
  /** `volume|node` pairs whose Multi-Attach error was reported (once, as MultiAttachErrorReported). */
  private reported = new Set<string>();
  /** Pods that mount claims, by `ns/name`. */
  private podsWithClaims = new Map<string, Pod>();

  start(env: ControllerEnv): void {
    this.env = env;
    this.recorder = new EventRecorder(env.api, env.clock, { component: 'attachdetach-controller' });
    this.informers = {
      pods: env.informer('/api/v1/pods'),
      claims: env.informer('/api/v1/persistentvolumeclaims'),
      volumes: env.informer('/api/v1/persistentvolumes'),
      nodes: env.informer('/api/v1/nodes'),
      drivers: env.informer('/apis/storage.k8s.io/v1/csidrivers'),
    };
    // The reconciler loop runs every 100 ms; acting a tick later also keeps this recorder's event
    // names apart from the scheduler's and the kubelet's about the same pod.
    const enqueue = (): void => this.queue.addAt(reconcileKey, env.clock.now() + reconcilerLoopPeriod);
    // Only pods that mount claims can change what is attached; the others are never looked at.
    const podChanged = (object: KubeObject): void => {
      const key = keyOf(object);
      if (podClaimKeys(object as unknown as Pod).length) this.podsWithClaims.set(key, object as unknown as Pod);
      else if (!this.podsWithClaims.delete(key)) return;
      enqueue();
    };
    const podDeleted = (object: KubeObject): void => {
      if (this.podsWithClaims.delete(keyOf(object))) enqueue();
    };
    this.informers.pods.addHandler({ onAdd: podChanged, onUpdate: (_old, pod) => podChanged(pod), onDelete: podDeleted });
    for (const informer of [this.informers.claims, this.informers.volumes]) {
      informer.addHandler({ onAdd: enqueue, onUpdate: enqueue, onDelete: enqueue });
    }
  }

  sync(key: string): SyncResult {
    if (key !== reconcileKey) return;
    if (!this.loaded) this.loadAttached();
    const desired = this.desiredState();
    // Detach first: a volume whose last pod on a node is gone frees that node's claim on it.
    for (const [unique, nodes] of this.attached) {
      for (const node of [...nodes]) {
        if (desired.get(unique)?.nodes.has(node)) continue;
        nodes.delete(node);
        this.publish(node);
      }
      if (!nodes.size) this.attached.delete(unique);
    }
    for (const [unique, { pv, nodes }] of desired) {
      for (const [node, pods] of nodes) {
        if (this.attached.get(unique)?.has(node)) continue;
        const elsewhere = [...(this.attached.get(unique) ?? [])];
        if (elsewhere.length && isMultiAttachForbidden(pv)) {
          this.reportMultiAttach(unique, pv, node, pods, elsewhere.flatMap((other) => nodes.get(other) ?? []));
          continue;
        }
        this.reported.delete(`${unique}|${node}`);
        let set = this.attached.get(unique);
        if (!set) this.attached.set(unique, (set = new Set()));
        set.add(node);
        this.publish(node);
        for (const pod of pods) {
          this.recorder.event(pod as unknown as KubeObject, 'Normal', 'SuccessfulAttachVolume', `AttachVolume.Attach succeeded for volume "${pv.metadata?.name}"`);
        }
      }
    }
    // A pair no longer wanted may be reported again if it comes back.
    for (const pair of [...this.reported]) {
      const [unique, node] = pair.split('|');
      if (!desired.get(unique)?.nodes.has(node)) this.reported.delete(pair);
    }
  }

  /** Which attachable volumes scheduled, unfinished pods need on which nodes. */
  private desiredState(): Map<string, VolumeToAttach> {
    const desired = new Map<string, VolumeToAttach>();
    for (const pod of this.podsWithClaims.values()) {
      const node = pod.spec?.nodeName;
      if (!node || isPodTerminated(pod)) continue;
      for (const claimKey of podClaimKeys(pod)) {
        const claim = this.informers.claims.get(claimKey) as PersistentVolumeClaim | undefined;
        const pv = claim?.spec?.volumeName ? this.informers.volumes.get(claim.spec.volumeName) as PersistentVolume | undefined : undefined;
        if (!pv || !isAttachable(pv, (name) => this.informers.drivers.get(name) as CSIDriver | undefined)) continue;
        const unique = uniqueVolumeName(pv);
        let entry = desired.get(unique);
        if (!entry) desired.set(unique, (entry = { pv, nodes: new Map() }));
        const pods = entry.nodes.get(node) ?? [];
        pods.push(pod);
        entry.nodes.set(node, pods);
      }
    }
    return desired;
  }

  /** One warning per waiting pod, naming the pods (of its namespace) that hold the volume elsewhere. */
  private reportMultiAttach(unique: string, pv: PersistentVolume, node: string, pods: readonly Pod[], blockers: readonly Pod[]): void {
    const pair = `${unique}|${node}`;
    if (this.reported.has(pair)) return;
    this.reported.add(pair);
    for (const pod of pods) {
      const message = multiAttachMessage(pv.metadata?.name ?? '', pod.metadata?.namespace ?? '', blockers);
      this.recorder.event(pod as unknown as KubeObject, 'Warning', 'FailedAttachVolume', message);
    }
  }

  /** Rebuild the actual state from the nodes' status (after a restart or a restored snapshot). */
  private loadAttached(): void {
    this.loaded = true;
    for (const node of this.informers.nodes.list()) {
      for (const unique of attachedVolumeNames(node)) {
        let set = this.attached.get(unique);
        if (!set) this.attached.set(unique, (set = new Set()));
        set.add(node.metadata.name!);
      }
    }
  }

  /** Write a node's attached volumes to `status.volumesAttached`, where its kubelet looks. */
  private publish(node: string): void {
    const names = [...this.attached].filter(([, nodes]) => nodes.has(node)).map(([unique]) => unique).sort();
    const response = this.env.api.handle({
      method: 'PATCH',
      path: `/api/v1/nodes/${node}/status`,
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { status: { volumesAttached: names.length ? names.map((name) => ({ name, devicePath: '' })) : null } },
    });
    if (response.status >= 300 && response.status !== 404) throw new Error(`patch node ${node} status: ${response.status}`);
  }
}
