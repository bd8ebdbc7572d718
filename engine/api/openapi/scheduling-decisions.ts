/**
 * The OpenAPI v3 document of Kubelab's own aggregated API, `scheduling.kubelab.dev/v1alpha1`
 * (engine/scheduler/decisions-api.ts serves its read-only `podschedulingdecisions`), so that
 * `kubectl explain podschedulingdecisions` and `kubectl explain psd.nodes.filters` work as they
 * do for any aggregated API that publishes its schema. Schema names follow the reversed-group
 * convention of custom resources (`dev.kubelab.scheduling.v1alpha1.PodSchedulingDecision`).
 */
import type { ResourceInfo } from '../registry.ts';
import { customSchemaName, groupVersionDocument, groupVersionPath, type OpenapiDocument } from './document.ts';
import type { OpenapiObject } from './parameters.ts';

const group = 'scheduling.kubelab.dev';
const version = 'v1alpha1';

/** The key of the group-version in the `/openapi/v3` index. */
export const schedulingDecisionsPath = groupVersionPath(group, version);

/** The resource as discovery lists it (the same as decisions-api.ts's podSchedulingDecisionsInfo). */
export const schedulingDecisionsResource: ResourceInfo = {
  group, version, resource: 'podschedulingdecisions', kind: 'PodSchedulingDecision',
  singular: 'podschedulingdecision', namespaced: true, shortNames: ['psd'], verbs: ['get', 'list'],
};

const name = (kind: string): string => customSchemaName(group, version, kind);
const ref = (kind: string): OpenapiObject => ({ $ref: `#/components/schemas/${name(kind)}` });
const text = (description: string): OpenapiObject => ({ description, type: 'string' });
const integer = (description: string): OpenapiObject => ({ description, format: 'int32', type: 'integer' });
const strings = (description: string): OpenapiObject => ({ description, items: { default: '', type: 'string' }, type: 'array' });
const list = (description: string, kind: string): OpenapiObject => ({ description, items: { allOf: [ref(kind)], default: {} }, type: 'array' });
const object = (kind: string, description: string): OpenapiObject => ({ allOf: [ref(kind)], description });
const gvk = (kind: string): OpenapiObject[] => [{ group, kind, version }];

const apiVersion = text('APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources');
const kindField = text('Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds');

/** The group's own schemas, by name. */
function ownSchemas(): Record<string, OpenapiObject> {
  return {
    [name('PodSchedulingDecision')]: {
      description: 'PodSchedulingDecision is the scheduler\'s latest attempt to place a pod: the outcome, and for each node it looked at, each filter\'s verdict and each score. It is named after its pod and kept while the pod exists.',
      properties: {
        apiVersion, kind: kindField,
        metadata: { allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }], default: {}, description: 'Standard object\'s metadata: the pod\'s name, namespace and labels; creationTimestamp is the time of the attempt.' },
        podUID: text('UID of the pod this decision is about.'),
        attempt: integer('How many times the scheduler has tried to place the pod, this attempt included.'),
        result: text('Scheduled, Unschedulable (no node passed every filter) or Error.'),
        numAllNodes: integer('Nodes in the cluster at the time of the attempt.'),
        evaluatedNodes: integer('Nodes the filters ran on (the scheduler stops early in a large cluster once it has found enough feasible nodes).'),
        feasibleNodes: integer('Nodes that passed every filter.'),
        selectedNode: text('The node chosen (highest total score; ties broken at random). Empty unless result is Scheduled.'),
        message: text('Why the pod could not be scheduled: the text of the FailedScheduling event and of the PodScheduled condition.'),
        preFilter: object('PreFilterResult', 'Set when a PreFilter plugin rejected the pod before any node was looked at.'),
        preemption: object('PreemptionResult', 'What the PostFilter (DefaultPreemption) did after no node fit.'),
        detailDropped: { description: 'True when the per-node detail of this older record was dropped to save memory; the counts remain.', type: 'boolean' },
        nodes: list('One entry per node the scheduler looked at, in the order it looked.', 'NodeDecision'),
      },
      type: 'object',
      'x-kubernetes-group-version-kind': gvk('PodSchedulingDecision'),
    },
    [name('PodSchedulingDecisionList')]: {
      description: 'PodSchedulingDecisionList is a list of PodSchedulingDecision.',
      properties: {
        apiVersion, kind: kindField,
        items: list('The decisions of the pods that exist.', 'PodSchedulingDecision'),
        metadata: { allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta' }], default: {}, description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
      },
      required: ['items'],
      type: 'object',
      'x-kubernetes-group-version-kind': gvk('PodSchedulingDecisionList'),
    },
    [name('PreFilterResult')]: {
      description: 'PreFilterResult names the PreFilter plugin that rejected the pod and its reasons.',
      properties: { plugin: text('The plugin, e.g. VolumeBinding.'), reasons: strings('Its reasons, e.g. "pod has unbound immediate PersistentVolumeClaims".') },
      type: 'object',
    },
    [name('PreemptionResult')]: {
      description: 'PreemptionResult is the outcome of DefaultPreemption: a node nominated and the pods evicted from it, or why preemption did not help.',
      properties: {
        message: text('Why preemption did not help, e.g. "preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."'),
        nominatedNode: text('The node the pod will go to once its victims are gone (status.nominatedNodeName).'),
        victims: strings('The evicted pods, as namespace/name.'),
      },
      type: 'object',
    },
    [name('NodeDecision')]: {
      description: 'NodeDecision is what the scheduler concluded about one node.',
      properties: {
        name: text('The node.'),
        filters: list('Each Filter plugin that ran on the node, in order; the first that rejects the node ends the list.', 'FilterResult'),
        scores: list('Each Score plugin\'s normalized score (0-100) and weight, for a node that passed every filter.', 'PluginScore'),
        totalScore: { description: 'The sum of score times weight over the plugins.', format: 'int64', type: 'integer' },
        selected: { description: 'True for the node the pod was bound to.', type: 'boolean' },
      },
      required: ['name'],
      type: 'object',
    },
    [name('FilterResult')]: {
      description: 'FilterResult is one Filter plugin\'s verdict on one node.',
      properties: {
        plugin: text('The plugin, e.g. TaintToleration.'),
        result: text('Success, Unschedulable (preemption might help), UnschedulableAndUnresolvable or Error.'),
        reasons: strings('Why the node was rejected, e.g. "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }".'),
      },
      type: 'object',
    },
    [name('PluginScore')]: {
      description: 'PluginScore is one Score plugin\'s opinion of one node.',
      properties: {
        plugin: text('The plugin, e.g. NodeResourcesFit.'),
        score: { description: 'The normalized score, 0 to 100.', format: 'int64', type: 'integer' },
        weight: integer('The plugin\'s weight in the profile.'),
      },
      type: 'object',
    },
  };
}

/** The group's schemas as JSON: what its `?hash=` is computed from, with the built-in schemas' hash. */
export function schedulingDecisionsSchemaText(): string {
  return JSON.stringify(ownSchemas());
}

/**
 * The `/openapi/v3/apis/scheduling.kubelab.dev/v1alpha1` document: get and list paths, the
 * group's schemas, and ObjectMeta, ListMeta, Status… from `builtinSchemas` (any built-in document's).
 */
export function schedulingDecisionsDocument(builtinSchemas: Record<string, OpenapiObject>): OpenapiDocument {
  return groupVersionDocument([schedulingDecisionsResource], { ...builtinSchemas, ...ownSchemas() }, (r) => ({ object: name(r.kind), list: name(`${r.kind}List`) }));
}
