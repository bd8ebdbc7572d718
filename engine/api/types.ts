/**
 * The shapes every part of the API server shares. Objects arrive from YAML written by people, so
 * their fields are `unknown` until validation has looked at them; this is the edge where `any`-like
 * looseness is allowed (STYLE.md).
 */

/** Object metadata as the API server stores it. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
  [key: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: 'Apply' | 'Update';
  apiVersion?: string;
  time?: string;
  fieldsType?: 'FieldsV1';
  fieldsV1?: Record<string, unknown>;
  subresource?: string;
}

/** Any Kubernetes object. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** A JSON value as it came from the wire. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Who is making a request (authentication is simulated: the adapter says who). */
export interface UserInfo {
  username: string;
  groups: string[];
}

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

/** One request to the API server, as the HTTP adapter, the kubectl emulator or the lab makes it. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** URL path, e.g. `/apis/apps/v1/namespaces/default/deployments/web/scale`. */
  path: string;
  query?: Record<string, string>;
  /** Header names in lower case. `content-type` chooses the patch type; `accept` asks for a Table. */
  headers?: Record<string, string>;
  /** Decoded JSON body (the HTTP adapter decodes JSON, YAML-as-JSON and protobuf before calling). */
  body?: unknown;
  user?: UserInfo;
}

/** A watch event as the API server sends it. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: unknown;
}

/** An open watch: the client gives a callback, and closes it when the connection goes away. */
export interface WatchStream {
  /** Start receiving events; replayed history is delivered synchronously from inside this call. */
  start(onEvent: (event: WatchEvent) => void, onEnd: () => void): void;
  close(): void;
}

/** An open stream of text, e.g. `logs -f`. */
export interface TextStream {
  start(onData: (chunk: string) => void, onEnd: () => void): void;
  close(): void;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  /** `Warning: 299 - "…"` headers: unknown fields under fieldValidation=Warn, deprecations. */
  warnings?: string[];
  /** A JSON object, or a string for text/plain answers (logs). */
  body?: unknown;
  watch?: WatchStream;
  stream?: TextStream;
}
