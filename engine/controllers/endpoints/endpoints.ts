/**
 * The Endpoints controller (pkg/controller/endpoint): one Endpoints object per Service with a
 * selector, named after it, listing ready pods under `addresses` and the others under
 * `notReadyAddresses`, packed by `repackSubsets`. Deleted with its Service; Endpoints of Services
 * without a selector belong to their users and are left alone (EndpointSlice mirroring copies them).
 */
import type { KubeObject } from '../../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { EventRecorder } from '../../runtime/events.ts';
import { keyOf, splitKey, type Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { findPort, isPodReady, podView, serviceSpec, servicesToUpdateOnPodChange, shouldPodBeInEndpoints, shouldSetHostname } from '../endpointslice/pod-endpoint.ts';
import { headlessLabel, sortedLabels } from '../endpointslice/reconciler.ts';
import { podIndexFor, serviceIndexFor, serviceSelector, type PodIndex, type ServiceIndex } from '../endpointslice/selector-index.ts';
import { apiErrorText } from '../endpointslice/slice-writer.ts';
import type { CoreAddress, CorePort, CoreSubset } from '../endpointslice/spew.ts';
import { TriggerTimeTracker, lastChangeTriggerTimeAnnotation } from '../endpointslice/trigger-time.ts';
import { packSamePorts, repackSubsets, samePort, truncateSubsets, maxEndpointsCapacity, type Member } from './repack.ts';

/** Set when more than 1000 addresses were cut (`endpoints.kubernetes.io/over-capacity: truncated`). */
export const overCapacityAnnotation = 'endpoints.kubernetes.io/over-capacity';
/** Endpoints the control plane's leader election keeps; never cleaned up as leftovers. */
const leaderElectionAnnotation = 'control-plane.alpha.kubernetes.io/leader';

const endpointsPath = (namespace: string): string => `/api/v1/namespaces/${namespace}/endpoints`;

/** Whether the Service's first IP family is IPv6 (from `ipFamilies`, else from its ClusterIP). */
function wantsIPv6(service: KubeObject): boolean {
  const families = serviceSpec(service).ipFamilies ?? [];
  return families.length > 0 ? families[0] === 'IPv6' : (serviceSpec(service).clusterIP ?? '').includes(':');
}

/** The address of a pod in the Service's first IP family (`podToEndpointAddressForService`). */
function podAddress(service: KubeObject, pod: KubeObject, wantIPv6: boolean): CoreAddress | undefined {
  const { spec, status } = podView(pod);
  let ip: string | undefined;
  if (status?.podIPs) ip = status.podIPs.find((entry) => entry.ip.includes(':') === wantIPv6)?.ip;
  else if (status?.podIP && status.podIP.includes(':') === wantIPv6) ip = status.podIP;
  if (!ip) return undefined;
  const address: CoreAddress = { ip, nodeName: spec?.nodeName ?? '', targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid } };
  if (shouldSetHostname(pod, service)) address.hostname = spec!.hostname;
  return address;
}

/** The subsets of the Service's pods, packed (`syncService`'s loop and `addEndpointSubset`). */
export function subsetsFor(service: KubeObject, pods: KubeObject[]): CoreSubset[] {
  const spec = serviceSpec(service);
  const publishNotReady = !!spec.publishNotReadyAddresses;
  const servicePorts = spec.ports ?? [];
  // Without ports only a headless Service lists addresses (each with no ports).
  if (!servicePorts.length && spec.clusterIP !== 'None') return [];
  const members: (Member & { ports: CorePort[] })[] = [];
  const wantIPv6 = wantsIPv6(service);
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const address = podAddress(service, pod, wantIPv6);
    if (!address) continue;
    const ports: CorePort[] = [];
    for (const servicePort of servicePorts) {
      const port = findPort(pod, servicePort);
      if (port === undefined) continue;
      const endpointPort: CorePort = { name: servicePort.name ?? '', port, protocol: servicePort.protocol ?? 'TCP' };
      if (servicePort.appProtocol !== undefined) endpointPort.appProtocol = servicePort.appProtocol;
      ports.push(endpointPort);
    }
    if (servicePorts.length && !ports.length) continue;
    members.push({ address, ready: publishNotReady || isPodReady(pod), ports });
  }
  // Usually every pod serves the same ports: then the packing is one subset, made directly.
  const first = members[0]?.ports ?? [];
  const distinct = first.every((port, i) => first.findIndex((other) => samePort(other, port)) === i);
  if (distinct && members.every((m) => m.ports.length === first.length && m.ports.every((port, i) => samePort(port, first[i])))) {
    return packSamePorts(members, first);
  }
  const subsets: CoreSubset[] = [];
  for (const { address, ready, ports } of members) {
    const entry = (list: CorePort[]): CoreSubset => (ready ? { addresses: [address], ports: list } : { notReadyAddresses: [address], ports: list });
    if (!ports.length) subsets.push(entry([]));
    for (const port of ports) subsets.push(entry([port]));
  }
  return repackSubsets(subsets);
}

