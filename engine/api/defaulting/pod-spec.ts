/**
 * Defaults for PodSpec and everything inside it (pkg/apis/core/v1/defaults.go): containers,
 * probes, ports, volumes. The same PodSpec defaults apply to Pods and to the pod templates of
 * Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs; `defaultPod` adds the few
 * that upstream keeps to Pods alone, so they do not show up in every template.
 */
import { child, ensure, isObj, items, setDefault, type Obj } from './util.ts';

/** Default a PodSpec in place, as SetDefaults_PodSpec and the nested SetDefaults_* functions do. */
export function defaultPodSpec(spec: Obj): void {
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  if (!isObj(spec.securityContext)) spec.securityContext = {};
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'schedulerName', 'default-scheduler');
  // v1 conversion keeps the deprecated `serviceAccount` in step with `serviceAccountName`.
  setDefault(spec, 'serviceAccountName', spec.serviceAccount);
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '') {
    spec.serviceAccount = spec.serviceAccountName;
  }
  for (const container of allContainers(spec)) defaultContainer(container);
  for (const volume of items(spec, 'volumes')) defaultVolume(volume);
}

/** The Pod-only defaults of SetDefaults_Pod, applied after `defaultPodSpec`. */
export function defaultPod(spec: Obj): void {
  // Requests default to limits, per resource, only on Pods (not templates): a template may be
  // changed later by a LimitRange or VPA, a Pod is what actually gets scheduled.
  for (const container of [...items(spec, 'containers'), ...items(spec, 'initContainers')]) {
    const resources = child(container, 'resources');
    const limits = resources && child(resources, 'limits');
    if (!resources || !limits) continue;
    const requests = ensure(resources, 'requests');
    for (const [name, quantity] of Object.entries(limits)) if (!(name in requests)) requests[name] = quantity;
  }
  setDefault(spec, 'enableServiceLinks', true);
  if (spec.hostNetwork === true) {
    // With host networking every container port is a host port.
    for (const container of [...items(spec, 'containers'), ...items(spec, 'initContainers')]) {
      for (const port of items(container, 'ports')) {
        if (!port.hostPort) port.hostPort = port.containerPort;
      }
    }
  }
}

function allContainers(spec: Obj): Obj[] {
  return [...items(spec, 'initContainers'), ...items(spec, 'containers'), ...items(spec, 'ephemeralContainers')];
}

/** Default one container: pull policy from the image tag, termination message, ports, probes, env. */
export function defaultContainer(container: Obj): void {
  if (!container.imagePullPolicy) container.imagePullPolicy = pullPolicyFor(container.image);
  setDefault(container, 'terminationMessagePath', '/dev/termination-log');
  setDefault(container, 'terminationMessagePolicy', 'File');
  for (const port of items(container, 'ports')) setDefault(port, 'protocol', 'TCP');
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const value = child(container, probe);
    if (value) defaultProbe(value);
  }
  const lifecycle = child(container, 'lifecycle');
  for (const hook of [child(lifecycle ?? {}, 'postStart'), child(lifecycle ?? {}, 'preStop')]) {
    const httpGet = hook && child(hook, 'httpGet');
    if (httpGet) defaultHttpGet(httpGet);
  }
  for (const env of items(container, 'env')) {
    const fieldRef = child(child(env, 'valueFrom') ?? {}, 'fieldRef');
    if (fieldRef) setDefault(fieldRef, 'apiVersion', 'v1');
  }
}

/**
 * The pull policy the API server picks when none is given: `Always` when the tag is `latest` or
 * there is no tag at all (`nginx` means `nginx:latest`), otherwise `IfNotPresent` — which includes
 * digest references such as `nginx@sha256:…`.
 */
export function pullPolicyFor(image: unknown): 'Always' | 'IfNotPresent' {
  return imageTag(typeof image === 'string' ? image : '') === 'latest' ? 'Always' : 'IfNotPresent';
}

/** The tag of an image reference as parsers.ParseImageName sees it: `latest` when untagged, '' with a digest. */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const named = at >= 0 ? image.slice(0, at) : image;
  // The tag follows the last colon after the last slash; a colon before a slash is a registry port.
  const lastSlash = named.lastIndexOf('/');
  const colon = named.indexOf(':', lastSlash + 1);
  if (colon >= 0) return named.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

function defaultProbe(probe: Obj): void {
  // Probe timing fields are plain int32s: 0 means unset.
  if (!probe.timeoutSeconds) probe.timeoutSeconds = 1;
  if (!probe.periodSeconds) probe.periodSeconds = 10;
  if (!probe.successThreshold) probe.successThreshold = 1;
  if (!probe.failureThreshold) probe.failureThreshold = 3;
  const httpGet = child(probe, 'httpGet');
  if (httpGet) defaultHttpGet(httpGet);
}

function defaultHttpGet(action: Obj): void {
  setDefault(action, 'path', '/');
  setDefault(action, 'scheme', 'HTTP');
}

/** The volume sources a Volume may name; a volume naming none of them becomes an emptyDir. */
const volumeSources = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

function defaultVolume(volume: Obj): void {
  if (!volumeSources.some((source) => isObj(volume[source]))) volume.emptyDir = {};
  for (const source of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const value = child(volume, source);
    // 0644: the file mode Go writes as the decimal 420.
    if (value && (value.defaultMode === undefined || value.defaultMode === null)) value.defaultMode = 420;
  }
  const hostPath = child(volume, 'hostPath');
  if (hostPath && (hostPath.type === undefined || hostPath.type === null)) hostPath.type = '';
  for (const item of items(child(volume, 'downwardAPI'), 'items')) defaultFieldRef(item);
  for (const projection of items(child(volume, 'projected'), 'sources')) {
    const token = child(projection, 'serviceAccountToken');
    if (token && (token.expirationSeconds === undefined || token.expirationSeconds === null)) token.expirationSeconds = 3600;
    for (const item of items(child(projection, 'downwardAPI'), 'items')) defaultFieldRef(item);
  }
  // volumeClaimTemplate is a pointer, its spec a struct: defaulted whenever the template is given.
  const claimTemplate = child(child(volume, 'ephemeral') ?? {}, 'volumeClaimTemplate');
  if (claimTemplate) defaultClaimSpec(ensure(claimTemplate, 'spec'));
}

function defaultFieldRef(item: Obj): void {
  const fieldRef = child(item, 'fieldRef');
  if (fieldRef) setDefault(fieldRef, 'apiVersion', 'v1');
}

/** SetDefaults_PersistentVolumeClaimSpec: `volumeMode: Filesystem`. */
export function defaultClaimSpec(spec: Obj): void {
  setDefault(spec, 'volumeMode', 'Filesystem');
}

