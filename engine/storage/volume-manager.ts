/**
 * The kubelet's volume manager and the volumes' contents, for every simulated node: it keeps one
 * file tree per volume identity (emptyDir per pod UID and volume, hostPath per node and path, a
 * claim's data with its bound PV — a local-path PV is a hostPath on its node), builds each
 * container's environment and mounted view when the kubelet creates it, rewrites configMap and
 * secret volumes a sync period after their object changes, and drops contents with their owner:
 * an emptyDir with its pod, a PV's data when the PV is deleted (reclaim policy Delete; Retain
 * keeps the PV and so the data).
 *
 * Queue keys: `refresh:ns/name` rewrites a pod's configMap/secret/downwardAPI/projected volumes.
 */
import type { Container, PersistentVolume, PersistentVolumeClaim, Volume } from 'kubernetes-types/core/v1';
import type { CSIDriver } from 'kubernetes-types/storage/v1';
import type { KubeObject } from '../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../runtime/controller.ts';
import type { Informer } from '../runtime/informer.ts';
import { keyOf } from '../runtime/informer.ts';
import { WorkQueue } from '../runtime/workqueue.ts';
import { attachedVolumeNames, isAttachable, uniqueVolumeName } from './attachable.ts';
import type { PodFacts } from './downward-api.ts';
import type { ConfigSource } from './env.ts';
import { makeEnvironmentVariables } from './env.ts';
import { normalizePath } from './file-system.ts';
import { FileTree, pathParts } from './file-tree.ts';
import type { Mount } from './mounted-files.ts';
import { MountedFiles, containerLayer } from './mounted-files.ts';
import { setUpHostPath } from './host-path.ts';
import { isProjectedVolume, projectVolume } from './projection.ts';
import { podIndexFor } from '../controllers/endpointslice/selector-index.ts';

/** How long after a ConfigMap or Secret changes its volumes show it: the kubelet's sync period (1 min). */
export const volumeSyncDelayMs = 60_000;

/** What the pod worker gets for a container it is about to create. */
export type PreparedContainer =
  | { kind: 'ready'; env: Record<string, string>; files: MountedFiles; warnings: string[] }
  /** CreateContainerConfigError: the message, e.g. `configmap "x" not found`. */
  | { kind: 'configError'; message: string }
  /** A volume could not be set up (FailedMount); the container keeps waiting in ContainerCreating. */
  | { kind: 'mountError'; message: string };

/** Where the kubelet learns what it does not know by itself: pod IP and node. */
export interface ContainerFacts {
  podIP?: string;
  hostIP: string;
  nodeName: string;
  now: number;
}

/** The cluster's volume manager (every Cluster has one; kept for tests written before it was wired). */
export function attachVolumes(cluster: { volumes: VolumeManager }): VolumeManager {
  return cluster.volumes;
}

/** The node a PV's data lives on: its node affinity's hostname (local-path), if it has one. */
function pvNode(pv: PersistentVolume): string | undefined {
  for (const term of pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? []) {
    for (const expression of term.matchExpressions ?? []) {
      if (expression.key === 'kubernetes.io/hostname' && expression.values?.length) return expression.values[0];
    }
  }
  return undefined;
}

/** Every volume's contents, and each container's view of them. */
export class VolumeManager implements Controller {
  readonly name = 'volume-manager';
  readonly queue = new WorkQueue();
  /** Volume identity → contents: `pod:UID/VOLUME`, `host:NODE:/PATH`, `pv:NAME`. */
  readonly trees = new Map<string, FileTree>();
  private env!: ControllerEnv;
  private informers!: Record<'configMaps' | 'secrets' | 'claims' | 'volumes' | 'nodes' | 'pods' | 'drivers', Informer>;

  start(env: ControllerEnv): void {
    this.env = env;
    this.informers = {
      configMaps: env.informer('/api/v1/configmaps'),
      secrets: env.informer('/api/v1/secrets'),
      claims: env.informer('/api/v1/persistentvolumeclaims'),
      volumes: env.informer('/api/v1/persistentvolumes'),
      nodes: env.informer('/api/v1/nodes'),
      pods: env.informer('/api/v1/pods'),
      drivers: env.informer('/apis/storage.k8s.io/v1/csidrivers'),
    };
    const changed = (object: KubeObject): void => this.scheduleRefresh(object);
    this.informers.configMaps.addHandler({ onAdd: changed, onUpdate: (_old, object) => changed(object), onDelete: () => undefined });
    this.informers.secrets.addHandler({ onAdd: changed, onUpdate: (_old, object) => changed(object), onDelete: () => undefined });
    this.informers.pods.addHandler({ onAdd: () => undefined, onUpdate: () => undefined, onDelete: (pod) => this.dropPrefix(`pod:${pod.metadata.uid}/`) });
    this.informers.volumes.addHandler({ onAdd: () => undefined, onUpdate: () => undefined, onDelete: (pv) => this.dropVolumeData(pv as PersistentVolume) });
  }

