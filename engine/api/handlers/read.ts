/**
 * get, list and watch. Lists honour label and field selectors, `limit`/`continue` and the
 * resourceVersion semantics of the real API server; `Accept: …;as=Table` answers a Table.
 */
import type { ApiContext } from '../context.ts';
import { storageKey } from '../context.ts';
import { statusErrors } from '../errors.ts';
import { objectMatcher, printerFor, tableFor, wantsTable } from '../pipeline.ts';
import type { ApiResponse, KubeObject } from '../types.ts';
import { openWatch } from '../watch.ts';
import type { Call } from './common.ts';
import { fail, json, present, target } from './common.ts';

export function get(ctx: ApiContext, call: Call): ApiResponse {
  const stored = ctx.store.get(storageKey(call.info), call.namespace, call.name!);
  if (!stored) fail(statusErrors.notFound(target(call)));
  const object = present(call.info, stored);
  if (wantsTable(call.headers)) return json(200, tableFor(call, [object], String(ctx.store.resourceVersion()), ctx.clock.now(), undefined, printerFor(ctx, call)));
  return json(200, object);
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(atob(token)) as ContinueToken;
    if (typeof parsed.rv === 'number' && typeof parsed.start === 'string') return parsed;
  } catch {
    // fall through to the error below
  }
  return fail(statusErrors.badRequest('invalid continue token'));
}

function encodeContinue(rv: number, start: string): string {
  return btoa(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start }));
}

function keyOf(object: KubeObject): string {
  return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name ?? '';
}

/** Check the list's resourceVersion parameters against what the store can serve. */
function checkListVersion(ctx: ApiContext, call: Call): void {
  const { resourceVersion, resourceVersionMatch } = call.query;
  if (resourceVersionMatch && !resourceVersion) {
    fail(statusErrors.badRequest(`resourceVersionMatch is forbidden unless resourceVersion is provided`));
  }
  if (!resourceVersion || resourceVersion === '0') return;
  const requested = Number(resourceVersion);
  if (!Number.isInteger(requested) || requested < 0) {
    fail(statusErrors.badRequest(`invalid resource version: strconv.ParseUint: parsing "${resourceVersion}": invalid syntax`));
  }
  const current = ctx.store.resourceVersion();
  if (requested > current) {
    const status = statusErrors.tooManyRequests(`Too large resource version: ${requested}, current: ${current}`);
    fail({ ...status, code: 504, reason: 'Timeout', details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 } });
  }
  if (resourceVersionMatch === 'Exact' && requested < current && requested < ctx.store.oldestResourceVersion()) {
    fail(statusErrors.gone(`too old resource version: ${requested} (${current})`));
  }
}

export function list(ctx: ApiContext, call: Call): ApiResponse {
  if (call.query.watch === 'true' || call.query.watch === '1') return watch(ctx, call);
  checkListVersion(ctx, call);
  const matches = objectMatcher(call, ctx);
  let items = ctx.store.list(storageKey(call.info), call.namespace).filter((o) => matches(o));
  const rv = ctx.store.resourceVersion();
  const metadata: Record<string, unknown> = { resourceVersion: String(rv) };

  if (call.query.continue) {
    const token = decodeContinue(call.query.continue);
    if (token.rv < ctx.store.oldestResourceVersion()) {
      fail(statusErrors.gone('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.'));
    }
    items = items.filter((o) => keyOf(o) >= token.start);
  }
  const limit = Number(call.query.limit ?? 0);
  // `limit` with `resourceVersion=0` is served from the watch cache, which ignores it.
  if (limit > 0 && call.query.resourceVersion !== '0' && items.length > limit) {
    const next = items[limit];
    metadata.continue = encodeContinue(rv, keyOf(next));
    metadata.remainingItemCount = items.length - limit;
    items = items.slice(0, limit);
  }
  const presented = items.map((o) => present(call.info, o));
  if (wantsTable(call.headers)) {
    return json(200, tableFor(call, presented, String(rv), ctx.clock.now(), metadata, printerFor(ctx, call)));
  }
  return json(200, {
    kind: `${call.info.kind}List`,
    apiVersion: call.info.group ? `${call.info.group}/${call.info.version}` : call.info.version,
    metadata,
    // The real API server leaves apiVersion and kind out of each item of a built-in list.
    items: presented.map((o) => (call.info.custom ? o : stripTypeMeta(o))),
  });
}

function stripTypeMeta(object: KubeObject): KubeObject {
  const { apiVersion: _a, kind: _k, ...rest } = object;
  return rest as KubeObject;
}

export function watch(ctx: ApiContext, call: Call): ApiResponse {
  const stream = openWatch(ctx, call);
  return { status: 200, headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, watch: stream };
}
