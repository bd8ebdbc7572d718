/**
 * The audit log: one record per API request, as an audit backend at level Metadata keeps it.
 * Lessons grade with it ("did the learner roll back?") and RBAC lessons show it; `lines()` reads it
 * as the API server's log file, one `audit.k8s.io/v1` Event per line (audit-event.ts).
 */
import type { AuthorizationAnnotations } from './authz/types.ts';
import type { Status } from './errors.ts';
import { auditLine, toAuditEvent, type AuditEvent } from './audit-event.ts';

/**
 * The failure fields of the Status a request was answered with, in the Go struct's order, as
 * `responseStatus` copies them (never for a success, which keeps only its code).
 */
export type AuditResponseStatus = Partial<Pick<Status, 'status' | 'message' | 'reason' | 'details'>>;

export interface AuditRecord {
  /** Virtual time of the request, RFC 3339 with microseconds. */
  time: string;
  /** The same instant in virtual ms since the epoch (what `since` compares). */
  at: number;
  /** Who made the request (the authenticated user). */
  user: string;
  groups: string[];
  /** Whom the request acted as, when it impersonated (`kubectl --as`). */
  impersonatedUser?: string;
  impersonatedGroups?: string[];
  /** Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection. */
  verb: string;
  group: string;
  version: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  requestURI: string;
  code: number;
  userAgent?: string;
  /** The answer's Status (reason `Forbidden`, its message…) when it was one: every failure. */
  responseStatus?: AuditResponseStatus;
  /** `authorization.k8s.io/decision` and `/reason`; absent when no authorizer ran (401, refused impersonation). */
  authorization?: AuthorizationAnnotations;
  /** Where the request came from (`sourceIPs`). */
  sourceIP?: string;
  /** `objectRef.uid` and `.resourceVersion`: the API server reads them from the object a create or update sends. */
  uid?: string;
  resourceVersion?: string;
  /** The record's position since the log began, set by `add`; the audit ID is derived from it. */
  seq?: number;
}

/** What `AuditLog.query` filters on. */
export type AuditQuery = Partial<Pick<AuditRecord, 'verb' | 'group' | 'resource' | 'subresource' | 'namespace' | 'name' | 'user' | 'impersonatedUser' | 'code'>> & {
  /** Virtual ms since the epoch: only records at or after it. */
  since?: number;
};

/** An audit log's contents as `AuditLog.snapshot` gives them. */
export interface AuditSnapshot {
  records: AuditRecord[];
  added: number;
}

/** A bounded audit log: a ring that drops the oldest records once it is full. */
export class AuditLog {
  private records: AuditRecord[] = [];
  /** Index of the oldest record once the ring has wrapped. */
  private start = 0;
  /** Records added since the log began (the next `seq`). */
  private added = 0;

  constructor(private readonly capacity = 50_000) {}

  /** Keep one record (numbering it), dropping the oldest once the log is full. */
  add(record: AuditRecord): void {
    record.seq = this.added++;
    if (this.records.length < this.capacity) {
      this.records.push(record);
      return;
    }
    this.records[this.start] = record;
    this.start = (this.start + 1) % this.capacity;
  }

  /**
   * Records, oldest first, optionally filtered: each given field must be equal, except `user`,
   * which matches the requester or the user it impersonated, and `since` (virtual ms), which keeps
   * the records at or after that instant.
   */
  query(filter: AuditQuery = {}): AuditRecord[] {
    const ordered = this.start ? [...this.records.slice(this.start), ...this.records.slice(0, this.start)] : this.records;
    const { user, since, ...fields } = filter;
    const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
    return ordered.filter((r) => (since === undefined || r.at >= since) &&
      (user === undefined || r.user === user || r.impersonatedUser === user) &&
      entries.every(([key, value]) => r[key as keyof AuditRecord] === value));
  }

  /** The matching records as `audit.k8s.io/v1` Events, oldest first. */
  events(filter: AuditQuery = {}): AuditEvent[] {
    return this.query(filter).map(toAuditEvent);
  }

  /**
   * The matching records as the log backend writes them (`--audit-log-path`, format json): one
   * Event's JSON per string, oldest first; join them with newlines for the file's text.
   */
  lines(filter: AuditQuery = {}): string[] {
    return this.query(filter).map((record) => auditLine(toAuditEvent(record)));
  }

  /** The records, oldest first, and how many were ever added: what `restore` needs to continue the log. */
  snapshot(): AuditSnapshot {
    return { records: this.query(), added: this.added };
  }

  /** Continue from a snapshot (of a log with the same capacity): records and numbering as they were. */
  restore(snapshot: AuditSnapshot): void {
    this.records = snapshot.records.slice(-this.capacity);
    this.start = 0;
    this.added = snapshot.added;
  }

  /** How many records the log holds now (at most its capacity). */
  get size(): number {
    return this.records.length;
  }
}
