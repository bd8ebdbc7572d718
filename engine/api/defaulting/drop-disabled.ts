/**
 * What a v1.32 API server silently removes on create and update because the feature gate guarding a
 * field is off by default: the registries' `dropDisabledFields` (pkg/api/pod/util.go for every
 * PodSpec, pkg/api/persistentvolumeclaim/util.go, the StatefulSet, Node and Lease strategies).
 * The field passes decoding and validation, then is gone when the object is read back — unless the
 * old object already used it (upstream keeps a field in use so that updates do not wipe data).
 *
 * Gate defaults are those of pkg/features (versioned_kube_features.go) and
 * k8s.io/apiserver/pkg/features at v1.32; fields newer than 1.32 are not here because strict decoding
 * already rejects them as unknown.
 */
import type { ResourceInfo } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { child, deepCopy, hasEntries, isObj, items, type Obj } from './util.ts';

/** A feature gate that is off by default in v1.32, and the fields it guards. */
export interface DisabledGate {
  gate: string;
  stage: 'Alpha' | 'Beta';
  /** The release whose entry in versioned_kube_features.go still applies at 1.32. */
  since: string;
  /** What the API server drops while the gate is off, as a learner would write the path. */
  drops: readonly string[];
}

/** The v1.32 default-off gates that guard fields of the kinds the lab serves. */
export const defaultOffGates: readonly DisabledGate[] = [
  { gate: 'PodLevelResources', stage: 'Alpha', since: '1.32', drops: ['PodSpec.resources'] },
  { gate: 'SupplementalGroupsPolicy', stage: 'Alpha', since: '1.31',
    drops: ['PodSpec.securityContext.supplementalGroupsPolicy', 'PodStatus.containerStatuses[*].user', 'NodeStatus.features'] },
  { gate: 'ImageVolume', stage: 'Alpha', since: '1.31',
    drops: ['PodSpec.volumes[*] with image (the whole volume)', 'volumeMounts naming such a volume'] },
  { gate: 'SELinuxChangePolicy', stage: 'Alpha', since: '1.32', drops: ['PodSpec.securityContext.seLinuxChangePolicy'] },
  { gate: 'UserNamespacesSupport', stage: 'Beta', since: '1.30', drops: ['PodSpec.hostUsers'] },
  { gate: 'ProcMountType', stage: 'Beta', since: '1.31', drops: ['securityContext.procMount (forced to "Default", not removed)'] },
  { gate: 'InPlacePodVerticalScaling', stage: 'Alpha', since: '1.27',
    drops: ['containers[*].resizePolicy', 'PodStatus.containerStatuses[*].resources/allocatedResources', 'PodStatus.resize'] },
  { gate: 'DynamicResourceAllocation', stage: 'Beta', since: '1.32',
    drops: ['PodSpec.resourceClaims', 'containers[*].resources.claims', 'PodStatus.resourceClaimStatuses'] },
  { gate: 'ClusterTrustBundleProjection', stage: 'Alpha', since: '1.29', drops: ['projected.sources[*].clusterTrustBundle'] },
  { gate: 'ResourceHealthStatus', stage: 'Alpha', since: '1.31', drops: ['PodStatus.containerStatuses[*].allocatedResourcesStatus'] },
  { gate: 'VolumeAttributesClass', stage: 'Beta', since: '1.31',
    drops: ['PersistentVolumeClaimSpec.volumeAttributesClassName', 'PersistentVolumeSpec.volumeAttributesClassName'] },
  { gate: 'CrossNamespaceVolumeDataSource', stage: 'Alpha', since: '1.26',
    drops: ['PersistentVolumeClaimSpec.dataSourceRef (the whole reference, when it has a namespace)'] },
  { gate: 'MaxUnavailableStatefulSet', stage: 'Alpha', since: '1.24', drops: ['StatefulSetSpec.updateStrategy.rollingUpdate.maxUnavailable'] },
  { gate: 'CoordinatedLeaderElection', stage: 'Alpha', since: '1.31', drops: ['LeaseSpec.strategy', 'LeaseSpec.preferredHolder'] },
];

type Enabled = (gate: string) => boolean;

const containerLists = ['initContainers', 'containers', 'ephemeralContainers'] as const;
const allContainers = (spec: Obj | undefined): Obj[] => containerLists.flatMap((list) => items(spec, list));
const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** One rule of pkg/api/pod/util.go: when the gate is off and the old spec does not use the field, drop it. */
interface PodSpecRule {
  gate: string;
  inUse: (old: Obj | undefined) => boolean;
  drop: (spec: Obj) => void;
}

