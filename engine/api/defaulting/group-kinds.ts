/**
 * Defaults for the kinds of the named API groups that are not workloads: autoscaling, RBAC,
 * networking, storage, scheduling, discovery, admissionregistration and apiextensions.
 */
import { child, ensure, hasEntries, isObj, items, setDefault, type Obj } from './util.ts';

/**
 * autoscaling/v2 HPA: minReplicas 1; with no metrics, one cpu Utilization metric at 80%. A
 * `behavior` that is given gets every missing rule filled; an absent one stays absent (the
 * controller then uses the same rules, and 300 s scale-down stabilization from its flag).
 */
export function defaultHpaV2(obj: Obj): void {
  const spec = ensure(obj, 'spec');
  setDefault(spec, 'minReplicas', 1);
  if (!hasEntries(spec.metrics)) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  const behavior = child(spec, 'behavior');
  if (behavior) {
    behavior.scaleUp = scalingRules(child(behavior, 'scaleUp'), {
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }],
    });
    // No stabilizationWindowSeconds: the controller's --horizontal-pod-autoscaler-downscale-stabilization decides.
    behavior.scaleDown = scalingRules(child(behavior, 'scaleDown'), {
      selectPolicy: 'Max',
      policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    });
  }
}

function scalingRules(given: Obj | undefined, defaults: Obj): Obj {
  const out: Obj = { ...defaults };
  for (const key of ['selectPolicy', 'stabilizationWindowSeconds', 'policies']) {
    if (given && given[key] !== undefined && given[key] !== null) out[key] = given[key];
  }
  return out;
}

/**
 * autoscaling/v1 HPA: minReplicas 1. v1 objects are stored as autoscaling/v2, and the v2 defaults
 * run again when they are read back, so a v1 HPA without a target reads as 80%.
 */
export function defaultHpaV1(obj: Obj): void {
  // The write path converts a v1 request to the stored v2 shape before defaulting: there the v1
  // target is already a metric, and the stored object gets the v2 defaults a read would show.
  if (obj.apiVersion === 'autoscaling/v2') return defaultHpaV2(obj);
  const spec = ensure(obj, 'spec');
  setDefault(spec, 'minReplicas', 1);
  setDefault(spec, 'targetCPUUtilizationPercentage', 80);
}

/** RoleBinding and ClusterRoleBinding: roleRef and User/Group subjects in rbac.authorization.k8s.io. */
export function defaultRoleBinding(obj: Obj): void {
  const roleRef = child(obj, 'roleRef');
  if (roleRef) setDefault(roleRef, 'apiGroup', 'rbac.authorization.k8s.io');
  for (const subject of items(obj, 'subjects')) {
    if (subject.apiGroup) continue;
    if (subject.kind === 'User' || subject.kind === 'Group') subject.apiGroup = 'rbac.authorization.k8s.io';
    else if (subject.kind === 'ServiceAccount') subject.apiGroup = '';
  }
}

/** NetworkPolicy: policyTypes [Ingress], plus Egress when egress rules are given; ports TCP. */
export function defaultNetworkPolicy(obj: Obj): void {
  const spec = ensure(obj, 'spec');
  if (!hasEntries(spec.policyTypes)) {
    spec.policyTypes = hasEntries(spec.egress) ? ['Ingress', 'Egress'] : ['Ingress'];
  }
  for (const rule of [...items(spec, 'ingress'), ...items(spec, 'egress')]) {
    for (const port of items(rule, 'ports')) setDefault(port, 'protocol', 'TCP');
  }
}

/** IngressClass: parameters scope Cluster. */
export function defaultIngressClass(obj: Obj): void {
  const parameters = child(child(obj, 'spec') ?? {}, 'parameters');
  if (parameters) setDefault(parameters, 'scope', 'Cluster');
}

/** StorageClass: reclaimPolicy Delete, volumeBindingMode Immediate. */
export function defaultStorageClass(obj: Obj): void {
  setDefault(obj, 'reclaimPolicy', 'Delete');
  setDefault(obj, 'volumeBindingMode', 'Immediate');
}

/** PriorityClass: preemptionPolicy PreemptLowerPriority. */
export function defaultPriorityClass(obj: Obj): void {
  setDefault(obj, 'preemptionPolicy', 'PreemptLowerPriority');
}

/** EndpointSlice: each port gets name "" and protocol TCP. */
export function defaultEndpointSlice(obj: Obj): void {
  for (const port of items(obj, 'ports')) {
    if (port.name === undefined || port.name === null) port.name = '';
    setDefault(port, 'protocol', 'TCP');
  }
}

/** ValidatingAdmissionPolicy: failurePolicy Fail, and matchConstraints defaults. */
export function defaultValidatingAdmissionPolicy(obj: Obj): void {
  const spec = ensure(obj, 'spec');
  setDefault(spec, 'failurePolicy', 'Fail');
  const match = child(spec, 'matchConstraints');
  if (match) defaultMatchResources(match);
}

/** ValidatingAdmissionPolicyBinding: matchResources defaults when given. */
export function defaultValidatingAdmissionPolicyBinding(obj: Obj): void {
  const match = child(child(obj, 'spec') ?? {}, 'matchResources');
  if (match) defaultMatchResources(match);
}

function defaultMatchResources(match: Obj): void {
  setDefault(match, 'matchPolicy', 'Equivalent');
  if (!isObj(match.namespaceSelector)) match.namespaceSelector = {};
  if (!isObj(match.objectSelector)) match.objectSelector = {};
  for (const rule of [...items(match, 'resourceRules'), ...items(match, 'excludeResourceRules')]) {
    setDefault(rule, 'scope', '*');
  }
}

/**
 * CustomResourceDefinition: singular and listKind from the kind, conversion strategy None, webhook
 * service port 443, and status.storedVersions from the storage version.
 */
export function defaultCustomResourceDefinition(obj: Obj): void {
  const spec = ensure(obj, 'spec');
  const names = ensure(spec, 'names');
  if (typeof names.kind === 'string') {
    setDefault(names, 'singular', names.kind.toLowerCase());
    if (names.kind !== '') setDefault(names, 'listKind', `${names.kind}List`);
  }
  if (!isObj(spec.conversion)) spec.conversion = { strategy: 'None' };
  const service = child(child(child(spec, 'conversion') ?? {}, 'webhook') ?? {}, 'clientConfig');
  const serviceRef = service && child(service, 'service');
  if (serviceRef) setDefault(serviceRef, 'port', 443);
  const status = ensure(obj, 'status');
  if (!hasEntries(status.storedVersions)) {
    const storage = items(spec, 'versions').find((v) => v.storage === true);
    if (storage) status.storedVersions = [storage.name];
  }
}
