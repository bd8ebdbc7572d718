/**
 * kind's dynamic provisioner, rancher.io/local-path-provisioner, on sig-storage-lib-external-provisioner.
 * It acts on claims the PV controller annotated with `volume.kubernetes.io/storage-provisioner:
 * rancher.io/local-path` (for WaitForFirstConsumer classes only once the scheduler chose a node):
 * `Provisioning`, a helper pod creates `/var/local-path-provisioner/pvc-<uid>_<ns>_<claim>` on the
 * node (a couple of seconds; the pod itself is not simulated), then the PV `pvc-<uid>` is created
 * pre-bound to the claim and `ProvisioningSucceeded`. A Released volume of its own with reclaim
 * policy Delete is cleaned up the same way and its PV deleted.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { ApiRequest, KubeObject } from '../../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { EventRecorder } from '../../runtime/events.ts';
import { keyOf, type ApiClient, type Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { claimReference } from './binding.ts';
import { localPathVolume, provisionError } from './local-path-volume.ts';
import {
  annBetaStorageProvisioner, annDynamicallyProvisioned, annSelectedNode, annStorageProvisioner,
  claimClass, claimKey, localPathProvisionerName,
} from './storage-class.ts';

/** How long the helper pod takes to create or remove the volume's directory. */
export const helperPodDuration = 2_000;

/**
 * How long after a change the provisioner acts: it is a separate process, behind its own watch and
 * work queue. (This also keeps its first events off the PV controller's instant; see README.)
 */
export const reactionDelay = 100;

/** The lib's retry back-off after a failed provisioning: 15 s doubling up to 1000 s. */
function retryDelay(failures: number): number {
  return Math.min(15_000 * 2 ** failures, 1_000_000);
}

export interface LocalPathProvisionerOptions {
  /** The provisioner pod's name, part of the event source (default: a `local-path-provisioner-7dc846544d-xxxxx`). */
  podName?: string;
  /** Time the helper pod takes (ms). */
  helperPodDuration?: number;
}

const claimPrefix = 'pvc:';
const volumePrefix = 'pv:';

/** The local-path provisioner as a controller of the simulated cluster. */
export class LocalPathProvisioner implements Controller {
  readonly name = 'local-path-provisioner';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private api!: ApiClient;
  private claims!: Informer;
  private volumes!: Informer;
  private classes!: Informer;
  private nodes!: Informer;
  private recorder?: EventRecorder;
  /** Helper pods at work: claim uid or volume name → when they finish. */
  private readonly busyUntil = new Map<string, number>();
  private readonly failures = new Map<string, number>();

  constructor(private readonly options: LocalPathProvisionerOptions = {}) {}

  start(env: ControllerEnv): void {
    this.env = env;
    // It runs as its own service account in local-path-storage, not as a controller-manager loop.
    this.api = {
      handle: (request: ApiRequest) => env.api.handle({
        ...request,
        headers: { 'user-agent': 'local-path-provisioner/v0.0.0 (linux/amd64) kubernetes/$Format', ...(request.headers ?? {}) },
        user: { username: 'system:serviceaccount:local-path-storage:local-path-provisioner-service-account', groups: ['system:serviceaccounts', 'system:serviceaccounts:local-path-storage', 'system:authenticated'] },
      }),
    };
    this.claims = env.informer('/api/v1/persistentvolumeclaims');
    this.volumes = env.informer('/api/v1/persistentvolumes');
    this.classes = env.informer('/apis/storage.k8s.io/v1/storageclasses');
    this.nodes = env.informer('/api/v1/nodes');
    const later = (key: string): void => this.queue.addAt(key, env.clock.now() + reactionDelay);
    const claimChanged = (claim: KubeObject): void => { if (this.shouldProvision(claim as PersistentVolumeClaim)) later(claimPrefix + keyOf(claim)); };
    this.claims.addHandler({ onAdd: claimChanged, onUpdate: (_old, claim) => claimChanged(claim) });
    const volumeChanged = (volume: KubeObject): void => { if (this.shouldDelete(volume as PersistentVolume)) later(volumePrefix + volume.metadata.name); };
    this.volumes.addHandler({ onAdd: volumeChanged, onUpdate: (_old, volume) => volumeChanged(volume) });
  }

  /**
   * The event source: `<provisioner>_<pod>_<uuid>`. Made on first use, so that a cluster that never
   * provisions draws nothing from the seeded random source.
   */
  private events(): EventRecorder {
    if (!this.recorder) {
      const pod = this.options.podName ?? `local-path-provisioner-7dc846544d-${this.env.random.nameSuffix()}`;
      this.recorder = new EventRecorder(this.api, this.env.clock, { component: `${localPathProvisionerName}_${pod}_${this.env.random.uuid()}` });
    }
    return this.recorder;
  }

