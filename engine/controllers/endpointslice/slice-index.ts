/**
 * EndpointSlices by `namespace/service` for one managing controller: what the controllers' lister
 * query `kubernetes.io/service-name=<svc>,endpointslice.kubernetes.io/managed-by=<controller>`
 * returns, without listing every slice per sync.
 */
import type { KubeObject } from '../../api/types.ts';
import { managedByLabel, serviceNameLabel, type Slice } from './reconciler.ts';

/** `namespace/service` of a slice, from its service-name label; undefined without one. */
export function serviceKeyOf(slice: KubeObject): string | undefined {
  const service = slice.metadata.labels?.[serviceNameLabel];
  return service ? `${slice.metadata.namespace}/${service}` : undefined;
}

/** Slices managed by `managedBy`, grouped by Service, in the order they were first seen. */
export class SliceIndex {
  private byService = new Map<string, Map<string, Slice>>();

  constructor(private readonly managedBy: string) {}

  /** Whether `managedBy` manages this slice. */
  manages(slice: KubeObject): boolean {
    return slice.metadata.labels?.[managedByLabel] === this.managedBy;
  }

  upsert(old: KubeObject | undefined, slice: KubeObject): void {
    if (old && (serviceKeyOf(old) !== serviceKeyOf(slice) || !this.manages(slice))) this.remove(old);
    const key = serviceKeyOf(slice);
    if (!key || !this.manages(slice)) return;
    let slices = this.byService.get(key);
    if (!slices) this.byService.set(key, (slices = new Map()));
    slices.set(slice.metadata.name!, slice as Slice);
  }

  remove(slice: KubeObject): void {
    const key = serviceKeyOf(slice);
    if (!key) return;
    const slices = this.byService.get(key);
    slices?.delete(slice.metadata.name!);
    if (slices?.size === 0) this.byService.delete(key);
  }

  /** The Service's slices that are not being deleted (`dropEndpointSlicesPendingDeletion`). */
  slicesFor(serviceKey: string): Slice[] {
    return [...(this.byService.get(serviceKey)?.values() ?? [])].filter((slice) => !slice.metadata.deletionTimestamp);
  }
}
