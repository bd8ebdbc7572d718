/**
 * The scheduler's decision records over the Kubernetes API: `scheduling.kubelab.dev/v1alpha1`,
 * resource `podschedulingdecisions` (namespaced, named after the pod), read-only, served through
 * the aggregator hook as metrics-server serves `metrics.k8s.io`. So the real kubectl can ask
 * `kubectl get podschedulingdecisions -n ns` ("why Pending?") or
 * `kubectl get podschedulingdecision web-0 -o yaml` ("why node-2?"). Only the latest attempt per
 * existing pod is kept (the scheduler forgets a pod's record when the pod is deleted).
 */
import type { ApiContext } from '../api/context.ts';
import { StatusError, statusErrors } from '../api/errors.ts';
import type { Call } from '../api/handlers/common.ts';
import { json } from '../api/handlers/common.ts';
import { objectMatcher } from '../api/pipeline.ts';
import type { ResourceInfo } from '../api/registry.ts';
import type { ApiServer } from '../api/server.ts';
import { timestampSince, toTable } from '../api/table/index.ts';
import type { Printer } from '../api/table/index.ts';
import type { ApiResponse, KubeObject } from '../api/types.ts';
import { rfc3339 } from '../clock.ts';
import { explainDecision, type SchedulerDecisions, type SchedulingDecision } from './decisions.ts';

/** The API group the decision records are served under. */
export const decisionsGroup = 'scheduling.kubelab.dev';
/** The group's only version. */
export const decisionsVersion = 'v1alpha1';
const apiVersion = `${decisionsGroup}/${decisionsVersion}`;

/** How discovery and the router know the resource. */
export const podSchedulingDecisionsInfo: ResourceInfo = {
  group: decisionsGroup, version: decisionsVersion, resource: 'podschedulingdecisions', kind: 'PodSchedulingDecision',
  singular: 'podschedulingdecision', namespaced: true, shortNames: ['psd'], verbs: ['get', 'list'],
};

/** The APIService that makes the group discoverable (a local one: the control plane answers it). */
export function decisionsAPIService(): KubeObject {
  return {
    apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService',
    metadata: { name: `${decisionsVersion}.${decisionsGroup}` },
    spec: { group: decisionsGroup, version: decisionsVersion, groupPriorityMinimum: 1000, versionPriority: 15 },
  };
}

/** One filter's verdict on one node, as the record shows it. */
interface FilterEntry { plugin: string; result: string; reasons?: string[] }

/** A decision as an API object: the outcome, then one entry per node the scheduler looked at. */
export function decisionObject(decision: SchedulingDecision, labels?: Record<string, string>): KubeObject {
  const metadata: KubeObject['metadata'] = {
    name: decision.pod.name, namespace: decision.pod.namespace, creationTimestamp: rfc3339(decision.time),
  };
  if (labels && Object.keys(labels).length) metadata.labels = labels;
  const feasibleNodes = decision.compacted?.feasibleNodes ?? decision.feasible.length;
  const object: KubeObject = {
    apiVersion, kind: 'PodSchedulingDecision', metadata,
    podUID: decision.pod.uid,
    attempt: decision.attempt,
    result: decision.result,
    numAllNodes: decision.numAllNodes,
    evaluatedNodes: decision.evaluatedNodes,
    feasibleNodes,
  };
  if (decision.selectedNode) object.selectedNode = decision.selectedNode;
  if (decision.message) object.message = decision.message;
  if (decision.preFilter) object.preFilter = { plugin: decision.preFilter.plugin, reasons: [...decision.preFilter.reasons] };
  if (decision.preemption) {
    const { message, nominatedNode, victims } = decision.preemption;
    object.preemption = { ...(message ? { message } : {}), ...(nominatedNode ? { nominatedNode } : {}), victims: [...victims] };
  }
  // Older records keep only their counts: say so rather than showing an empty node list.
  if (decision.compacted) object.detailDropped = true;
  else object.nodes = explainDecision(decision).map(nodeEntry);
  return object;
}

function nodeEntry(entry: ReturnType<typeof explainDecision>[number]): Record<string, unknown> {
  const filters: FilterEntry[] = entry.filters.map((f) => (f.reasons.length ? { plugin: f.plugin, result: f.code, reasons: [...f.reasons] } : { plugin: f.plugin, result: f.code }));
  const out: Record<string, unknown> = { name: entry.node, filters };
  if (entry.scores) out.scores = entry.scores.map((s) => ({ plugin: s.plugin, score: s.score, weight: s.weight }));
  if (entry.total !== undefined) out.totalScore = entry.total;
  if (entry.selected) out.selected = true;
  return out;
}

