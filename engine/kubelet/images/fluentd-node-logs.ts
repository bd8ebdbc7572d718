/**
 * The container logs of one node as a log shipper on that node sees them: what Fluentd's in_tail
 * reads from `/var/log/containers/POD_NAMESPACE_CONTAINER-ID.log`. The kubelet registers each
 * container instance's log when it starts it; a reader keeps a cursor per log (Fluentd's pos_file,
 * on the host, so it survives a Fluentd restart), and each read costs only the containers on the
 * node plus the new lines. A stopped container's log is dropped once every reader has read it all.
 */
import type { KubeObject } from '../../api/types.ts';
import type { ContainerLog, LogLine } from '../logs.ts';

/** One log line with the names Fluentd's kubernetes_metadata filter adds. */
export interface NodeLogEntry extends LogLine {
  /** The node's name (`kubernetes.host`). */
  host: string;
  pod: { name: string; namespace: string; uid: string; labels: Record<string, string> };
  container: { name: string; id: string; image: string };
}

interface Tracked {
  log: ContainerLog;
  pod: NodeLogEntry['pod'];
  container: NodeLogEntry['container'];
}

/** A reader's place in one log: how many lines it consumed and the last one (to survive rotation). */
interface Cursor {
  read: number;
  last?: LogLine;
}

/** Every container log on a node, with the cursors of its readers. */
export class NodeLogBook {
  private readonly tracked: Tracked[] = [];
  private readonly cursors = new Map<string, Map<ContainerLog, Cursor>>();

  constructor(readonly host: string) {}

  /** The kubelet started a container: its log becomes readable. */
  add(pod: KubeObject, container: string, image: string, log: ContainerLog): void {
    this.tracked.push({
      log,
      pod: { name: pod.metadata.name ?? '', namespace: pod.metadata.namespace ?? '', uid: pod.metadata.uid ?? '', labels: { ...(pod.metadata.labels ?? {}) } },
      container: { name: container, id: log.containerId.replace(/^[a-z]+:\/\//, ''), image },
    });
    // With no reader on the node yet, logs of stopped containers need not be kept for one.
    if (!this.cursors.size) this.forgetFinished();
  }

  /** The lines `reader` has not read yet, oldest first per container. */
  read(reader: string): NodeLogEntry[] {
    let cursors = this.cursors.get(reader);
    if (!cursors) this.cursors.set(reader, (cursors = new Map()));
    const out: NodeLogEntry[] = [];
    for (const t of this.tracked) {
      const cursor = cursors.get(t.log) ?? { read: 0 };
      const lines = t.log.lines;
      let start = cursor.read;
      // Rotation dropped old lines (ContainerLog keeps the newest 10,000): find our last line again.
      if (cursor.last && lines[start - 1] !== cursor.last) start = lines.lastIndexOf(cursor.last) + 1;
      for (let i = start; i < lines.length; i++) out.push({ ...lines[i], host: this.host, pod: t.pod, container: t.container });
      cursors.set(t.log, { read: lines.length, last: lines[lines.length - 1] });
    }
    this.forgetFinished();
    return out;
  }

  /** Stopped containers whose every line every reader has consumed are gone from /var/log/containers. */
  private forgetFinished(): void {
    for (let i = this.tracked.length - 1; i >= 0; i--) {
      const t = this.tracked[i];
      if (!t.log.closed) continue;
      const done = [...this.cursors.values()].every((c) => (c.get(t.log)?.read ?? 0) >= t.log.lines.length);
      if (!done) continue;
      this.tracked.splice(i, 1);
      for (const c of this.cursors.values()) c.delete(t.log);
    }
  }
}

const books = new WeakMap<object, NodeLogBook>();

/** The log book of a node, keyed by the kubelet's state object for that node (one per cluster). */
export function nodeLogBook(node: { name: string }): NodeLogBook {
  let book = books.get(node);
  if (!book) books.set(node, (book = new NodeLogBook(node.name)));
  return book;
}