  /** shouldProvision: unbound, annotated for us, and (WaitForFirstConsumer) with a selected node. */
  private shouldProvision(claim: PersistentVolumeClaim): boolean {
    if (claim.spec?.volumeName || claim.metadata?.deletionTimestamp) return false;
    const annotations = claim.metadata?.annotations ?? {};
    const provisioner = annotations[annStorageProvisioner] ?? annotations[annBetaStorageProvisioner];
    if (provisioner !== localPathProvisionerName) return false;
    const storageClass = this.classes.get(claimClass(claim)) as StorageClass | undefined;
    if (storageClass?.volumeBindingMode === 'WaitForFirstConsumer') return Boolean(annotations[annSelectedNode]);
    return true;
  }

  /** shouldDelete: ours, Released, reclaim policy Delete, not already being deleted. */
  private shouldDelete(volume: PersistentVolume): boolean {
    return !volume.metadata?.deletionTimestamp && volume.status?.phase === 'Released'
      && volume.spec?.persistentVolumeReclaimPolicy === 'Delete'
      && volume.metadata?.annotations?.[annDynamicallyProvisioned] === localPathProvisionerName;
  }

  sync(key: string): SyncResult {
    if (key.startsWith(volumePrefix)) return this.syncVolume(key.slice(volumePrefix.length));
    const claim = this.claims.get(key.slice(claimPrefix.length)) as PersistentVolumeClaim | undefined;
    if (!claim || !this.shouldProvision(claim)) return;
    return this.provisionClaim(claim);
  }

  /** provisionClaimOperation: check, announce, let the helper pod work, then create the PV. */
  private provisionClaim(claim: PersistentVolumeClaim): SyncResult {
    const uid = claim.metadata!.uid!;
    const pvName = `pvc-${uid}`;
    if (this.volumes.get(pvName)) return;
    const className = claimClass(claim);
    const storageClass = this.classes.get(className) as StorageClass | undefined;
    if (!storageClass) return this.fail(claim, `storageclass.storage.k8s.io "${className}" not found`);
    const nodeName = claim.metadata?.annotations?.[annSelectedNode];
    const node = nodeName ? this.nodes.get(nodeName) : undefined;
    if (nodeName && !node) return this.fail(claim, `failed to get target node: nodes "${nodeName}" not found`);
    const now = this.env.clock.now();
    const due = this.busyUntil.get(uid);
    if (due === undefined) {
      this.events().event(claim as KubeObject, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${claimKey(claim)}"`);
      const problem = provisionError(claim, node);
      if (problem) return this.fail(claim, `failed to provision volume with StorageClass "${className}": ${problem}`);
      this.busyUntil.set(uid, now + (this.options.helperPodDuration ?? helperPodDuration));
      return { requeueAfter: this.options.helperPodDuration ?? helperPodDuration };
    }
    if (now < due) return { requeueAfter: due - now };
    this.busyUntil.delete(uid);
    const volume = localPathVolume(claim, storageClass, node!);
    volume.spec!.claimRef = claimReference(claim);
    volume.metadata!.annotations![annDynamicallyProvisioned] = storageClass.provisioner;
    volume.spec!.storageClassName = className;
    const response = this.api.handle({ method: 'POST', path: '/api/v1/persistentvolumes', body: volume });
    if (response.status >= 300 && response.status !== 409) throw new Error(`create ${pvName}: ${response.status}`);
    this.failures.delete(uid);
    this.events().event(claim as KubeObject, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
  }

  private fail(claim: PersistentVolumeClaim, message: string): SyncResult {
    const uid = claim.metadata!.uid!;
    this.busyUntil.delete(uid);
    this.events().event(claim as KubeObject, 'Warning', 'ProvisioningFailed', message);
    const failures = this.failures.get(uid) ?? 0;
    this.failures.set(uid, failures + 1);
    return { requeueAfter: retryDelay(failures) };
  }

  /** deleteVolumeOperation: the helper pod removes the directory, then the PV object goes. */
  private syncVolume(name: string): SyncResult {
    const volume = this.volumes.get(name) as PersistentVolume | undefined;
    if (!volume || !this.shouldDelete(volume)) {
      this.busyUntil.delete(name);
      return;
    }
    const now = this.env.clock.now();
    const due = this.busyUntil.get(name);
    if (due === undefined) {
      this.busyUntil.set(name, now + (this.options.helperPodDuration ?? helperPodDuration));
      return { requeueAfter: this.options.helperPodDuration ?? helperPodDuration };
    }
    if (now < due) return { requeueAfter: due - now };
    this.busyUntil.delete(name);
    const response = this.api.handle({ method: 'DELETE', path: `/api/v1/persistentvolumes/${name}` });
    if (response.status >= 300 && response.status !== 404) throw new Error(`delete ${name}: ${response.status}`);
  }
}
