/**
 * `kubectl debug --profile`: what each profile of kubectl 1.32 changes in the pod it sends, by
 * debugging style — an ephemeral container added to the pod itself, a copy of the pod
 * (`--copy-to`), or a new pod on a node (`debug node/NAME`). The `--keep-*` flags decide what a
 * copy keeps of the original's labels, annotations, probes and init containers.
 */
import type { Json } from './write-support.ts';

/** The profiles `--profile` accepts, in the order the flag's help lists them. */
export const debugProfiles = ['legacy', 'general', 'baseline', 'netadmin', 'restricted', 'sysadmin'] as const;

/** One of the debug profiles. */
export type DebugProfile = typeof debugProfiles[number];

/** How the debug container reaches its target. */
export type DebugStyle = 'ephemeral' | 'podCopy' | 'node';

/** What a pod copy keeps (`--keep-labels`, `--keep-annotations`, `--keep-liveness`, `--keep-readiness`, `--keep-startup`, `--keep-init-containers`). */
export interface KeepFlags {
  labels: boolean;
  annotations: boolean;
  liveness: boolean;
  readiness: boolean;
  startup: boolean;
  initContainers: boolean;
}

type Container = Json & { name?: string; securityContext?: Json };

function containersOf(pod: Json, kinds: string[]): Container[] {
  const spec = (pod.spec ?? {}) as Json;
  return kinds.flatMap((k) => (spec[k] ?? []) as Container[]);
}

/** Change the named container wherever it is (podutils.AllContainers). */
function modify(pod: Json, name: string, change: (c: Container) => void, kinds = ['initContainers', 'containers', 'ephemeralContainers']): void {
  const found = containersOf(pod, kinds).find((c) => c.name === name);
  if (found) change(found);
}

function securityContext(c: Container): Json {
  c.securityContext ??= {};
  return c.securityContext;
}

function addCapability(c: Container, capability: string): void {
  const sc = securityContext(c);
  const caps = (sc.capabilities ??= {}) as { add?: string[] };
  caps.add = [...(caps.add ?? []), capability];
}

/** The node's `/` as volume `host-root`, mounted at `/host` in the debug container. */
function mountRootPartition(pod: Json, name: string): void {
  const spec = pod.spec as Json;
  spec.volumes = [...((spec.volumes ?? []) as Json[]), { name: 'host-root', hostPath: { path: '/' } }];
  modify(pod, name, (c) => { c.volumeMounts = [...((c.volumeMounts ?? []) as Json[]), { mountPath: '/host', name: 'host-root' }]; }, ['containers']);
}

function useHostNamespaces(pod: Json): void {
  Object.assign(pod.spec as Json, { hostNetwork: true, hostPID: true, hostIPC: true });
}

function shareProcessNamespace(pod: Json): void {
  const spec = pod.spec as Json;
  if (spec.shareProcessNamespace === undefined) spec.shareProcessNamespace = true;
}

/** What every non-legacy profile drops from a copy, unless told to keep it. */
function trimCopy(pod: Json, keep: KeepFlags): void {
  const metadata = pod.metadata as Json;
  if (!keep.labels) delete metadata.labels;
  if (!keep.annotations) delete metadata.annotations;
  for (const c of containersOf(pod, ['containers'])) {
    if (!keep.liveness) delete c.livenessProbe;
    if (!keep.readiness) delete c.readinessProbe;
    if (!keep.startup) delete c.startupProbe;
  }
  if (!keep.initContainers) delete (pod.spec as Json).initContainers;
}

/**
 * Apply `profile` to `pod` (changed in place) for the debug container `name`. Worked example:
 * `kubectl debug web --image=busybox --profile=netadmin` gives the ephemeral container
 * `securityContext: {capabilities: {add: [NET_ADMIN, NET_RAW]}}` and nothing else.
 */
export function applyProfile(profile: DebugProfile, pod: Json, name: string, style: DebugStyle, keep: KeepFlags): void {
  const clear = (): void => modify(pod, name, (c) => { delete c.securityContext; });
  const removeLabels = (): void => { delete (pod.metadata as Json).labels; };
  switch (profile) {
    case 'legacy':
      if (style === 'node') { mountRootPartition(pod, name); useHostNamespaces(pod); } else removeLabels();
      return;
    case 'general':
      if (style === 'node') { mountRootPartition(pod, name); clear(); useHostNamespaces(pod); return; }
      if (style === 'podCopy') { trimCopy(pod, keep); shareProcessNamespace(pod); } else removeLabels();
      modify(pod, name, (c) => addCapability(c, 'SYS_PTRACE'));
      // kubectl adds SYS_PTRACE before it shares the process namespace; the order changes nothing.
      return;
    case 'baseline':
      clear();
      if (style === 'podCopy') { trimCopy(pod, keep); shareProcessNamespace(pod); } else if (style === 'ephemeral') removeLabels();
      return;
    case 'restricted':
      clear();
      modify(pod, name, (c) => {
        const sc = securityContext(c);
        sc.runAsNonRoot = true;
        sc.capabilities = { drop: ['ALL'] };
        sc.allowPrivilegeEscalation = false;
        sc.seccompProfile = { type: 'RuntimeDefault' };
      });
      if (style === 'podCopy') { trimCopy(pod, keep); shareProcessNamespace(pod); } else if (style === 'ephemeral') removeLabels();
      return;
    case 'netadmin':
      modify(pod, name, (c) => { addCapability(c, 'NET_ADMIN'); addCapability(c, 'NET_RAW'); });
      if (style === 'node') useHostNamespaces(pod);
      else if (style === 'podCopy') { trimCopy(pod, keep); shareProcessNamespace(pod); } else removeLabels();
      return;
    case 'sysadmin':
      modify(pod, name, (c) => { securityContext(c).privileged = true; });
      if (style === 'node') { useHostNamespaces(pod); mountRootPartition(pod, name); } else if (style === 'podCopy') { trimCopy(pod, keep); shareProcessNamespace(pod); } else removeLabels();
      return;
  }
}