/** Subsets as JSON with Go's omitempty: no empty lists, no empty hostname. */
function wireSubsets(subsets: CoreSubset[]): CoreSubset[] {
  return subsets.map((subset) => {
    const out: CoreSubset = {};
    if (subset.addresses?.length) out.addresses = subset.addresses;
    if (subset.notReadyAddresses?.length) out.notReadyAddresses = subset.notReadyAddresses;
    if (subset.ports?.length) out.ports = subset.ports;
    return out;
  });
}

/** Subsets equal, ignoring the pods' resourceVersion (`endpointSubsetsEqualIgnoreResourceVersion`). */
function sameSubsets(a: unknown, b: CoreSubset[]): boolean {
  return strippedOf(a) === strip(b);
}

function strip(subsets: CoreSubset[]): string {
  return JSON.stringify(subsets.map((s) => [s.addresses, s.notReadyAddresses, s.ports].map((list) =>
    (list ?? []).map((item) => ('ip' in item ? { ...item, hostname: item.hostname ?? '', targetRef: item.targetRef && { ...item.targetRef, resourceVersion: undefined } } : { ...item, appProtocol: item.appProtocol ?? null })))));
}

/**
 * The stored side of the comparison, remembered per stored list: the informer's objects never
 * change, and a Service with 1,000 pods is compared after every batch of pod changes.
 */
const strippedStored = new WeakMap<object, string>();