  /** The ConfigMaps and Secrets as the kubelet's caches hold them. */
  readonly source: ConfigSource = {
    configMap: (namespace, name) => this.informers.configMaps.get(`${namespace}/${name}`) as never,
    secret: (namespace, name) => this.informers.secrets.get(`${namespace}/${name}`) as never,
  };

  /** The tree of a volume identity, made empty on first use. */
  tree(identity: string): FileTree {
    let tree = this.trees.get(identity);
    if (!tree) {
      tree = new FileTree();
      this.trees.set(identity, tree);
    }
    return tree;
  }

  private dropPrefix(prefix: string): void {
    for (const identity of [...this.trees.keys()]) if (identity.startsWith(prefix)) this.trees.delete(identity);
  }

  /**
   * Where a PV's data lives. A hostPath PV is a directory of the node the pod runs on: without a
   * node affinity, two pods on two nodes each see their own node's directory (not shared data).
   */
  private pvIdentity(pv: PersistentVolume, podNode: string): string {
    const path = pv.spec?.hostPath?.path ?? pv.spec?.local?.path;
    const node = pvNode(pv) ?? (pv.spec?.hostPath ? podNode : undefined);
    return path && node ? `host:${node}:${normalizePath(path)}` : `pv:${pv.metadata?.name}`;
  }

  /** Deleting a PV deletes its data, except a hostPath PV's per-node directories (nothing removes those). */
  private dropVolumeData(pv: PersistentVolume): void {
    if (pv.spec?.hostPath && !pvNode(pv)) return;
    this.trees.delete(this.pvIdentity(pv, ''));
  }

  /** A pod using this ConfigMap or Secret in a volume sees the change at the kubelet's next sync. */
  private scheduleRefresh(object: KubeObject): void {
    const kind = object.kind === 'Secret' ? 'secret' : 'configMap';
    const name = object.metadata.name;
    // Only the pods of the object's namespace, from the shared index: not a scan of every pod per change.
    for (const pod of podIndexFor(this.informers.pods).select(object.metadata.namespace ?? '', {})) {
      if (!this.trees.has(`pod:${pod.metadata.uid}/`)) continue;
      const volumes = (pod.spec as { volumes?: Volume[] }).volumes ?? [];
      const uses = volumes.some((v) => (kind === 'configMap' ? v.configMap?.name === name : v.secret?.secretName === name)
        || (v.projected?.sources ?? []).some((s) => (kind === 'configMap' ? s.configMap?.name === name : s.secret?.name === name)));
      if (uses) this.queue.addAt(`refresh:${keyOf(pod)}`, this.env.clock.now() + volumeSyncDelayMs);
    }
  }

  sync(key: string): SyncResult {
    if (!key.startsWith('refresh:')) return;
    const pod = this.informers.pods.get(key.slice('refresh:'.length));
    if (!pod || !this.trees.has(`pod:${pod.metadata.uid}/`)) return;
    const facts = this.facts(pod, { hostIP: '', nodeName: (pod.spec as { nodeName?: string }).nodeName ?? '', now: this.env.clock.now() });
    const status = pod.status as { podIP?: string; hostIP?: string } | undefined;
    facts.podIP = status?.podIP;
    facts.hostIP = status?.hostIP ?? '';
    for (const volume of (pod.spec as { volumes?: Volume[] }).volumes ?? []) {
      if (!isProjectedVolume(volume)) continue;
      const result = projectVolume(volume, pod, this.source, facts);
      // A failed refresh keeps the files the container already has, as the kubelet does.
      if ('files' in result) this.tree(`pod:${pod.metadata.uid}/${volume.name}`).replace(result.files, this.env.clock.now());
    }
  }

