/**
 * The audit log: one record per API request, as an audit backend at level Metadata keeps it.
 * Lessons grade with it ("did the learner roll back?") and RBAC lessons show it.
 */

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
}

/** What `AuditLog.query` filters on. */
export type AuditQuery = Partial<Pick<AuditRecord, 'verb' | 'group' | 'resource' | 'subresource' | 'namespace' | 'name' | 'user' | 'impersonatedUser' | 'code'>> & {
  /** Virtual ms since the epoch: only records at or after it. */
  since?: number;
};

/** A bounded audit log: a ring that drops the oldest records once it is full. */
export class AuditLog {
  private records: AuditRecord[] = [];
  /** Index of the oldest record once the ring has wrapped. */
  private start = 0;

  constructor(private readonly capacity = 50_000) {}

  add(record: AuditRecord): void {
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

  /** How many records the log holds now (at most its capacity). */
  get size(): number {
    return this.records.length;
  }
}
