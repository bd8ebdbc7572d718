/**
 * The EndpointSlice controller (pkg/controller/endpointslice): for every Service with a selector,
 * EndpointSlices listing the pods it selects. Handlers only enqueue Service keys — a pod event
 * only the Services that select it, and only when its readiness, IPs, deletion or labels changed;
 * `sync` reads the Service, its pods (from the label index) and its slices, and reconciles.
 */
import type { KubeObject } from '../../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { EventRecorder } from '../../runtime/events.ts';
import { keyOf, splitKey, type Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { serviceSpec, servicesToUpdateOnPodChange } from './pod-endpoint.ts';
import { reconcile, type Slice } from './reconciler.ts';
import { podIndexFor, serviceIndexFor, serviceSelector, type PodIndex, type ServiceIndex } from './selector-index.ts';
import { SliceIndex, serviceKeyOf } from './slice-index.ts';
import { aggregate, finalizeSlices } from './slice-writer.ts';
import { TriggerTimeTracker } from './trigger-time.ts';

/** The `endpointslice.kubernetes.io/managed-by` value of this controller's slices. */
export const endpointSliceControllerName = 'endpointslice-controller.k8s.io';

/** kube-controller-manager's `--max-endpoints-per-slice` default. */
export const defaultMaxEndpointsPerSlice = 100;

/** A slice changed by someone else is resynced after at least this long (`endpointSliceChangeMinSyncDelay`). */
const sliceChangeMinSyncDelay = 1_000;

export interface EndpointSliceControllerOptions {
  maxEndpointsPerSlice?: number;
}

export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private services!: Informer;
  private nodes!: Informer;
  private serviceIndex!: ServiceIndex;
  private podIndex!: PodIndex;
  private readonly slices = new SliceIndex(endpointSliceControllerName);
  private readonly triggerTimes = new TriggerTimeTracker();
  private recorder!: EventRecorder;
  private readonly maxEndpointsPerSlice: number;
  /** True while this controller writes slices: its own changes need no resync (upstream's tracker). */
  private writing = false;

  constructor(options: EndpointSliceControllerOptions = {}) {
    this.maxEndpointsPerSlice = options.maxEndpointsPerSlice ?? defaultMaxEndpointsPerSlice;
  }

  start(env: ControllerEnv): void {
    this.env = env;
    this.recorder = new EventRecorder(env.api, env.clock, { component: 'endpoint-slice-controller' });
    this.services = env.informer('/api/v1/services');
    this.nodes = env.informer('/api/v1/nodes');
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
    env.informer('/apis/discovery.k8s.io/v1/endpointslices').addHandler({
      onAdd: (slice) => { this.slices.upsert(undefined, slice); this.onSliceChange(slice); },
      onUpdate: (old, slice) => {
        this.slices.upsert(old, slice);
        if (serviceKeyOf(old) !== serviceKeyOf(slice)) { this.onSliceChange(old, true); this.onSliceChange(slice, true); }
        else if (this.slices.manages(old) !== this.slices.manages(slice)) this.onSliceChange(slice, true);
        else this.onSliceChange(slice);
      },
      onDelete: (slice) => { this.slices.remove(slice); this.onSliceChange(slice); },
    });
  }

  private enqueueServicesOf(pod: KubeObject): void {
    for (const key of this.serviceIndex.servicesFor(pod.metadata.namespace ?? '', pod.metadata.labels)) this.queue.add(key);
  }

  /** Someone else changed one of our slices (or took it over): look again after the minimum delay. */
  private onSliceChange(slice: KubeObject, always = false): void {
    if (this.writing || (!always && !this.slices.manages(slice))) return;
    const key = serviceKeyOf(slice);
    if (key) this.queue.addAt(key, this.env.clock.now() + sliceChangeMinSyncDelay);
  }

  sync(key: string): SyncResult {
    const { namespace, name } = splitKey(key);
    const service = this.services.get(key);
    if (!service) {
      this.triggerTimes.delete(namespace!, name);
      return;
    }
    // ExternalName Services get no endpoints; Services without a selector get theirs from users (and mirroring).
    if (serviceSpec(service).type === 'ExternalName') return;
    const selector = serviceSelector(service);
    if (!selector) return;
    const pods = this.podIndex.select(namespace!, selector);
    const existing = this.slices.slicesFor(key);
    const triggerTime = this.triggerTimes.compute(service, pods);
    const plan = reconcile({
      service, pods, existing,
      node: (nodeName) => (nodeName ? this.nodes.get(nodeName) : undefined),
      maxEndpointsPerSlice: this.maxEndpointsPerSlice,
      controllerName: endpointSliceControllerName,
    });
    const errors = [...plan.errors];
    this.writing = true;
    try {
      finalizeSlices(this.env.api, {
        kind: 'Service', object: service, triggerTime,
        owns: (slice: Slice) => (slice.metadata.ownerReferences ?? []).some((ref) => ref.uid === service.metadata.uid && ref.kind === 'Service' && ref.apiVersion === 'v1'),
      }, plan.create, plan.update, plan.delete);
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    } finally {
      this.writing = false;
    }
    if (errors.length > 0) {
      const message = aggregate(errors);
      this.recorder.event(service, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${namespace}/${name}: ${message}`);
      throw new Error(message);
    }
  }
}
