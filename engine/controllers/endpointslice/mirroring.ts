/**
 * The EndpointSlice mirroring controller (pkg/controller/endpointslicemirroring): Endpoints that
 * users write for a Service without a selector are copied into EndpointSlices managed by
 * `endpointslicemirroring-controller.k8s.io`, so that everything reading slices (kube-proxy,
 * CoreDNS) sees them. Endpoints labelled `endpointslice.kubernetes.io/skip-mirror: "true"` (the
 * API server's own `kubernetes`) and leader-election records are not mirrored.
 */
import type { KubeObject } from '../../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { EventRecorder } from '../../runtime/events.ts';
import { keyOf, splitKey, type Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { skipMirrorLabel } from './apiserver-endpoints.ts';
import { mirroringControllerName, reconcileMirror } from './mirroring-reconciler.ts';
import { serviceSelector } from './selector-index.ts';
import { SliceIndex, serviceKeyOf } from './slice-index.ts';
import { aggregate, apiErrorText, finalizeSlices } from './slice-writer.ts';

/** Whether these Endpoints are mirrored at all (`shouldMirror`). */
export function shouldMirror(endpoints: KubeObject | undefined): boolean {
  if (!endpoints) return false;
  if (endpoints.metadata.labels?.[skipMirrorLabel] === 'true') return false;
  return endpoints.metadata.annotations?.['control-plane.alpha.kubernetes.io/leader'] === undefined;
}

export class EndpointSliceMirroringController implements Controller {
  readonly name = 'endpointslicemirroring-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private services!: Informer;
  private endpoints!: Informer;
  private readonly slices = new SliceIndex(mirroringControllerName);
  private recorder!: EventRecorder;
  private writing = false;

  start(env: ControllerEnv): void {
    this.env = env;
    this.recorder = new EventRecorder(env.api, env.clock, { component: 'endpoint-slice-mirroring-controller' });
    this.services = env.informer('/api/v1/services');
    this.endpoints = env.informer('/api/v1/endpoints');
    this.services.addHandler({
      onAdd: (svc) => { if (!serviceSelector(svc)) this.queue.add(keyOf(svc)); },
      // Only a selector appearing or going away changes whether the Endpoints are mirrored.
      onUpdate: (old, svc) => { if (!serviceSelector(old) !== !serviceSelector(svc)) this.queue.add(keyOf(svc)); },
      onDelete: (svc) => this.queue.add(keyOf(svc)),
    });
    this.endpoints.addHandler({
      onAdd: (ep) => { if (shouldMirror(ep)) this.queue.add(keyOf(ep)); },
      onUpdate: (old, ep) => { if (shouldMirror(old) || shouldMirror(ep)) this.queue.add(keyOf(ep)); },
      onDelete: (ep) => this.queue.add(keyOf(ep)),
    });
    env.informer('/apis/discovery.k8s.io/v1/endpointslices').addHandler({
      onAdd: (slice) => { this.slices.upsert(undefined, slice); this.onSliceChange(slice); },
      onUpdate: (old, slice) => { this.slices.upsert(old, slice); this.onSliceChange(old); this.onSliceChange(slice); },
      onDelete: (slice) => { this.slices.remove(slice); this.onSliceChange(slice); },
    });
  }

  private onSliceChange(slice: KubeObject): void {
    if (this.writing || !this.slices.manages(slice)) return;
    const key = serviceKeyOf(slice);
    if (key) this.queue.add(key);
  }

  sync(key: string): SyncResult {
    const service = this.services.get(key);
    const endpoints = this.endpoints.get(key);
    if (!service || serviceSelector(service) || !shouldMirror(endpoints)) return this.deleteMirroredSlices(key);
    const result = reconcileMirror(endpoints!, this.slices.slicesFor(key));
    for (const [reason, message] of result.events) this.recorder.event(endpoints!, 'Warning', reason, message);
    this.writing = true;
    try {
      finalizeSlices(this.env.api, { kind: 'Endpoints', object: endpoints!, triggerTime: null, owns: () => true }, result.create, result.update, result.delete);
    } finally {
      this.writing = false;
    }
  }

  /** No Service, a Service with a selector, or no mirrorable Endpoints: the mirrored slices go. */
  private deleteMirroredSlices(key: string): void {
    const slices = this.slices.slicesFor(key);
    const { namespace, name } = splitKey(key);
    const errors: string[] = [];
    this.writing = true;
    try {
      for (const slice of slices) {
        const response = this.env.api.handle({ method: 'DELETE', path: `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices/${slice.metadata.name}` });
        if (response.status >= 300 && response.status !== 404) errors.push(apiErrorText(response));
      }
    } finally {
      this.writing = false;
    }
    if (errors.length > 0) throw new Error(`Error(s) deleting ${errors.length}/${slices.length} EndpointSlices for ${namespace}/${name} Endpoints, including: ${aggregate(errors.slice(0, 1))}`);
  }
}
