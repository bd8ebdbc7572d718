/**
 * DaemonSet history (pkg/controller/daemon/update.go): every distinct pod template a DaemonSet
 * has had is kept as a ControllerRevision named `<ds>-<hash>`, whose `data` is a strategic merge
 * patch that puts the template back (`{"spec":{"template":{"$patch":"replace",…}}}`) — what
 * `kubectl rollout undo daemonset` applies. The current revision's hash becomes the pods'
 * `controller-revision-hash` label; old revisions beyond revisionHistoryLimit are deleted unless
 * a pod still carries their hash.
 */
import type { ApiResponse, KubeObject } from '../../api/types.ts';
import type { ApiClient } from '../../runtime/informer.ts';
import { computeHash } from '../deployment/template-hash.ts';
import { errorText } from '../replicaset/pod-control.ts';
import { newControllerRef } from '../replicaset/types.ts';
import { controllerRevisionHashLabel, dsSpec, dsStatus, revisionOf } from './types.ts';

/** JSON as Go's encoding/json writes a map: keys sorted at every level. */
export function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = (v as Record<string, unknown>)[k];
    return out;
  });
}

/**
 * `getPatch`: the revision's `data`, the template with `$patch: replace`. Go marshals the
 * template's ObjectMeta with `creationTimestamp: null`, so the data always carries it.
 */
export function revisionData(ds: KubeObject): Record<string, unknown> {
  const template = structuredClone(dsSpec(ds).template ?? {}) as Record<string, unknown>;
  const metadata = (template.metadata ?? {}) as Record<string, unknown>;
  template.metadata = { creationTimestamp: null, ...metadata };
  return JSON.parse(sortedJson({ spec: { template: { ...template, $patch: 'replace' } } })) as Record<string, unknown>;
}

/** `Match`: the revision holds this DaemonSet's current template. */
export function matchesRevision(ds: KubeObject, history: KubeObject): boolean {
  return sortedJson((history as { data?: unknown }).data ?? null) === sortedJson(revisionData(ds));
}

/** `controller.ComputeHash(&ds.Spec.Template, ds.Status.CollisionCount)`. */
export function templateHash(ds: KubeObject): string {
  return computeHash(dsSpec(ds).template ?? {}, dsStatus(ds).collisionCount);
}

/** What building a DaemonSet's history needs. */
export interface HistoryContext {
  api: ApiClient;
  ds: KubeObject;
  /** The DaemonSet's pods, for relabelling when duplicate current revisions are merged. */
  pods: readonly KubeObject[];
}

/** The current revision and the others. */
export interface History {
  current: KubeObject;
  old: KubeObject[];
}

function revisionsPath(ds: KubeObject): string {
  return `/apis/apps/v1/namespaces/${ds.metadata.namespace}/controllerrevisions`;
}

function must(response: ApiResponse, what: string): KubeObject {
  if (response.status >= 300) throw new Error(`${what}: ${errorText(response)}`);
  return response.body as KubeObject;
}

/**
 * `constructHistory`: split the revisions the DaemonSet controls into the one matching its
 * template and the old ones; create the current one if missing, merge duplicates, and give the
 * current one the highest revision number (a rollback to revision 1 makes it revision 3).
 */
export function constructHistory(ctx: HistoryContext, controlled: readonly KubeObject[]): History {
  const current: KubeObject[] = [];
  const old: KubeObject[] = [];
  for (let history of controlled) {
    if (history.metadata.labels?.[controllerRevisionHashLabel] === undefined) {
      // Revisions from before the label existed get their name as hash (no collision to worry about).
      const labels = { ...(history.metadata.labels ?? {}), [controllerRevisionHashLabel]: history.metadata.name! };
      history = must(ctx.api.handle({ method: 'PUT', path: `${revisionsPath(ctx.ds)}/${history.metadata.name}`, body: { ...history, metadata: { ...history.metadata, labels } } }), 'label revision');
    }
    (matchesRevision(ctx.ds, history) ? current : old).push(history);
  }
  const next = Math.max(0, ...old.map(revisionOf)) + 1;
  if (current.length === 0) return { current: snapshot(ctx, next), old };
  let cur = dedupCurrent(ctx, current);
  if (revisionOf(cur) < next) {
    cur = must(ctx.api.handle({ method: 'PUT', path: `${revisionsPath(ctx.ds)}/${cur.metadata.name}`, body: { ...cur, revision: next } }), 'update revision');
  }
  return { current: cur, old };
}