const podSpecRules: readonly PodSpecRule[] = [
  {
    gate: 'UserNamespacesSupport',
    inUse: (old) => isSet(old?.hostUsers),
    drop: (spec) => { delete spec.hostUsers; },
  },
  {
    gate: 'SupplementalGroupsPolicy',
    inUse: (old) => isSet(child(old ?? {}, 'securityContext')?.supplementalGroupsPolicy),
    drop: (spec) => { delete child(spec, 'securityContext')?.supplementalGroupsPolicy; },
  },
  {
    // podLevelResourcesInUse: an old spec with an empty `resources: {}` does not count.
    gate: 'PodLevelResources',
    inUse: (old) => hasEntries(child(old ?? {}, 'resources')?.requests) || hasEntries(child(old ?? {}, 'resources')?.limits),
    drop: (spec) => { delete spec.resources; },
  },
  {
    // Forced to Default rather than removed: 1.12 persisted the field, and nil would diff against that.
    gate: 'ProcMountType',
    inUse: (old) => allContainers(old).some((c) => { const p = child(c, 'securityContext')?.procMount; return isSet(p) && p !== 'Default'; }),
    drop: (spec) => {
      for (const c of allContainers(spec)) {
        const sc = child(c, 'securityContext');
        if (sc && isSet(sc.procMount)) sc.procMount = 'Default';
      }
    },
  },
  {
    // Containers cannot reference claims without pod-level entries, so those alone mark use.
    gate: 'DynamicResourceAllocation',
    inUse: (old) => hasEntries(old?.resourceClaims),
    drop: (spec) => {
      for (const c of allContainers(spec)) delete child(c, 'resources')?.claims;
      delete spec.resourceClaims;
    },
  },
  {
    gate: 'ClusterTrustBundleProjection',
    inUse: (old) => projectedSources(old).some((s) => isSet(s.clusterTrustBundle)),
    drop: (spec) => { for (const s of projectedSources(spec)) delete s.clusterTrustBundle; },
  },
  {
    // Upstream checks only regular containers for use, but drops from every container list.
    gate: 'InPlacePodVerticalScaling',
    inUse: (old) => items(old, 'containers').some((c) => hasEntries(c.resizePolicy)),
    drop: (spec) => { for (const c of allContainers(spec)) delete c.resizePolicy; },
  },
  { gate: 'ImageVolume', inUse: (old) => items(old, 'volumes').some((v) => isSet(v.image)), drop: dropImageVolumes },
  {
    gate: 'SELinuxChangePolicy',
    inUse: (old) => isSet(child(old ?? {}, 'securityContext')?.seLinuxChangePolicy),
    drop: (spec) => { delete child(spec, 'securityContext')?.seLinuxChangePolicy; },
  },
];

function projectedSources(spec: Obj | undefined): Obj[] {
  return items(spec, 'volumes').flatMap((v) => items(child(v, 'projected'), 'sources'));
}

/** dropImageVolumes: the whole volume goes, and with it every mount of it (a mount of nothing would fail validation). */
function dropImageVolumes(spec: Obj): void {
  if (!Array.isArray(spec.volumes)) return;
  const names = new Set(items(spec, 'volumes').filter((v) => isSet(v.image)).map((v) => v.name));
  if (names.size === 0) return;
  const kept = spec.volumes.filter((v) => !(isObj(v) && isSet(v.image)));
  // Go builds a fresh slice: nothing left means nil, which the encoder omits.
  if (kept.length > 0) spec.volumes = kept; else delete spec.volumes;
  for (const c of allContainers(spec)) {
    if (!Array.isArray(c.volumeMounts)) continue;
    const mounts = c.volumeMounts.filter((m) => !(isObj(m) && names.has(m.name)));
    if (mounts.length > 0) c.volumeMounts = mounts; else delete c.volumeMounts;
  }
}

function dropPodSpec(spec: Obj | undefined, old: Obj | undefined, enabled: Enabled): void {
  if (!spec) return;
  for (const rule of podSpecRules) {
    if (!enabled(rule.gate) && !rule.inUse(old)) rule.drop(spec);
  }
}

const statusLists = ['initContainerStatuses', 'containerStatuses', 'ephemeralContainerStatuses'] as const;

