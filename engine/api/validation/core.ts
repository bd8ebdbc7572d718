/**
 * The core (`v1`) kinds: one validator per Kind, each covering metadata and spec on create, and
 * the update rules when `old` is given. Pod, Service, ConfigMap/Secret, storage and quota kinds
 * live in their own files; the small kinds are here.
 */
import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { asObject, asObjects, child, index, num, str, strMap } from './field-path.ts';
import type { Loose } from './field-path.ts';
import {
  validateFinalizers, validateLabelName, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate,
} from './meta.ts';
import {
  isDNS1123Label, isDNS1123Subdomain, isIP, isQualifiedName, isValidLabelValue, isValidPortNum, nameIsDNSLabel,
  nameIsDNSSubdomain,
} from './names.ts';
import { validateConfigMap, validateSecret } from './core-config.ts';
import { validateLimitRange, validateResourceQuota } from './core-quota.ts';
import { invalidIPError, validateService } from './core-service.ts';
import { validatePersistentVolume, validatePersistentVolumeClaim } from './core-storage.ts';
import { validatePodCreate, validatePodTemplateSpec, validatePodUpdate } from './pod.ts';
import { validateTaintEffect } from './pod-scheduling.ts';

/** A validator for one kind: `old` is given on update. */
export type KindValidator = (obj: KubeObject, old?: KubeObject) => FieldError[];

function metaFor(namespaced: boolean, nameFn = nameIsDNSSubdomain) {
  return (obj: KubeObject, old?: KubeObject): FieldError[] =>
    old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : validateObjectMeta(obj.metadata, namespaced, nameFn);
}

/** Namespace: a DNS-1123 label name; `spec.finalizers` are qualified names. */
export const validateNamespace: KindValidator = (ns, old) => {
  const errs = metaFor(false, nameIsDNSLabel)(ns, old);
  if (!old) {
    const finalizers = asObject(ns.spec)?.finalizers;
    for (const f of Array.isArray(finalizers) ? finalizers.map(String) : []) {
      errs.push(...validateFinalizers([f], 'spec.finalizers').map((e) => ({ ...e, field: 'spec.finalizers' })));
    }
  }
  return errs;
};

/** ServiceAccount: metadata only. */
export const validateServiceAccount: KindValidator = (sa, old) =>
  old ? [...validateObjectMetaUpdate(sa.metadata, old.metadata), ...validateObjectMeta(sa.metadata, true, nameIsDNSSubdomain)]
    : validateObjectMeta(sa.metadata, true, nameIsDNSSubdomain);

