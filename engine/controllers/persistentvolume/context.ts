/**
 * What the PV controller's sync functions share: its writer, its listers (informer caches, never
 * mutated) and a way to enqueue a claim, so claim-sync.ts and volume-sync.ts stay plain functions.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { VolumeWriter } from './binding.ts';
import type { PodsByClaim } from './pod-index.ts';

/** The PV controller's view of the cluster and its hands. */
export interface BinderContext {
  writer: VolumeWriter;
  claim(key: string): PersistentVolumeClaim | undefined;
  volume(name: string): PersistentVolume | undefined;
  volumes(): Iterable<PersistentVolume>;
  storageClass(name: string): StorageClass | undefined;
  /** The default StorageClass, if exactly the newest marked one (GetDefaultClass). */
  defaultClass(): StorageClass | undefined;
  podsByClaim: PodsByClaim;
  enqueueClaim(key: string): void;
}
