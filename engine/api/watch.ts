/**
 * Watches: a replay of the changes after the requested resourceVersion, then every new change,
 * filtered by namespace and selectors. An object that stops matching a selector is delivered as
 * DELETED to that watcher, one that starts matching as ADDED, as the API server does.
 */
import type { ApiContext } from './context.ts';
import { storageKey } from './context.ts';
import { statusErrors } from './errors.ts';
import type { Call } from './handlers/common.ts';
import { present } from './handlers/common.ts';
import { objectMatcher, printerFor, tableFor, wantsTable } from './pipeline.ts';
import type { ResourceInfo } from './registry.ts';
import type { Change } from './store.ts';
import type { KubeObject, WatchEvent, WatchStream } from './types.ts';

/** How often (virtual ms) a watch that allows bookmarks gets one. */
export const bookmarkInterval = 60_000;

/** An open watch that the API server can send bookmarks to. */
export interface OpenWatch {
  allowBookmarks: boolean;
  lastBookmark: number;
  bookmark(resourceVersion: string): void;
}

/** The last object presented to a watcher, reused for the next watchers of the same change. */
let lastPresented: { info: ResourceInfo; stored: KubeObject; presented: KubeObject } | undefined;

/**
 * `present` once per change and version, not once per watcher: a write to a pod reaches every
 * informer on pods, one after another, and each gets the same (never changed) object, as the
 * API server's watch cache encodes an event once for all watchers.
 */
function presentShared(info: ResourceInfo, stored: KubeObject): KubeObject {
  if (lastPresented?.stored === stored && lastPresented.info === info) return lastPresented.presented;
  const presented = present(info, stored);
  lastPresented = { info, stored, presented };
  return presented;
}

export function openWatch(ctx: ApiContext & { watches?: Set<OpenWatch> }, call: Call): WatchStream {
  const key = storageKey(call.info);
  const matches = objectMatcher(call, ctx);
  const table = wantsTable(call.headers);
  const requested = call.query.resourceVersion;
  let unsubscribe: (() => void) | undefined;
  let emit: ((event: WatchEvent) => void) | undefined;
  let closed = false;

  const inScope = (object: KubeObject): boolean =>
    (call.namespace === undefined || object.metadata.namespace === call.namespace) && matches(object);

  const wrap = (object: KubeObject): unknown => {
    const presented = presentShared(call.info, object);
    return table ? tableFor(call, [presented], presented.metadata.resourceVersion ?? '', ctx.clock.now(), undefined, printerFor(ctx, call)) : presented;
  };

  const deliver = (change: Change): void => {
    if (change.storageKey !== key || !emit) return;
    const now = inScope(change.object);
    const before = change.previous ? inScope(change.previous) : false;
    if (change.type === 'ADDED' && now) emit({ type: 'ADDED', object: wrap(change.object) });
    else if (change.type === 'DELETED' && before) emit({ type: 'DELETED', object: wrap(change.object) });
    else if (change.type === 'MODIFIED') {
      if (now && before) emit({ type: 'MODIFIED', object: wrap(change.object) });
      else if (now) emit({ type: 'ADDED', object: wrap(change.object) });
      else if (before) emit({ type: 'DELETED', object: wrap(change.object) });
    }
  };

  const open: OpenWatch = {
    allowBookmarks: call.query.allowWatchBookmarks === 'true',
    lastBookmark: ctx.clock.now(),
    bookmark(resourceVersion) {
      if (!emit) return;
      this.lastBookmark = ctx.clock.now();
      const { apiVersion, kind } = present(call.info, { metadata: {} });
      emit({ type: 'BOOKMARK', object: { kind, apiVersion, metadata: { resourceVersion } } });
    },
  };

  return {
    start(onEvent, onEnd) {
      if (closed) return;
      emit = onEvent;
      if (!requested || requested === '0') {
        // "Start at most recent" / "start at any": the current state as synthetic ADDED events.
        for (const object of ctx.store.list(key, call.namespace)) {
          if (matches(object)) onEvent({ type: 'ADDED', object: wrap(object) });
        }
      } else {
        const since = ctx.store.changesSince(Number(requested));
        if (!since) {
          const current = ctx.store.resourceVersion();
          onEvent({ type: 'ERROR', object: statusErrors.gone(`too old resource version: ${requested} (${current})`) });
          onEnd();
          return;
        }
        for (const change of since) deliver(change);
      }
      unsubscribe = ctx.store.subscribe(deliver);
      ctx.watches?.add(open);
    },
    close() {
      closed = true;
      emit = undefined;
      unsubscribe?.();
      ctx.watches?.delete(open);
    },
  };
}
