/**
 * The apiregistration.k8s.io/v1 types (APIService and its parts), which kubernetes-types does not
 * ship because they live in k8s.io/kube-aggregator rather than k8s.io/api. Written as the same
 * model read-types.ts builds from a .d.ts file, with the descriptions of kube-aggregator v0.32.2
 * (pkg/generated/openapi/zz_generated.openapi.go).
 */
import type { PropertyModel, TypeModel, TypeShape } from './read-types.ts';

const pkg = 'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1';
const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';

const kindDoc = 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
const apiVersionDoc = 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';

const string: TypeShape = { kind: 'string' };
const int32: TypeShape = { kind: 'number' };
const ref = (name: string): TypeShape => ({ kind: 'ref', name });

function field(name: string, type: TypeShape, description: string, options: { required?: boolean; literal?: string } = {}): PropertyModel {
  return { name, type, description, optional: !options.required, literal: options.literal };
}

/** APIService, APIServiceList, APIServiceSpec, APIServiceStatus, APIServiceCondition and ServiceReference. */
export const apiregistrationTypes: TypeModel[] = [
  {
    name: `${pkg}.APIService`,
    description: 'APIService represents a server for a particular GroupVersion. Name must be "version.group".',
    properties: [
      field('apiVersion', string, apiVersionDoc, { literal: 'apiregistration.k8s.io/v1' }),
      field('kind', string, kindDoc, { literal: 'APIService' }),
      field('metadata', ref(`${meta}.ObjectMeta`), "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"),
      field('spec', ref(`${pkg}.APIServiceSpec`), 'Spec contains information for locating and communicating with a server'),
      field('status', ref(`${pkg}.APIServiceStatus`), 'Status contains derived information about an API server'),
    ],
  },
  {
    name: `${pkg}.APIServiceList`,
    description: 'APIServiceList is a list of APIService objects.',
    properties: [
      field('apiVersion', string, apiVersionDoc, { literal: 'apiregistration.k8s.io/v1' }),
      field('items', { kind: 'array', items: ref(`${pkg}.APIService`) }, 'Items is the list of APIService', { required: true }),
      field('kind', string, kindDoc, { literal: 'APIServiceList' }),
      field('metadata', ref(`${meta}.ListMeta`), 'Standard list metadata More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata'),
    ],
  },
  {
    name: `${pkg}.APIServiceSpec`,
    description: 'APIServiceSpec contains information for locating and communicating with a server. Only https is supported, though you are able to disable certificate verification.',
    properties: [
      field('caBundle', string, "CABundle is a PEM encoded CA bundle which will be used to validate an API server's serving certificate. If unspecified, system trust roots on the apiserver are used."),
      field('group', string, 'Group is the API group name this server hosts'),
      field('groupPriorityMinimum', int32, "GroupPriorityMinimum is the priority this group should have at least. Higher priority means that the group is preferred by clients over lower priority ones. Note that other versions of this group might specify even higher GroupPriorityMinimum values such that the whole group gets a higher priority. The primary sort is based on GroupPriorityMinimum, ordered highest number to lowest (20 before 10). The secondary sort is based on the alphabetical comparison of the name of the object.  (v1.bar before v1.foo) We'd recommend something like: *.k8s.io (except extensions) at 18000 and PaaSes (OpenShift, Deis) are recommended to be in the 2000s", { required: true }),
      field('insecureSkipTLSVerify', { kind: 'boolean' }, 'InsecureSkipTLSVerify disables TLS certificate verification when communicating with this server. This is strongly discouraged.  You should use the CABundle instead.'),
      field('service', ref(`${pkg}.ServiceReference`), 'Service is a reference to the service for this API server.  It must communicate on port 443. If the Service is nil, that means the handling for the API groupversion is handled locally on this server. The call will simply delegate to the normal handler chain to be fulfilled.'),
      field('version', string, 'Version is the API version this server hosts.  For example, "v1"'),
      field('versionPriority', int32, 'VersionPriority controls the ordering of this API version inside of its group.  Must be greater than zero. The primary sort is based on VersionPriority, ordered highest to lowest (20 before 10). Since it\'s inside of a group, the number can be small, probably in the 10s. In case of equal version priorities, the version string will be used to compute the order inside a group. If the version string is "kube-like", it will sort above non "kube-like" version strings, which are ordered lexicographically. "Kube-like" versions start with a "v", then are followed by a number (the major version), then optionally the string "alpha" or "beta" and another number (the minor version). These are sorted first by GA > beta > alpha (where GA is a version with no suffix such as beta or alpha), and then by comparing major version, then minor version. An example sorted list of versions: v10, v2, v1, v11beta2, v10beta3, v3beta1, v12alpha1, v11alpha2, foo1, foo10.', { required: true }),
    ],
  },
  {
    name: `${pkg}.APIServiceStatus`,
    description: 'APIServiceStatus contains derived information about an API server',
    properties: [
      field('conditions', { kind: 'array', items: ref(`${pkg}.APIServiceCondition`) }, 'Current service state of apiService.'),
    ],
  },
  {
    name: `${pkg}.APIServiceCondition`,
    description: 'APIServiceCondition describes the state of an APIService at a particular point',
    properties: [
      field('lastTransitionTime', ref(`${meta}.Time`), 'Last time the condition transitioned from one status to another.'),
      field('message', string, 'Human-readable message indicating details about last transition.'),
      field('reason', string, "Unique, one-word, CamelCase reason for the condition's last transition."),
      field('status', string, 'Status is the status of the condition. Can be True, False, Unknown.', { required: true }),
      field('type', string, 'Type is the type of the condition.', { required: true }),
    ],
  },
  {
    name: `${pkg}.ServiceReference`,
    description: 'ServiceReference holds a reference to Service.legacy.k8s.io',
    properties: [
      field('name', string, 'Name is the name of the service'),
      field('namespace', string, 'Namespace is the namespace of the service'),
      field('port', int32, 'If specified, the port on the service that hosting webhook. Default to 443 for backward compatibility. `port` should be a valid port number (1-65535, inclusive).'),
    ],
  },
];

/** A copy of `types` with the apiregistration types added. */
export function addApiregistrationTypes(types: ReadonlyMap<string, TypeModel>): Map<string, TypeModel> {
  const result = new Map(types);
  for (const type of apiregistrationTypes) {
    if (result.has(type.name)) throw new Error(`openapi: ${type.name} is already defined`);
    result.set(type.name, type);
  }
  return result;
}