/** dropDisabledPodStatusFields (Pods only, not templates); the gates are read against the old spec. */
function dropPodStatus(status: Obj | undefined, oldSpec: Obj | undefined, enabled: Enabled): void {
  if (!status) return;
  const statuses = statusLists.flatMap((list) => items(status, list));
  const off = (rule: string): boolean => {
    const found = podSpecRules.find((r) => r.gate === rule);
    return !enabled(rule) && !(found?.inUse(oldSpec) ?? false);
  };
  if (off('InPlacePodVerticalScaling')) {
    for (const s of statuses) { delete s.allocatedResources; delete s.resources; }
    delete status.resize;
  }
  if (off('DynamicResourceAllocation')) delete status.resourceClaimStatuses;
  // No in-use check upstream: the kubelet is the only writer of this field.
  if (!enabled('ResourceHealthStatus')) for (const s of statuses) delete s.allocatedResourcesStatus;
  if (off('SupplementalGroupsPolicy')) for (const s of statuses) delete s.user;
}

/** Where each kind keeps its PodSpec (upstream: DropDisabledPodFields / DropDisabledTemplateFields). */
function podSpecOf(info: ResourceInfo, obj: Obj): Obj | undefined {
  const spec = child(obj, 'spec');
  if (info.group === '' && info.kind === 'Pod') return spec;
  if (info.group === '' && info.kind === 'PodTemplate') return child(child(obj, 'template') ?? {}, 'spec');
  if (info.group === 'batch' && info.kind === 'CronJob') {
    return child(child(child(child(spec ?? {}, 'jobTemplate') ?? {}, 'spec') ?? {}, 'template') ?? {}, 'spec');
  }
  const templated = (info.group === '' && info.kind === 'ReplicationController')
    || (info.group === 'apps' && ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(info.kind))
    || (info.group === 'batch' && info.kind === 'Job');
  return templated ? child(child(spec ?? {}, 'template') ?? {}, 'spec') : undefined;
}

/** Kind-specific drops outside the PodSpec: PVC, PV, StatefulSet, Node, Lease. */
function dropKindFields(info: ResourceInfo, obj: Obj, old: Obj | undefined, enabled: Enabled): void {
  const spec = child(obj, 'spec');
  const oldSpec = old ? child(old, 'spec') : undefined;
  const key = `${info.group}/${info.kind}`;
  if ((key === '/PersistentVolumeClaim' || key === '/PersistentVolume') && spec) {
    if (!enabled('VolumeAttributesClass') && !isSet(oldSpec?.volumeAttributesClassName)) delete spec.volumeAttributesClassName;
  }
  if (key === '/PersistentVolumeClaim' && spec && !enabled('CrossNamespaceVolumeDataSource')) {
    const namespace = child(spec, 'dataSourceRef')?.namespace;
    if (typeof namespace === 'string' && namespace !== '' && !isSet(oldSpec?.dataSourceRef)) delete spec.dataSourceRef;
  }
  if (key === 'apps/StatefulSet' && !enabled('MaxUnavailableStatefulSet')) {
    const oldRolling = child(child(oldSpec ?? {}, 'updateStrategy') ?? {}, 'rollingUpdate');
    const rolling = child(child(spec ?? {}, 'updateStrategy') ?? {}, 'rollingUpdate');
    if (rolling && !isSet(oldRolling?.maxUnavailable)) delete rolling.maxUnavailable;
  }
  if (key === '/Node' && !enabled('SupplementalGroupsPolicy')) {
    const status = child(obj, 'status');
    if (status && !isSet(child(old ?? {}, 'status')?.features)) delete status.features;
  }
  if (key === 'coordination.k8s.io/Lease' && spec && !enabled('CoordinatedLeaderElection')) {
    if (!isSet(oldSpec?.strategy)) delete spec.strategy;
    if (!isSet(oldSpec?.preferredHolder)) delete spec.preferredHolder;
  }
}

/**
 * A copy of `obj` without the fields a v1.32 API server drops because their feature gate is off
 * (see `defaultOffGates`). `old` is the stored object on update: fields it already uses are kept.
 * `enabledGates` turns gates on, as `--feature-gates=PodLevelResources=true` would.
 */
export function dropDisabledFields(
  info: ResourceInfo, obj: KubeObject, old?: KubeObject, enabledGates: ReadonlySet<string> = new Set(),
): KubeObject {
  const copy = deepCopy(obj);
  if (info.custom) return copy;
  const enabled: Enabled = (gate) => enabledGates.has(gate);
  const oldObj = old as Obj | undefined;
  const spec = podSpecOf(info, copy);
  const oldSpec = oldObj ? podSpecOf(info, oldObj) : undefined;
  dropPodSpec(spec, oldSpec, enabled);
  if (info.group === '' && info.kind === 'Pod') dropPodStatus(child(copy, 'status'), oldSpec, enabled);
  dropKindFields(info, copy, oldObj, enabled);
  return copy;
}