  private facts(pod: KubeObject, known: Omit<ContainerFacts, 'now'> & { now: number }): PodFacts {
    const node = this.informers.nodes.get(known.nodeName);
    const allocatable = (node?.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ?? {};
    return { podIP: known.podIP, hostIP: known.hostIP, nodeName: known.nodeName, allocatable: { cpu: allocatable.cpu ?? '4', memory: allocatable.memory ?? '8Gi' } };
  }

  /** The identity and read-only-ness of a pod volume's contents, or why it cannot be mounted. */
  private volumeTree(pod: KubeObject, volume: Volume, facts: PodFacts, now: number): { tree: FileTree; readOnly: boolean; projected: boolean; root?: string } | { error: string } {
    const uid = pod.metadata.uid!;
    if (isProjectedVolume(volume)) {
      const identity = `pod:${uid}/${volume.name}`;
      if (!this.trees.has(identity)) {
        const result = projectVolume(volume, pod, this.source, facts);
        if ('error' in result) return result;
        this.tree(identity).replace(result.files, now);
      }
      return { tree: this.tree(identity), readOnly: true, projected: true };
    }
    if (volume.hostPath) {
      const mount = setUpHostPath(this, facts.nodeName, volume.hostPath, now);
      return 'error' in mount ? mount : { ...mount, readOnly: false, projected: false };
    }
    if (volume.persistentVolumeClaim) {
      const claim = this.informers.claims.get(`${pod.metadata.namespace}/${volume.persistentVolumeClaim.claimName}`) as PersistentVolumeClaim | undefined;
      if (!claim) return { error: `persistentvolumeclaim "${volume.persistentVolumeClaim.claimName}" not found` };
      const pv = claim.spec?.volumeName ? this.informers.volumes.get(claim.spec.volumeName) as PersistentVolume | undefined : undefined;
      if (!pv) return { error: `PVC ${pod.metadata.namespace}/${claim.metadata?.name} has not been bound` };
      return { tree: this.tree(this.pvIdentity(pv, facts.nodeName)), readOnly: !!volume.persistentVolumeClaim.readOnly, projected: false };
    }
    // emptyDir and every volume type without simulated contents: a directory that lives with the pod.
    return { tree: this.tree(`pod:${uid}/${volume.name}`), readOnly: false, projected: false };
  }

  /** The pod's volumes on attachable PVs that the attach/detach controller has not attached to this node. */
  private unattachedVolumes(pod: KubeObject, volumes: Volume[], nodeName: string): string[] {
    const names: string[] = [];
    let attached: string[] | undefined;
    for (const volume of volumes) {
      const claimName = volume.persistentVolumeClaim?.claimName;
      if (!claimName) continue;
      const claim = this.informers.claims.get(`${pod.metadata.namespace}/${claimName}`) as PersistentVolumeClaim | undefined;
      const pv = claim?.spec?.volumeName ? this.informers.volumes.get(claim.spec.volumeName) as PersistentVolume | undefined : undefined;
      if (!pv || !isAttachable(pv, (name) => this.informers.drivers.get(name) as CSIDriver | undefined)) continue;
      attached ??= attachedVolumeNames(this.informers.nodes.get(nodeName));
      if (!attached.includes(uniqueVolumeName(pv))) names.push(volume.name);
    }
    return names.sort();
  }

  /**
   * Set up a container as the kubelet does before creating it: its volumes (FailedMount when one
   * cannot be), its environment (CreateContainerConfigError when a reference is missing), and a
   * fresh writable layer under its mounts.
   */
  prepareContainer(pod: KubeObject, container: Container, known: ContainerFacts): PreparedContainer {
    const facts = this.facts(pod, known);
    // Marks the pod as set up: refreshes only touch pods whose volumes exist.
    this.tree(`pod:${pod.metadata.uid}/`);
    const volumes = (pod.spec as { volumes?: Volume[] }).volumes ?? [];
    const unattached = this.unattachedVolumes(pod, volumes, known.nodeName);
    if (unattached.length) {
      // WaitForAttachAndMount's error (the kubelet reports it after its 2m3s wait; here at once).
      const list = `[${unattached.join(' ')}]`;
      return { kind: 'mountError', message: `Unable to attach or mount volumes: unmounted volumes=${list}, unattached volumes=${list}, failed to process volumes=[]: timed out waiting for the condition` };
    }
    const mounts: Mount[] = [];
    for (const volumeMount of container.volumeMounts ?? []) {
      const volume = volumes.find((v) => v.name === volumeMount.name);
      if (!volume) continue;
      const found = this.volumeTree(pod, volume, facts, known.now);
      if ('error' in found) return { kind: 'mountError', message: `MountVolume.SetUp failed for volume "${volume.name}" : ${found.error}` };
      // A hostPath file is mounted as its name inside its directory's tree.
      const root = pathParts(`${found.root ?? ''}/${volumeMount.subPath ?? ''}`).join('/');
      let tree = found.tree;
      // A subPath is bound once at container start: later configMap updates do not reach it.
      if (root && found.projected) tree = tree.clone();
      else if (root && !tree.kind(root)) tree.mkdir(root, known.now, true);
      mounts.push({ mountPath: volumeMount.mountPath, tree, root, readOnly: found.readOnly || !!volumeMount.readOnly });
    }
    const env = makeEnvironmentVariables(pod, container, this.source, facts);
    if ('error' in env) return { kind: 'configError', message: env.error };
    const files = new MountedFiles(mounts, containerLayer(known.now), () => this.env.clock.now());
    return { kind: 'ready', env: env.env, files, warnings: env.warnings };
  }

  /** Put back the contents a snapshot saved (running containers keep the trees they mounted). */
  restore(data: ReturnType<VolumeManager['toJSON']>): void {
    this.trees.clear();
    for (const [identity, tree] of Object.entries(data)) this.trees.set(identity, FileTree.fromJSON(tree));
  }

  /** Every volume's contents as plain data, for the lab's snapshot. */
  toJSON(): Record<string, ReturnType<FileTree['toJSON']>> {
    return Object.fromEntries([...this.trees].map(([identity, tree]) => [identity, tree.toJSON()]));
  }
}