/** `validateNodeTaints` (Kubernetes reports them under `metadata.taints`, not `spec.taints`). */
function validateNodeTaints(taints: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Map<string, Set<string>>();
  asObjects(taints).forEach((t, i) => {
    const p = index(path, i);
    errs.push(...validateLabelName(str(t.key), child(p, 'key')));
    const msgs = isValidLabelValue(str(t.value));
    if (msgs.length) errs.push(fieldError.invalid(child(p, 'value'), str(t.value), msgs.join(';')));
    const effect = str(t.effect);
    errs.push(...validateTaintEffect(effect, false, child(p, 'effect')));
    const keys = unique.get(effect) ?? new Set<string>();
    if (keys.has(str(t.key))) {
      // The value is the internal core.Taint, which has no JSON tags.
      const internal = { Key: str(t.key), Value: str(t.value), Effect: effect, TimeAdded: t.timeAdded ?? null };
      errs.push({ ...fieldError.duplicate(p, internal), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    keys.add(str(t.key));
    unique.set(effect, keys);
  });
  return errs;
}

/** Node: cluster-scoped; taints; podCIDR and providerID are set once. */
export const validateNode: KindValidator = (node, old) => {
  const spec = asObject(node.spec) ?? {};
  const errs = metaFor(false)(node, old);
  errs.push(...validateNodeTaints(spec.taints, 'metadata.taints'));
  if (old) {
    const oldSpec = asObject(old.spec) ?? {};
    const oldCIDRs = Array.isArray(oldSpec.podCIDRs) ? oldSpec.podCIDRs.map(String) : [];
    const cidrs = Array.isArray(spec.podCIDRs) ? spec.podCIDRs.map(String) : [];
    if (oldCIDRs.length && (oldCIDRs.length !== cidrs.length || oldCIDRs.some((c, i) => c !== cidrs[i]))) {
      errs.push(fieldError.forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
    }
    if (str(oldSpec.providerID) && oldSpec.providerID !== spec.providerID) {
      errs.push(fieldError.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
    }
  }
  return errs;
};

/** PodTemplate: metadata and `template`. */
export const validatePodTemplate: KindValidator = (pt, old) => [
  ...metaFor(true)(pt, old), ...validatePodTemplateSpec(pt.template, 'template'),
];

/** ReplicationController: `ValidateReplicationControllerSpec`. */
export const validateReplicationController: KindValidator = (rc, old) => {
  const spec = asObject(rc.spec) ?? {};
  const errs = old ? validateObjectMetaUpdate(rc.metadata, old.metadata) : validateObjectMeta(rc.metadata, true, nameIsDNSSubdomain);
  errs.push(...validateNonnegativeField(num(spec.minReadySeconds), 'spec.minReadySeconds'));
  const selector = strMap(spec.selector);
  if (Object.keys(selector).length === 0) errs.push(fieldError.required('spec.selector'));
  errs.push(...validateNonnegativeField(num(spec.replicas), 'spec.replicas'));
  const template = asObject(spec.template);
  if (!template) {
    errs.push(fieldError.required('spec.template'));
    return errs;
  }
  const labels = strMap(asObject(template.metadata)?.labels);
  if (Object.keys(selector).length && !Object.entries(selector).every(([k, v]) => labels[k] === v)) {
    errs.push(fieldError.invalid('spec.template.metadata.labels', asObject(template.metadata)?.labels ?? null, '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(template, 'spec.template'));
  const tspec = asObject(template.spec) ?? {};
  if (tspec.restartPolicy !== 'Always') errs.push(fieldError.notSupported('spec.template.spec.restartPolicy', str(tspec.restartPolicy), ['Always']));
  if (tspec.activeDeadlineSeconds != null) {
    errs.push(fieldError.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicationController is not Supported'));
  }
  return errs;
};

function validateEndpointAddress(address: Loose, path: string): FieldError[] {
  const ip = str(address.ip);
  const errs: FieldError[] = [];
  if (!isIP(ip)) return [invalidIPError(child(path, 'ip'), ip)];
  if (str(address.hostname)) errs.push(...isDNS1123Label(str(address.hostname)).map((m) => fieldError.invalid(child(path, 'hostname'), address.hostname, m)));
  if (address.nodeName != null) {
    errs.push(...isDNS1123Subdomain(str(address.nodeName)).map((m) => fieldError.invalid(child(path, 'nodeName'), str(address.nodeName), m)));
  }
  if (ip === '0.0.0.0' || ip === '::') errs.push(fieldError.invalid(child(path, 'ip'), ip, `may not be unspecified (${ip})`));
  if (ip.startsWith('127.') || ip === '::1') errs.push(fieldError.invalid(child(path, 'ip'), ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (ip.startsWith('169.254.') || /^fe[89ab]/i.test(ip)) {
    errs.push(fieldError.invalid(child(path, 'ip'), ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  }
  if (ip.startsWith('224.0.0.') || /^ff02:/i.test(ip)) {
    errs.push(fieldError.invalid(child(path, 'ip'), ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
  return errs;
}

/** Endpoints: every subset has addresses; ports are named when there are several. */
export const validateEndpoints: KindValidator = (ep, old) => {
  const errs = old ? validateObjectMetaUpdate(ep.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(ep.metadata, true, nameIsDNSSubdomain));
  asObjects(ep.subsets).forEach((ss, i) => {
    const p = index('subsets', i);
    const addresses = asObjects(ss.addresses);
    const notReady = asObjects(ss.notReadyAddresses);
    if (!addresses.length && !notReady.length) errs.push(fieldError.required(p, 'must specify `addresses` or `notReadyAddresses`'));
    addresses.forEach((a, j) => errs.push(...validateEndpointAddress(a, index(child(p, 'addresses'), j))));
    notReady.forEach((a, j) => errs.push(...validateEndpointAddress(a, index(child(p, 'notReadyAddresses'), j))));
    const ports = asObjects(ss.ports);
    ports.forEach((port, j) => {
      const pp = index(child(p, 'ports'), j);
      const name = str(port.name);
      if (ports.length > 1 && !name) errs.push(fieldError.required(child(pp, 'name')));
      else if (name) errs.push(...isDNS1123Label(name).map((m) => fieldError.invalid(child(pp, 'name'), name, m)));
      errs.push(...isValidPortNum(num(port.port)).map((m) => fieldError.invalid(child(pp, 'port'), num(port.port), m)));
      const protocol = str(port.protocol);
      if (!protocol) errs.push(fieldError.required(child(pp, 'protocol')));
      else if (!['SCTP', 'TCP', 'UDP'].includes(protocol)) errs.push(fieldError.notSupported(child(pp, 'protocol'), protocol, ['SCTP', 'TCP', 'UDP']));
    });
  });
  return errs;
};

/** `legacyValidateEvent`: core v1 Events skip ObjectMeta validation, as Kubernetes does. */
export const validateEvent: KindValidator = (ev) => {
  const errs: FieldError[] = [];
  const namespace = str(ev.metadata?.namespace);
  const involvedNamespace = str(asObject(ev.involvedObject)?.namespace);
  if (!str(ev.eventTime)) {
    if (!involvedNamespace ? namespace !== '' && namespace !== 'default' : namespace !== involvedNamespace) {
      errs.push(fieldError.invalid('involvedObject.namespace', involvedNamespace, 'does not match event.namespace'));
    }
  } else {
    if (!involvedNamespace && namespace !== 'default' && namespace !== 'kube-system') {
      errs.push(fieldError.invalid('involvedObject.namespace', involvedNamespace, 'does not match event.namespace'));
    }
    const controller = str(ev.reportingComponent);
    if (!controller) errs.push(fieldError.required('reportingController'));
    errs.push(...isQualifiedName(controller).map((m) => fieldError.invalid('reportingController', controller, m)));
    const limits: Array<[string, string, number]> = [['reportingInstance', 'reportingInstance', 128], ['action', 'action', 128], ['reason', 'reason', 128]];
    for (const [field, path, limit] of limits) {
      if (!str(ev[field])) errs.push(fieldError.required(path));
      if (str(ev[field]).length > limit) errs.push(fieldError.invalid(path, '', `can have at most ${limit} characters`));
    }
    if (str(ev.message).length > 1024) errs.push(fieldError.invalid('message', '', 'can have at most 1024 characters'));
  }
  errs.push(...isDNS1123Subdomain(namespace).map((m) => fieldError.invalid('namespace', namespace, m)));
  return errs;
};

/** Pod: create and update rules. */
export const validatePod: KindValidator = (pod, old) => (old ? validatePodUpdate(pod, old) : validatePodCreate(pod));

/** Every core kind the lab validates, by Kind. */
export const coreValidators: Record<string, KindValidator> = {
  Pod: validatePod,
  Service: validateService,
  Namespace: validateNamespace,
  ConfigMap: validateConfigMap,
  Secret: validateSecret,
  ServiceAccount: validateServiceAccount,
  PersistentVolume: validatePersistentVolume,
  PersistentVolumeClaim: validatePersistentVolumeClaim,
  Endpoints: validateEndpoints,
  Event: validateEvent,
  ResourceQuota: validateResourceQuota,
  LimitRange: validateLimitRange,
  ReplicationController: validateReplicationController,
  Node: validateNode,
  PodTemplate: validatePodTemplate,
};

