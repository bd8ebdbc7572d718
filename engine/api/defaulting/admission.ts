/**
 * The defaults that the API server's built-in mutating admission plugins add on create, after
 * defaulting and before the registry strategy: ServiceAccount (account name and the projected token
 * volume), DefaultTolerationSeconds, Priority, and DefaultStorageClass.
 */
import type { Random } from '../../clock.ts';
import type { ResourceInfo } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { canonicalize } from './canonical-order.ts';
import { deepCopy, ensure, items, type Obj } from './util.ts';

/** A PriorityClass as the Priority plugin needs it. */
export interface PriorityClassInfo {
  value: number;
  preemptionPolicy?: string;
  globalDefault?: boolean;
}

/** What the admission plugins look up in the cluster. */
export interface AdmissionContext {
  random: Pick<Random, 'nameSuffix'>;
  /** The StorageClass marked default (`storageclass.kubernetes.io/is-default-class: "true"`), if any. */
  defaultStorageClassName?: string;
  /** The ServiceAccount's `automountServiceAccountToken`, when the account sets it. */
  serviceAccountAutomount?: (namespace: string, name: string) => boolean | undefined;
  /** PriorityClasses by name (the two `system-` classes are built in when absent). */
  priorityClass?: (name: string) => PriorityClassInfo | undefined;
  /** The name of the class with `globalDefault: true`, if one exists. */
  globalDefaultPriorityClass?: () => { name: string; info: PriorityClassInfo } | undefined;
}

/** Where the ServiceAccount plugin mounts the token, CA bundle and namespace file. */
export const serviceAccountMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';

const builtinPriorityClasses: Record<string, PriorityClassInfo> = {
  'system-node-critical': { value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' },
  'system-cluster-critical': { value: 2000000000, preemptionPolicy: 'PreemptLowerPriority' },
};

/**
 * `obj` with the admission plugins' defaults, as a new object (the input is never changed; a kind no
 * plugin touches comes back as the same object). Pods get the
 * service account, its token volume and mounts, the not-ready/unreachable tolerations and the
 * priority; PersistentVolumeClaims without `storageClassName` get the default class.
 * An unknown priorityClassName is left for the caller to reject (the plugin's error, not a default).
 */
export function admitDefaults(info: ResourceInfo, obj: KubeObject, ctx: AdmissionContext, owned = false): KubeObject {
  if (info.group !== '' || (info.kind !== 'Pod' && info.kind !== 'PersistentVolumeClaim')) return obj;
  // `owned`: obj is the write pipeline's private copy, changed in place.
  const copy = owned ? obj : deepCopy(obj);
  const spec = ensure(copy, 'spec');
  if (info.kind === 'PersistentVolumeClaim') {
    // Only a missing field is defaulted: `storageClassName: ""` explicitly asks for no class.
    if (spec.storageClassName === undefined || spec.storageClassName === null) {
      if (ctx.defaultStorageClassName) spec.storageClassName = ctx.defaultStorageClassName;
    }
    return canonicalize(copy);
  }
  admitServiceAccount(copy, spec, ctx);
  admitTolerations(spec);
  admitPriority(spec, ctx);
  return canonicalize(copy);
}

function admitServiceAccount(pod: KubeObject, spec: Obj, ctx: AdmissionContext): void {
  // Mirror pods (static pods the kubelet reports) get no account.
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return;
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const namespace = String(pod.metadata.namespace ?? 'default');
  const automount =
    typeof spec.automountServiceAccountToken === 'boolean'
      ? spec.automountServiceAccountToken
      : ctx.serviceAccountAutomount?.(namespace, String(spec.serviceAccountName)) ?? true;
  if (!automount) return;
  const containers = [...items(spec, 'initContainers'), ...items(spec, 'containers')];
  // A pod that already mounts something at the token path keeps it (and gets no volume if all do).
  const needing = containers.filter((c) => !items(c, 'volumeMounts').some((m) => m.mountPath === serviceAccountMountPath));
  if (needing.length === 0) return;
  const existing = items(spec, 'volumes').find((v) => String(v.name ?? '').startsWith('kube-api-access-'));
  const name = existing ? String(existing.name) : `kube-api-access-${ctx.random.nameSuffix()}`;
  if (!existing) {
    const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
    spec.volumes = [...volumes, tokenVolume(name)];
  }
  for (const container of needing) {
    const mounts = Array.isArray(container.volumeMounts) ? container.volumeMounts : [];
    container.volumeMounts = [...mounts, { name, readOnly: true, mountPath: serviceAccountMountPath }];
  }
}

/** The projected volume of a bound service-account token: token (3607 s), CA bundle, namespace. */
function tokenVolume(name: string): Obj {
  return {
    name,
    projected: {
      sources: [
        // 3607 rather than 3600: the extra seconds let the kubelet tell admission-made tokens apart.
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
      defaultMode: 420,
    },
  };
}

/** DefaultTolerationSeconds: tolerate not-ready and unreachable nodes for 300 s before eviction. */
function admitTolerations(spec: Obj): void {
  const tolerations = items(spec, 'tolerations');
  const added: Obj[] = [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const tolerated = tolerations.some(
      (t) => (t.key === key || !t.key) && (!t.effect || t.effect === 'NoExecute'),
    );
    if (!tolerated) added.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  if (added.length > 0) spec.tolerations = [...(Array.isArray(spec.tolerations) ? spec.tolerations : []), ...added];
}

/** Priority: the class's value and preemption policy, or the global default, or 0. */
function admitPriority(spec: Obj, ctx: AdmissionContext): void {
  let info: PriorityClassInfo | undefined;
  if (typeof spec.priorityClassName === 'string' && spec.priorityClassName !== '') {
    info = ctx.priorityClass?.(spec.priorityClassName) ?? builtinPriorityClasses[spec.priorityClassName];
    if (!info) return;
  } else {
    const global = ctx.globalDefaultPriorityClass?.();
    if (global) {
      spec.priorityClassName = global.name;
      info = global.info;
    }
  }
  spec.priority = info?.value ?? 0;
  if (!spec.preemptionPolicy) spec.preemptionPolicy = info?.preemptionPolicy ?? 'PreemptLowerPriority';
}

