/**
 * The audit log: one record per API request, as an audit backend at level Metadata keeps it.
 * Lessons grade with it ("did the learner roll back?") and RBAC lessons show it.
 */

export interface AuditRecord {
  /** Virtual time of the request, RFC 3339 with microseconds. */
  time: string;
  user: string;
  groups: string[];
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

/** A bounded audit log: the oldest records go first once it is full. */
export class AuditLog {
  private records: AuditRecord[] = [];

  constructor(private readonly capacity = 50_000) {}

  add(record: AuditRecord): void {
    this.records.push(record);
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
  }

  /** Records, oldest first, optionally filtered. */
  query(filter: Partial<Pick<AuditRecord, 'verb' | 'resource' | 'namespace' | 'name' | 'user' | 'subresource'>> = {}): AuditRecord[] {
    return this.records.filter((r) =>
      Object.entries(filter).every(([key, value]) => value === undefined || r[key as keyof AuditRecord] === value),
    );
  }
}
