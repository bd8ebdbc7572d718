/**
 * An audit record as the API server's log backend writes it: an `audit.k8s.io/v1` Event at level
 * Metadata and stage ResponseComplete, one JSON object per line (`--audit-log-format=json`), with
 * the keys in the Go struct's order and Go's HTML-safe escaping (`?limit=500\u0026watch=true`).
 * Field names and order: staging/src/k8s.io/apiserver/pkg/apis/audit/v1/types.go.
 */
import { Random } from '../clock.ts';
import type { AuditRecord, AuditResponseStatus } from './audit.ts';

/** authentication.k8s.io/v1 UserInfo as the event carries it (`user`, `impersonatedUser`). */
export interface AuditUserInfo {
  username?: string;
  groups?: string[];
}

/** What the request was about: `objectRef` (resource, namespace, name, uid, apiGroup, apiVersion, resourceVersion, subresource). */
export interface AuditObjectReference {
  resource?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiGroup?: string;
  apiVersion?: string;
  resourceVersion?: string;
  subresource?: string;
}

/** `responseStatus`: the code alone for a success, the Status's failure fields too for a failure. */
export interface AuditEventStatus extends AuditResponseStatus {
  metadata: Record<string, never>;
  code: number;
}

/** One `audit.k8s.io/v1` Event, keys in the order the log backend writes them. */
export interface AuditEvent {
  kind: 'Event';
  apiVersion: 'audit.k8s.io/v1';
  level: 'Metadata';
  auditID: string;
  stage: 'ResponseComplete';
  requestURI: string;
  verb: string;
  user: AuditUserInfo;
  impersonatedUser?: AuditUserInfo;
  sourceIPs?: string[];
  userAgent?: string;
  objectRef?: AuditObjectReference;
  responseStatus: AuditEventStatus;
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  /** `authorization.k8s.io/decision` and `authorization.k8s.io/reason`, sorted as Go writes a map. */
  annotations?: Record<string, string>;
}

/** The annotation keys the authorization filter sets (endpoints/filters/authorization.go). */
export const decisionAnnotation = 'authorization.k8s.io/decision';
export const reasonAnnotation = 'authorization.k8s.io/reason';

/**
 * The audit ID of the n-th request: a version-4 UUID, as the API server generates one per request
 * (it takes the client's `Audit-ID` header when there is one). Derived from the position rather than
 * drawn from the cluster's random stream, so recording it changes no pod names or UIDs, and only
 * computed when an event is read.
 */
export function auditIdOf(seq: number): string {
  return new Random(Math.imul(seq + 1, 0x9e3779b1) ^ 0x41554449).uuid();
}

function userInfo(username: string, groups: string[]): AuditUserInfo {
  return groups.length ? { username, groups } : { username };
}

/** `objectRef`: a namespace object is in itself, as the RequestInfoFactory reads `/api/v1/namespaces/dev`. */
function objectRef(record: AuditRecord): AuditObjectReference {
  const namespace = record.namespace ?? (record.group === '' && record.resource === 'namespaces' && record.name ? record.name : undefined);
  const ref: AuditObjectReference = { resource: record.resource };
  if (namespace) ref.namespace = namespace;
  if (record.name) ref.name = record.name;
  if (record.uid) ref.uid = record.uid;
  if (record.group) ref.apiGroup = record.group;
  if (record.version) ref.apiVersion = record.version;
  if (record.resourceVersion) ref.resourceVersion = record.resourceVersion;
  if (record.subresource) ref.subresource = record.subresource;
  return ref;
}

/** The Event for one record. */
export function toAuditEvent(record: AuditRecord): AuditEvent {
  const authorization = record.authorization;
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: auditIdOf(record.seq ?? 0),
    stage: 'ResponseComplete',
    requestURI: record.requestURI,
    verb: record.verb,
    // A request that failed authentication has no user: the event says `"user":{}`.
    user: record.code === 401 ? {} : userInfo(record.user, record.groups),
    ...(record.impersonatedUser !== undefined ? { impersonatedUser: userInfo(record.impersonatedUser, record.impersonatedGroups ?? []) } : {}),
    ...(record.sourceIP ? { sourceIPs: [record.sourceIP] } : {}),
    ...(record.userAgent ? { userAgent: record.userAgent } : {}),
    objectRef: objectRef(record),
    responseStatus: { metadata: {}, ...record.responseStatus, code: record.code },
    requestReceivedTimestamp: record.time,
    stageTimestamp: record.time,
    ...(authorization ? { annotations: { [decisionAnnotation]: authorization.decision, [reasonAnnotation]: authorization.reason } } : {}),
  };
}

const goEscapes: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * One line of the audit log file, without its newline: encoding/json's output, which escapes `<`,
 * `>`, `&`, U+2028 and U+2029 (outside strings JSON has none of them, so escaping the whole text is safe).
 */
export function auditLine(event: AuditEvent): string {
  return JSON.stringify(event).replace(/[<>&\u2028\u2029]/g, (c) => goEscapes[c]);
}