/** `dedupCurHistories`: keep the newest, move pods of the others onto its hash, delete the others. */
function dedupCurrent(ctx: HistoryContext, current: KubeObject[]): KubeObject {
  let keep = current[0];
  for (const history of current) if (revisionOf(history) >= revisionOf(keep)) keep = history;
  const hash = keep.metadata.labels![controllerRevisionHashLabel];
  for (const history of current) {
    if (history === keep) continue;
    for (const pod of ctx.pods) {
      if (pod.metadata.labels?.[controllerRevisionHashLabel] === hash) continue;
      const labels = { ...(pod.metadata.labels ?? {}), [controllerRevisionHashLabel]: hash };
      must(ctx.api.handle({ method: 'PUT', path: `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`, body: { ...pod, metadata: { ...pod.metadata, labels } } }), 'relabel pod');
    }
    const response = ctx.api.handle({ method: 'DELETE', path: `${revisionsPath(ctx.ds)}/${history.metadata.name}` });
    if (response.status !== 404) must(response, 'delete duplicate revision');
  }
  return keep;
}

/**
 * `snapshot`: create the revision for the current template. A name taken by a revision with
 * another template is a hash collision: bump `status.collisionCount` (which changes the hash)
 * and fail, so the retry creates `<ds>-<new hash>`.
 */
function snapshot(ctx: HistoryContext, revision: number): KubeObject {
  const ds = ctx.ds;
  const hash = templateHash(ds);
  const name = `${ds.metadata.name}-${hash}`;
  const metadata: KubeObject['metadata'] = {
    name, namespace: ds.metadata.namespace,
    labels: { ...(dsSpec(ds).template?.metadata?.labels ?? {}), [controllerRevisionHashLabel]: hash },
    ownerReferences: [newControllerRef(ds, 'apps/v1', 'DaemonSet')],
  };
  if (ds.metadata.annotations) metadata.annotations = { ...ds.metadata.annotations };
  const body = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata, data: revisionData(ds), revision };
  const created = ctx.api.handle({ method: 'POST', path: revisionsPath(ds), body });
  if (created.status !== 409) return must(created, 'create revision');
  const existing = must(ctx.api.handle({ method: 'GET', path: `${revisionsPath(ds)}/${name}` }), 'get revision');
  if (matchesRevision(ds, existing)) return existing;
  const dsPath = `/apis/apps/v1/namespaces/${ds.metadata.namespace}/daemonsets/${ds.metadata.name}`;
  const fresh = must(ctx.api.handle({ method: 'GET', path: dsPath }), 'get daemon set');
  const count = dsStatus(fresh).collisionCount;
  if (count !== dsStatus(ds).collisionCount) {
    throw new Error(`found a stale collision count (${dsStatus(ds).collisionCount ?? 0}, expected ${count ?? 0}) of DaemonSet "${ds.metadata.name}" while processing; will retry until it is updated`);
  }
  must(ctx.api.handle({ method: 'PUT', path: `${dsPath}/status`, body: { ...fresh, status: { ...dsStatus(fresh), collisionCount: (count ?? 0) + 1 } } }), 'update collisionCount');
  throw new Error(`controllerrevisions.apps "${name}" already exists`);
}

/**
 * `cleanupHistory`: delete old revisions, oldest first, until at most revisionHistoryLimit are
 * left — skipping any whose hash a pod still carries (OnDelete pods of an old template).
 */
export function cleanupHistory(ctx: HistoryContext, old: readonly KubeObject[]): void {
  let toKill = old.length - (dsSpec(ctx.ds).revisionHistoryLimit ?? 10);
  if (toKill <= 0) return;
  const liveHashes = new Set<string>();
  for (const pod of ctx.pods) {
    const hash = pod.metadata.labels?.[controllerRevisionHashLabel];
    if (hash) liveHashes.add(hash);
  }
  for (const history of [...old].sort((a, b) => revisionOf(a) - revisionOf(b))) {
    if (toKill <= 0) break;
    if (liveHashes.has(history.metadata.labels?.[controllerRevisionHashLabel] ?? '')) continue;
    const response = ctx.api.handle({ method: 'DELETE', path: `${revisionsPath(ctx.ds)}/${history.metadata.name}` });
    if (response.status !== 404) must(response, 'delete revision');
    toKill--;
  }
}
