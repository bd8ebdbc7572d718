/**
 * The revision history of a StatefulSet (`getStatefulSetRevisions`, `truncateHistory` and the
 * `history.Interface` writes). Each sync builds the revision the current template would make and
 * finds it among the existing ones: the newest one equal → nothing changes; an older one equal
 * (a `kubectl rollout undo`) → that revision is renumbered to the next number; none → a new
 * ControllerRevision is created, bumping `collisionCount` if a different one already has its name.
 */
import type { ApiResponse, KubeObject } from '../../api/types.ts';
import type { ApiClient } from '../../runtime/informer.ts';
import { errorText } from '../replicaset/pod-control.ts';
import { podRevision } from './identity.ts';
import { equalRevision, newRevision, nextRevision, revisionNumber, sortRevisions } from './revision.ts';
import { setSpec, setStatus } from './types.ts';

/** The current and update revisions of a sync, and the collision count to report. */
export interface Revisions {
  current: KubeObject;
  update: KubeObject;
  collisionCount: number;
}

function revisionsPath(namespace: string): string {
  return `/apis/apps/v1/namespaces/${namespace}/controllerrevisions`;
}

function check(response: ApiResponse, what: string): KubeObject {
  if (response.status >= 300) throw new Error(`${what}: ${errorText(response)}`);
  return response.body as KubeObject;
}

/** `getStatefulSetRevisions`; `existing` must be sorted by revision. */
export function syncRevisions(api: ApiClient, set: KubeObject, existing: KubeObject[]): Revisions {
  let collisionCount = setStatus(set).collisionCount ?? 0;
  const candidate = newRevision(set, nextRevision(existing), collisionCount);
  const equal = existing.filter((r) => equalRevision(r, candidate));
  let update: KubeObject;
  const latest = existing[existing.length - 1];
  if (equal.length && latest === equal[equal.length - 1]) {
    update = latest;
  } else if (equal.length) {
    update = renumber(api, equal[equal.length - 1], revisionNumber(candidate));
  } else {
    ({ revision: update, collisionCount } = createRevision(api, set, candidate, collisionCount));
  }
  const currentName = setStatus(set).currentRevision;
  const current = existing.find((r) => r.metadata.name === currentName) ?? update;
  return { current, update, collisionCount };
}

/** `CreateControllerRevision`: POST, and on a name taken by different data, count a collision and rename. */
function createRevision(api: ApiClient, set: KubeObject, candidate: KubeObject, collisionCount: number): { revision: KubeObject; collisionCount: number } {
  const namespace = set.metadata.namespace!;
  for (;;) {
    const attempt = newRevision(set, revisionNumber(candidate), collisionCount);
    // The hash label keeps the first hash, as upstream renames without relabelling.
    attempt.metadata.labels = candidate.metadata.labels;
    const response = api.handle({ method: 'POST', path: revisionsPath(namespace), body: attempt });
    if (response.status !== 409) return { revision: check(response, `create ControllerRevision ${attempt.metadata.name}`), collisionCount };
    const exists = check(api.handle({ method: 'GET', path: `${revisionsPath(namespace)}/${attempt.metadata.name}` }), `get ControllerRevision ${attempt.metadata.name}`);
    if (equalRevision(exists, attempt)) return { revision: exists, collisionCount };
    collisionCount++;
  }
}

/** `UpdateControllerRevision`: give an old revision the next number (a rollback). */
function renumber(api: ApiClient, revision: KubeObject, number: number): KubeObject {
  if (revisionNumber(revision) === number) return revision;
  const body = { ...revision, apiVersion: 'apps/v1', kind: 'ControllerRevision', revision: number };
  return check(api.handle({ method: 'PUT', path: `${revisionsPath(revision.metadata.namespace!)}/${revision.metadata.name}`, body }),
    `update ControllerRevision ${revision.metadata.name}`);
}

/**
 * `truncateHistory`: revisions that are neither current, update, nor the revision of a live pod
 * are deleted oldest first until at most revisionHistoryLimit remain. Limit 2 and revisions 1–6
 * with pods on 5 and 6: 1, 2 are deleted, 3 and 4 stay.
 */
export function truncateHistory(api: ApiClient, set: KubeObject, pods: KubeObject[], existing: KubeObject[], revisions: Revisions | undefined): void {
  const live = new Set<string>(pods.map(podRevision));
  if (revisions) {
    live.add(revisions.current.metadata.name!);
    live.add(revisions.update.metadata.name!);
  }
  const history = sortRevisions(existing.filter((r) => !live.has(r.metadata.name!)));
  const limit = setSpec(set).revisionHistoryLimit ?? 10;
  if (limit < 0 || history.length <= limit) return;
  for (const revision of history.slice(0, history.length - limit)) {
    const response = api.handle({ method: 'DELETE', path: `${revisionsPath(revision.metadata.namespace!)}/${revision.metadata.name}` });
    if (response.status >= 300 && response.status !== 404) throw new Error(`delete ControllerRevision ${revision.metadata.name}: ${errorText(response)}`);
  }
}