/** `kubectl get podschedulingdecisions`: NAME RESULT NODE FEASIBLE ATTEMPT AGE, and MESSAGE with `-o wide`. */
export const decisionPrinter: Printer = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the pod', priority: 0 },
    { name: 'Result', type: 'string', format: '', description: 'Scheduled, Unschedulable or Error', priority: 0 },
    { name: 'Node', type: 'string', format: '', description: 'The node chosen', priority: 0 },
    { name: 'Feasible', type: 'string', format: '', description: 'Nodes that passed every filter, of all nodes', priority: 0 },
    { name: 'Attempt', type: 'integer', format: '', description: 'Scheduling attempts so far', priority: 0 },
    { name: 'Age', type: 'string', format: '', description: 'Time since the attempt', priority: 0 },
    { name: 'Message', type: 'string', format: '', description: 'Why the pod is unschedulable', priority: 1 },
  ],
  print: (object, context) => ({
    cells: [
      object.metadata.name ?? '', String(object.result), (object.selectedNode as string | undefined) ?? '<none>',
      `${String(object.feasibleNodes)}/${String(object.numAllNodes)}`, object.attempt as number,
      timestampSince(object.metadata.creationTimestamp, context.now), (object.message as string | undefined) ?? '<none>',
    ],
  }),
};

/** The records of the pods that still exist (namespace-wide or cluster-wide), in namespace/name order. */
function records(ctx: ApiContext, decisions: SchedulerDecisions, namespace: string | undefined): KubeObject[] {
  const out: KubeObject[] = [];
  for (const decision of decisions.values()) {
    if (namespace !== undefined && decision.pod.namespace !== namespace) continue;
    const pod = ctx.store.get('/pods', decision.pod.namespace, decision.pod.name);
    if (!pod || pod.metadata.uid !== decision.pod.uid) continue;
    out.push(decisionObject(decision, pod.metadata.labels));
  }
  const key = (o: KubeObject): string => `${o.metadata.namespace}/${o.metadata.name}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function answer(call: Call, objects: KubeObject[], now: number, single: boolean): ApiResponse {
  if (/as=Table/.test(call.headers.accept ?? '')) {
    const includeObject = call.query.includeObject as 'None' | 'Metadata' | 'Object' | undefined;
    return json(200, toTable(call.info, objects, { now, printer: decisionPrinter, includeObject }));
  }
  if (single) return json(200, objects[0]);
  const items = objects.map(({ kind: _k, apiVersion: _a, ...rest }) => rest);
  return json(200, { kind: 'PodSchedulingDecisionList', apiVersion, metadata: {}, items });
}

/** Answer a request for the group from the scheduler's records: get and list only. */
export function decisionsRequest(decisions: SchedulerDecisions): (ctx: ApiContext, call: Call, verb: string) => ApiResponse {
  return (ctx, call, verb) => {
    try {
      if (verb !== 'get' && verb !== 'list') throw new StatusError(statusErrors.methodNotAllowed());
      const now = ctx.clock.now();
      if (verb === 'get') {
        const found = records(ctx, decisions, call.namespace).find((o) => o.metadata.name === call.name);
        if (!found) throw new StatusError(statusErrors.notFound({ group: decisionsGroup, resource: call.info.resource, name: call.name }));
        return answer(call, [found], now, true);
      }
      const matches = objectMatcher({ info: call.info, query: call.query });
      return answer(call, records(ctx, decisions, call.namespace).filter(matches), now, false);
    } catch (error) {
      if (error instanceof StatusError) return json(error.status.code, error.status);
      throw error;
    }
  };
}

/**
 * Serve `decisions` through `api`: register the resource, route the group to the records, and
 * create the APIService (Available, as local APIServices are) that puts it in discovery.
 */
export function serveSchedulingDecisions(api: ApiServer, decisions: SchedulerDecisions): void {
  const ctx = api.context;
  ctx.registry.addCustom(podSchedulingDecisionsInfo);
  api.serveGroup(decisionsGroup, decisionsRequest(decisions));
  const service = decisionsAPIService();
  const path = `/apis/apiregistration.k8s.io/v1/apiservices`;
  const created = api.handle({ method: 'POST', path, body: service });
  if (created.status >= 300) throw new Error(`APIService ${service.metadata.name}: ${JSON.stringify(created.body)}`);
  const conditions = [{ type: 'Available', status: 'True', lastTransitionTime: rfc3339(ctx.clock.now()), reason: 'Local', message: 'Local APIServices are always available' }];
  api.handle({
    method: 'PATCH', path: `${path}/${service.metadata.name}/status`, body: { status: { conditions } },
    headers: { 'content-type': 'application/merge-patch+json' },
  });
}
