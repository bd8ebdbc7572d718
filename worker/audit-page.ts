/**
 * The audit view's page of the audit log: the newest records that match the view's filters,
 * bounded, flattened to what an engineer reads in an audit log (time, user, verb, resource,
 * response code), with the answer's Status message beside a failure, the authorization
 * decision and its reason, and the record as the API server's log file has it.
 */
import type { AuditLog, AuditRecord } from '../engine/api/audit.ts';
import { auditLine, toAuditEvent } from '../engine/api/audit-event.ts';
import type { AuditEntry, AuditPage, AuditPageQuery } from './protocol.ts';

/** Rows a page holds unless the view asks for fewer; at most `maxLimit`. */
export const defaultAuditLimit = 100;
const maxLimit = 500;

/** One record as the view lists it: the failure's message and the decision come from the record, as the API server wrote them. */
export function auditEntry(record: AuditRecord): AuditEntry {
  const message = record.code >= 400 ? record.responseStatus?.message : undefined;
  return {
    time: record.time,
    user: record.user,
    ...(record.impersonatedUser !== undefined ? { impersonatedUser: record.impersonatedUser } : {}),
    verb: record.verb,
    group: record.group,
    resource: record.resource,
    ...(record.subresource ? { subresource: record.subresource } : {}),
    ...(record.namespace ? { namespace: record.namespace } : {}),
    ...(record.name ? { name: record.name } : {}),
    requestURI: record.requestURI,
    code: record.code,
    ...(message ? { reason: message } : {}),
    ...(record.authorization ? { decision: record.authorization.decision, authorizationReason: record.authorization.reason } : {}),
    line: auditLine(toAuditEvent(record)),
  };
}

const isSystem = (user: string | undefined): boolean => user?.startsWith('system:') ?? false;

/**
 * The newest `limit` records that match, newest first. One pass over the log (the worker's time,
 * never the page's); only the page crosses to the page, never the whole log.
 */
export function auditPage(log: AuditLog, query: AuditPageQuery): AuditPage {
  const limit = Math.min(maxLimit, Math.max(1, Math.floor(query.limit ?? defaultAuditLimit)));
  const users = new Set<string>();
  const matching: AuditRecord[] = [];
  for (const record of log.query()) {
    users.add(record.user);
    if (record.impersonatedUser !== undefined) users.add(record.impersonatedUser);
    if (query.verb && record.verb !== query.verb) continue;
    // As `cluster.audit.query({user})`: the requester or the user it acted as.
    if (query.user && record.user !== query.user && record.impersonatedUser !== query.user) continue;
    if (query.hideSystem && isSystem(record.user) && (record.impersonatedUser === undefined || isSystem(record.impersonatedUser))) continue;
    matching.push(record);
  }
  const entries = matching.slice(-limit).reverse().map(auditEntry);
  return { entries, matched: matching.length, users: [...users].sort() };
}
