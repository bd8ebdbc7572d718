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

  /** Records, oldest first, optionally filtered. */
  query(filter: Partial<Pick<AuditRecord, 'verb' | 'resource' | 'namespace' | 'name' | 'user' | 'subresource'>> = {}): AuditRecord[] {
    const ordered = this.start ? [...this.records.slice(this.start), ...this.records.slice(0, this.start)] : this.records;
    const entries = Object.entries(filter).filter(([, value]) => value !== undefined);
    return ordered.filter((r) => entries.every(([key, value]) => r[key as keyof AuditRecord] === value));
  }
}