function strippedOf(stored: unknown): string {
  if (!Array.isArray(stored)) return strip((stored ?? []) as CoreSubset[]);
  let text = strippedStored.get(stored);
  if (text === undefined) strippedStored.set(stored, (text = strip(stored as CoreSubset[])));
  return text;
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export class EndpointsController implements Controller {
  readonly name = 'endpoint-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private services!: Informer;
  private endpoints!: Informer;
  private serviceIndex!: ServiceIndex;
  private podIndex!: PodIndex;
  private readonly triggerTimes = new TriggerTimeTracker();
  private recorder!: EventRecorder;

  start(env: ControllerEnv): void {
    this.env = env;
    this.recorder = new EventRecorder(env.api, env.clock, { component: 'endpoint-controller' });
    this.services = env.informer('/api/v1/services');
    this.endpoints = env.informer('/api/v1/endpoints');
    const pods = env.informer('/api/v1/pods');
    this.serviceIndex = serviceIndexFor(this.services);
    this.podIndex = podIndexFor(pods);
    this.services.addHandler({
      onAdd: (svc) => this.queue.add(keyOf(svc)),
      onUpdate: (_old, svc) => this.queue.add(keyOf(svc)),
      onDelete: (svc) => this.queue.add(keyOf(svc)),
    });
    pods.addHandler({
      onAdd: (pod) => this.enqueueServicesOf(pod),
      onUpdate: (old, pod) => { for (const key of servicesToUpdateOnPodChange(this.serviceIndex, old, pod)) this.queue.add(key); },
      onDelete: (pod) => this.enqueueServicesOf(pod),
    });
    // A deleted Endpoints of a Service with a selector is made again; at start, leftovers are checked.
    this.endpoints.addHandler({ onDelete: (ep) => this.queue.add(keyOf(ep)) });
    for (const ep of this.endpoints.list()) {
      if (ep.metadata.annotations?.[leaderElectionAnnotation] === undefined) this.queue.add(keyOf(ep));
    }
  }

  private enqueueServicesOf(pod: KubeObject): void {
    for (const key of this.serviceIndex.servicesFor(pod.metadata.namespace ?? '', pod.metadata.labels)) this.queue.add(key);
  }

  sync(key: string): SyncResult {
    const { namespace, name } = splitKey(key);
    const service = this.services.get(key);
    if (!service) {
      // The Service is gone: so is its Endpoints.
      const response = this.env.api.handle({ method: 'DELETE', path: `${endpointsPath(namespace!)}/${name}` });
      if (response.status >= 300 && response.status !== 404) throw new Error(apiErrorText(response));
      this.triggerTimes.delete(namespace!, name);
      return;
    }
    if (serviceSpec(service).type === 'ExternalName') return;
    const selector = serviceSelector(service);
    if (!selector) return;
    const pods = this.podIndex.select(namespace!, selector);
    const triggerTime = this.triggerTimes.compute(service, pods);
    const subsets = subsetsFor(service, pods);
    const current = this.endpoints.get(key);
    const serviceLabels = service.metadata.labels ?? {};
    if (current) {
      const { [headlessLabel]: _headless, ...compareLabels } = current.metadata.labels ?? {};
      const count = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0);
      const capacityRight = count <= maxEndpointsCapacity && current.metadata.annotations?.[overCapacityAnnotation] === undefined;
      // Cheapest test first: over capacity there is a write anyway, and comparing 10,000 addresses is not cheap.
      if (capacityRight && sameLabels(compareLabels, serviceLabels) && sameSubsets(current.subsets, subsets)) return;
    }
    const annotations = { ...(current?.metadata.annotations ?? {}) };
    if (triggerTime !== undefined) annotations[lastChangeTriggerTimeAnnotation] = triggerTime;
    else delete annotations[lastChangeTriggerTimeAnnotation];
    if (truncateSubsets(subsets)) annotations[overCapacityAnnotation] = 'truncated';
    else delete annotations[overCapacityAnnotation];
    const labels: Record<string, string> = { ...serviceLabels };
    const clusterIP = serviceSpec(service).clusterIP;
    if (!clusterIP || clusterIP === 'None') labels[headlessLabel] = '';
    else delete labels[headlessLabel];
    const metadata: KubeObject['metadata'] = { ...(current?.metadata ?? { name }), labels: sortedLabels(labels), annotations: sortedLabels(annotations) };
    // Go leaves empty maps out of the JSON (omitempty).
    if (Object.keys(labels).length === 0) delete metadata.labels;
    if (Object.keys(annotations).length === 0) delete metadata.annotations;
    const body: KubeObject = { ...(current ?? {}), apiVersion: 'v1', kind: 'Endpoints', metadata, subsets: wireSubsets(subsets) };
    if (!body.subsets || (body.subsets as unknown[]).length === 0) delete body.subsets;
    const response = current
      ? this.env.api.handle({ method: 'PUT', path: `${endpointsPath(namespace!)}/${name}`, body })
      : this.env.api.handle({ method: 'POST', path: endpointsPath(namespace!), body });
    if (response.status < 300) return;
    const causes = (response.body as { details?: { causes?: { type?: string }[] } }).details?.causes ?? [];
    if (!current && response.status === 403 && causes.some((c) => c.type === 'NamespaceTerminating')) return;
    const error = apiErrorText(response);
    const involved = { ...body, metadata: { ...body.metadata, namespace } };
    if (current) this.recorder.event(involved, 'Warning', 'FailedToUpdateEndpoint', `Failed to update endpoint ${namespace}/${name}: ${error}`);
    else this.recorder.event(involved, 'Warning', 'FailedToCreateEndpoint', `Failed to create endpoint for service ${namespace}/${name}: ${error}`);
    throw new Error(error);
  }
}
