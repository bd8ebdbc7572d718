/**
 * Defaults for the core/v1 kinds other than Pods (pkg/apis/core/v1/defaults.go): Service,
 * Endpoints, PersistentVolume(Claim), Secret, Namespace, LimitRange, Node, PodTemplate.
 */
import { defaultClaimSpec, defaultPodSpec } from './pod-spec.ts';
import { child, ensure, isObj, items, setDefault, type Obj } from './util.ts';

/** Three hours: the ClientIP session-affinity timeout when none is given. */
const clientIpTimeoutSeconds = 10800;

/**
 * Service: ClusterIP, no session affinity, TCP ports whose targetPort is the port, traffic policies
 * Cluster. The cluster IP, node ports and IP families come later, from the registry (see
 * prepare-for-create.ts).
 */
export function defaultService(obj: Obj): void {
  const spec = ensure(obj, 'spec');
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const clientIP = child(child(spec, 'sessionAffinityConfig') ?? {}, 'clientIP');
    if (!clientIP || clientIP.timeoutSeconds === undefined || clientIP.timeoutSeconds === null) {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: clientIpTimeoutSeconds } };
    }
  }
  setDefault(spec, 'type', 'ClusterIP');
  for (const port of items(spec, 'ports')) {
    setDefault(port, 'protocol', 'TCP');
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') {
      port.targetPort = port.port;
    }
  }
  const externallyAccessible =
    spec.type === 'NodePort' || spec.type === 'LoadBalancer' ||
    (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
  if (externallyAccessible) setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type === 'ClusterIP' || spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  }
  if (spec.type === 'LoadBalancer') {
    setDefault(spec, 'allocateLoadBalancerNodePorts', true);
    for (const ingress of items(child(child(obj, 'status') ?? {}, 'loadBalancer'), 'ingress')) {
      if (ingress.ip && !ingress.ipMode) ingress.ipMode = 'VIP';
    }
  }
}

/** Endpoints: ports default to TCP. */
export function defaultEndpoints(obj: Obj): void {
  for (const subset of items(obj, 'subsets')) {
    for (const port of items(subset, 'ports')) setDefault(port, 'protocol', 'TCP');
  }
}

/** PersistentVolumeClaim: Filesystem volume mode, Pending phase. */
export function defaultPersistentVolumeClaim(obj: Obj): void {
  defaultClaimSpec(ensure(obj, 'spec'));
  setDefault(ensure(obj, 'status'), 'phase', 'Pending');
}

/** PersistentVolume: Retain (a dynamically provisioned PV carries its class's policy instead), Filesystem, Pending. */
export function defaultPersistentVolume(obj: Obj): void {
  const spec = ensure(obj, 'spec');
  setDefault(spec, 'persistentVolumeReclaimPolicy', 'Retain');
  setDefault(spec, 'volumeMode', 'Filesystem');
  const hostPath = child(spec, 'hostPath');
  if (hostPath && (hostPath.type === undefined || hostPath.type === null)) hostPath.type = '';
  setDefault(ensure(obj, 'status'), 'phase', 'Pending');
}

/** Secret: type Opaque. */
export function defaultSecret(obj: Obj): void {
  setDefault(obj, 'type', 'Opaque');
}

/** Namespace: the `kubernetes.io/metadata.name` label (always set to the name), phase Active. */
export function defaultNamespace(obj: Obj): void {
  const metadata = ensure(obj, 'metadata');
  // A generateName namespace has no name yet; the registry's Canonicalize adds the label later.
  if (typeof metadata.name === 'string' && metadata.name !== '') {
    ensure(metadata, 'labels')['kubernetes.io/metadata.name'] = metadata.name;
  }
  setDefault(ensure(obj, 'status'), 'phase', 'Active');
}

/** LimitRange: for Container limits, default ← max, defaultRequest ← default, then ← min. */
export function defaultLimitRange(obj: Obj): void {
  for (const limit of items(child(obj, 'spec'), 'limits')) {
    if (limit.type !== 'Container') continue;
    const defaults = ensure(limit, 'default');
    const defaultRequest = ensure(limit, 'defaultRequest');
    fillMissing(defaults, child(limit, 'max'));
    fillMissing(defaultRequest, defaults);
    fillMissing(defaultRequest, child(limit, 'min'));
  }
}

function fillMissing(target: Obj, source: Obj | undefined): void {
  for (const [key, value] of Object.entries(source ?? {})) if (!(key in target)) target[key] = value;
}

/** Node: allocatable defaults to capacity. */
export function defaultNode(obj: Obj): void {
  const status = child(obj, 'status');
  if (status && isObj(status.capacity) && !isObj(status.allocatable)) status.allocatable = { ...status.capacity };
}

/** PodTemplate: PodSpec defaults on its template. */
export function defaultPodTemplate(obj: Obj): void {
  // `template` and its `spec` are Go structs: defaulted even when the request leaves them out.
  defaultPodSpec(ensure(ensure(obj, 'template'), 'spec'));
}
