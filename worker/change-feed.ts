/**
 * The cluster view's feed: watches of nodes, pods and namespaces opened through the API's front
 * door (as `kubelab serve` streams them to kubectl), squashed to the latest object per key until
 * the page takes a batch. Many changes to one pod between two frames become one entry.
 */
import type { KubeObject, WatchEvent, WatchStream } from '../engine/api/types.ts';
import type { Cluster } from '../engine/cluster.ts';
import type { ObjectSummary } from './protocol.ts';
import { summarize, summaryKey } from './summaries.ts';

/** The collections the cluster view watches. */
const watchedPaths = ['/api/v1/nodes', '/api/v1/pods', '/api/v1/namespaces'];

/** Squashed changes: `changed` objects (latest per key) and `removed` keys. */
export interface SquashedChanges {
  reset: boolean;
  changed: ObjectSummary[];
  removed: string[];
}

export class ChangeFeed {
  private watches: WatchStream[] = [];
  /** Latest object per key since the last take; `null` means it was deleted. */
  private pending = new Map<string, KubeObject | null>();
  private reset = true;
  private onChange: (() => void) | undefined;

  /** `onChange` runs after every change (the caller decides how often to pass that on). */
  constructor(cluster: Cluster, onChange?: () => void) {
    this.onChange = onChange;
    this.attach(cluster);
  }

  /** Follow a new cluster (after a reset): the next batch replaces everything the page holds. */
  attach(cluster: Cluster): void {
    for (const watch of this.watches) watch.close();
    this.watches = [];
    this.pending.clear();
    this.reset = true;
    for (const path of watchedPaths) {
      const response = cluster.handle({ method: 'GET', path, query: { watch: 'true', allowWatchBookmarks: 'false' } });
      if (!response.watch) throw new Error(`watch ${path}: status ${response.status}`);
      this.watches.push(response.watch);
      // Without a resourceVersion the watch starts with the current objects as ADDED events.
      response.watch.start((event) => this.record(event), () => undefined);
    }
  }

  private record(event: WatchEvent): void {
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED') return;
    const object = event.object as KubeObject;
    const key = summaryKey(object.kind ?? '', object.metadata.namespace, object.metadata.name ?? '');
    this.pending.set(key, event.type === 'DELETED' ? null : object);
    this.onChange?.();
  }

  /** Whether a batch is waiting. */
  get dirty(): boolean {
    return this.reset || this.pending.size > 0;
  }

  /** The changes since the last take, summarised; clears them. */
  take(): SquashedChanges {
    const changed: ObjectSummary[] = [];
    const removed: string[] = [];
    for (const [key, object] of this.pending) {
      if (object) changed.push(summarize(object));
      else removed.push(key);
    }
    const batch = { reset: this.reset, changed, removed };
    this.pending.clear();
    this.reset = false;
    return batch;
  }

  /** Stop watching. */
  close(): void {
    for (const watch of this.watches) watch.close();
    this.watches = [];
  }
}
