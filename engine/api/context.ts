/**
 * What every request handler can reach: the store, the registry, time, randomness, and the
 * extension points later parts of the engine plug into (admission, subresource providers).
 */
import type { Clock, Random } from '../clock.ts';
import type { AuditLog } from './audit.ts';
import type { Registry, ResourceInfo } from './registry.ts';
import type { Store } from './store.ts';
import type { ApiResponse, KubeObject, UserInfo } from './types.ts';
import type { ResourceRequest } from './request-info.ts';

/** A mutating or validating step run on writes after defaulting, like an admission plugin. */
export interface AdmissionPlugin {
  name: string;
  /** Change the object (mutating admission). Return field errors or a Status by throwing StatusError. */
  admit?(attributes: AdmissionAttributes): void;
}

export interface AdmissionAttributes {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  info: ResourceInfo;
  object: KubeObject;
  old?: KubeObject;
  subresource?: string;
  user: UserInfo;
  dryRun: boolean;
}

/** Serves a subresource the store alone cannot (pods/log, pods/exec …): registered by the kubelet layer. */
export type SubresourceProvider = (request: ResourceRequest & { query: Record<string, string>; body?: unknown; user: UserInfo; object: KubeObject }) => ApiResponse;

export interface ApiContext {
  store: Store;
  registry: Registry;
  clock: Clock;
  /** Allocations: Service IPs and node ports. */
  random: Random;
  /**
   * Names from generateName (and the token volume suffix) and object UIDs come from streams of
   * their own, so that a change in how many UIDs something else takes does not rename pods.
   */
  names: Random;
  uids: Random;
  audit: AuditLog;
  admission: AdmissionPlugin[];
  subresources: Map<string, SubresourceProvider>;
}

/** The storage key shared by every version of a resource: `apps/deployments`, `/pods`. */
export function storageKey(info: { group: string; resource: string }): string {
  // events.k8s.io/v1 Events are a view of core v1 Events, stored once.
  if (info.group === 'events.k8s.io' && info.resource === 'events') return '/events';
  return `${info.group}/${info.resource}`;
}
