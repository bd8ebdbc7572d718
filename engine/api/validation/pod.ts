/**
 * PodSpec, PodTemplateSpec and Pod validation (`ValidatePodSpec`, `ValidatePodTemplateSpec`,
 * `ValidatePodCreate`, `ValidatePodUpdate`). Workload validators (apps, batch) call
 * `validatePodTemplateSpec`; the Pod kind itself is validated by `validatePodCreate` and
 * `validatePodUpdate`.
 */
import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { asObject, asObjects, child, deepEqual, index, str } from './field-path.ts';
import type { Loose } from './field-path.ts';
import { validateAnnotations, validateLabels, validateObjectMeta } from './meta.ts';
import {
  inclusiveRangeError, isDNS1123Label, isQualifiedName, nameIsDNSSubdomain,
} from './names.ts';
import {
  checkHostPortConflicts, validateContainerCommon, validateHandler, validateProbe,
} from './pod-containers.ts';
import {
  validateAffinity, validateContainerSecurityContext, validatePodSecurityContext, validateTolerations,
  validateTopologySpreadConstraints,
} from './pod-scheduling.ts';
import { validateVolumes } from './pod-volumes.ts';

/** `PodValidationOptions`: `resourceIsPod` is true for a Pod, false for a template in a workload. */
export interface PodValidationOptions {
  resourceIsPod?: boolean;
}

const maxInt32 = 2147483647;

function validateLifecycle(lifecycle: Loose, path: string, gracePeriod?: number): FieldError[] {
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    const h = asObject(lifecycle[hook]);
    if (h) errs.push(...validateHandler(h, child(path, hook), ['exec', 'httpGet', 'tcpSocket', 'sleep'], gracePeriod));
  }
  return errs;
}

function validateContainers(containers: Loose[], volumes: Set<string>, path: string, gracePeriod?: number): FieldError[] {
  if (containers.length === 0) return [fieldError.required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((ctr, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(ctr, volumes, p));
    errs.push(...validateContainerSecurityContext(ctr.securityContext, child(p, 'securityContext')));
    const name = str(ctr.name);
    if (names.has(name)) errs.push(fieldError.duplicate(child(p, 'name'), name));
    else names.add(name);
    const lifecycle = asObject(ctr.lifecycle);
    if (lifecycle) errs.push(...validateLifecycle(lifecycle, child(p, 'lifecycle'), gracePeriod));
    errs.push(...validateProbe(ctr.livenessProbe, child(p, 'livenessProbe'), 'liveness'));
    errs.push(...validateProbe(ctr.readinessProbe, child(p, 'readinessProbe'), 'readiness'));
    errs.push(...validateProbe(ctr.startupProbe, child(p, 'startupProbe'), 'startup'));
    if (ctr.restartPolicy !== undefined) errs.push(fieldError.forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

function validateInitContainers(inits: Loose[], regular: Loose[], volumes: Set<string>, path: string, gracePeriod?: number): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(regular.map((c) => str(c.name)));
  inits.forEach((ctr, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(ctr, volumes, p));
    errs.push(...validateContainerSecurityContext(ctr.securityContext, child(p, 'securityContext')));
    let sidecar = false;
    if (ctr.restartPolicy !== undefined) {
      if (ctr.restartPolicy !== 'Always') errs.push(fieldError.notSupported(child(p, 'restartPolicy'), ctr.restartPolicy, ['Always']));
      sidecar = ctr.restartPolicy === 'Always';
    }
    const name = str(ctr.name);
    if (names.has(name)) errs.push(fieldError.duplicate(child(p, 'name'), name));
    else if (name) names.add(name);
    // Init containers run one at a time, so host ports only clash within one container.
    errs.push(...checkHostPortConflicts([ctr], path).map((e) => ({ ...e, field: e.field.replace(`${path}[0]`, p) })));
    if (sidecar) {
      const lifecycle = asObject(ctr.lifecycle);
      if (lifecycle) errs.push(...validateLifecycle(lifecycle, child(p, 'lifecycle'), gracePeriod));
      errs.push(...validateProbe(ctr.livenessProbe, child(p, 'livenessProbe'), 'liveness'));
      errs.push(...validateProbe(ctr.readinessProbe, child(p, 'readinessProbe'), 'readiness'));
      errs.push(...validateProbe(ctr.startupProbe, child(p, 'startupProbe'), 'startup'));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (ctr[f] !== undefined) errs.push(fieldError.forbidden(child(p, f), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

function validateEphemeralContainers(ephemeral: Loose[], spec: Loose, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const others = new Set([...asObjects(spec.containers), ...asObjects(spec.initContainers)].map((c) => str(c.name)));
  const all = new Set(others);
  ephemeral.forEach((ec, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(ec, volumes, p));
    const name = str(ec.name);
    if (all.has(name)) errs.push(fieldError.duplicate(child(p, 'name'), name));
    else all.add(name);
    const target = str(ec.targetContainerName);
    if (target && !others.has(target)) errs.push(fieldError.notFound(child(p, 'targetContainerName'), target));
    for (const f of ['ports', 'resources', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle']) {
      const v = ec[f];
      if (v !== undefined && !deepEqual(v, {})) errs.push(fieldError.forbidden(child(p, f), 'cannot be set for an Ephemeral Container'));
    }
  });
  return errs;
}

function validateRestartPolicy(policy: string, path: string): FieldError[] {
  if (policy === '') return [fieldError.required(path)];
  const valid = ['Always', 'OnFailure', 'Never'];
  return valid.includes(policy) ? [] : [fieldError.notSupported(path, policy, valid)];
}

function validateDNSPolicy(policy: string, path: string): FieldError[] {
  if (policy === '') return [fieldError.required(path)];
  const valid = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  return valid.includes(policy) ? [] : [fieldError.notSupported(path, policy, valid)];
}

function validateNameField(value: unknown, path: string, validator: (v: string) => string[]): FieldError[] {
  const v = str(value);
  return v ? validator(v).map((m) => fieldError.invalid(path, v, m)) : [];
}

/** `ValidatePodSpec`: `spec.containers: Required value`, names, volumes and mounts, policies, scheduling. */
export function validatePodSpec(specValue: unknown, path: string, opts: PodValidationOptions = {}): FieldError[] {
  const spec = asObject(specValue) ?? {};
  const errs: FieldError[] = [];
  const grace = spec.terminationGracePeriodSeconds;
  if (typeof grace !== 'number') errs.push(fieldError.required(child(path, 'terminationGracePeriodSeconds')));
  const gracePeriod = typeof grace === 'number' ? grace : undefined;
  const { names: volumes, errors: volumeErrors } = validateVolumes(spec.volumes, child(path, 'volumes'));
  errs.push(...volumeErrors);
  const containers = asObjects(spec.containers);
  errs.push(...validateContainers(containers, volumes, child(path, 'containers'), gracePeriod));
  errs.push(...validateInitContainers(asObjects(spec.initContainers), containers, volumes, child(path, 'initContainers'), gracePeriod));
  errs.push(...validateEphemeralContainers(asObjects(spec.ephemeralContainers), spec, volumes, child(path, 'ephemeralContainers')));
  const sc = asObject(spec.securityContext);
  if (spec.hostNetwork === true || sc?.hostNetwork === true) {
    containers.forEach((ctr, i) => asObjects(ctr.ports).forEach((port, j) => {
      const hp = typeof port.hostPort === 'number' ? port.hostPort : 0;
      if ((opts.resourceIsPod || hp !== 0) && hp !== port.containerPort) {
        errs.push(fieldError.invalid(child(index(child(index(child(path, 'containers'), i), 'ports'), j), 'hostPort'), hp,
          'must match `containerPort` when `hostNetwork` is true'));
      }
    }));
  }
  errs.push(...validateRestartPolicy(str(spec.restartPolicy), child(path, 'restartPolicy')));
  errs.push(...validateDNSPolicy(str(spec.dnsPolicy), child(path, 'dnsPolicy')));
  errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  errs.push(...validatePodSecurityContext(spec.securityContext, child(path, 'securityContext')));
  asObjects(spec.imagePullSecrets).forEach((ref, i) => {
    if (Object.keys(ref).some((k) => k !== 'name')) errs.push(fieldError.invalid(index(child(path, 'imagePullSecrets'), i), ref, 'only name may be set'));
  });
  errs.push(...validateAffinity(spec.affinity, child(path, 'affinity')));
  if (spec.dnsPolicy === 'None' && !asObject(spec.dnsConfig)) {
    errs.push(fieldError.required(child(path, 'dnsConfig'), 'must provide `dnsConfig` when `dnsPolicy` is None'));
  }
  asObjects(spec.readinessGates).forEach((g, i) => {
    const t = str(g.conditionType);
    errs.push(...isQualifiedName(t).map((m) => fieldError.invalid(child(index(child(path, 'readinessGates'), i), 'conditionType'), t, m)));
  });
  errs.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, child(path, 'topologySpreadConstraints')));
  errs.push(...validateNameField(spec.serviceAccountName, child(path, 'serviceAccountName'), (v) => nameIsDNSSubdomain(v, false)));
  errs.push(...validateNameField(spec.nodeName, child(path, 'nodeName'), (v) => nameIsDNSSubdomain(v, false)));
  if (typeof spec.activeDeadlineSeconds === 'number' && (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > maxInt32)) {
    errs.push(fieldError.invalid(child(path, 'activeDeadlineSeconds'), spec.activeDeadlineSeconds, inclusiveRangeError(1, maxInt32)));
  }
  errs.push(...validateNameField(spec.hostname, child(path, 'hostname'), isDNS1123Label));
  errs.push(...validateNameField(spec.subdomain, child(path, 'subdomain'), isDNS1123Label));
  errs.push(...validateTolerations(spec.tolerations, child(path, 'tolerations')));
  errs.push(...validateNameField(spec.priorityClassName, child(path, 'priorityClassName'), (v) => nameIsDNSSubdomain(v, false)));
  return errs;
}

/** `ValidatePodTemplateSpec`: labels, annotations, the spec, and no ephemeral containers. */
export function validatePodTemplateSpec(template: unknown, path: string, opts: PodValidationOptions = {}): FieldError[] {
  const t = asObject(template) ?? {};
  const meta = asObject(t.metadata) ?? {};
  const errs = [
    ...validateLabels(meta.labels, child(path, 'labels')),
    ...validateAnnotations(meta.annotations, child(path, 'annotations')),
    ...validatePodSpec(t.spec, child(path, 'spec'), opts),
  ];
  if (asObjects(asObject(t.spec)?.ephemeralContainers).length > 0) {
    errs.push(fieldError.forbidden(child(path, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

/** Metadata, spec and the Pod-only checks shared by create and update (`validatePodMetadataAndSpec`). */
export function validatePodMetadataAndSpec(pod: KubeObject): FieldError[] {
  const spec = asObject(pod.spec) ?? {};
  const errs = [
    ...validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain),
    ...validatePodSpec(spec, 'spec', { resourceIsPod: true }),
  ];
  if (!str(spec.serviceAccountName)) {
    asObjects(spec.volumes).forEach((vol, vi) => {
      asObjects(asObject(vol.projected)?.sources).forEach((source, si) => {
        if (source.serviceAccountToken) {
          errs.push(fieldError.forbidden(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`,
            'must not be specified when serviceAccountName is not set'));
        }
      });
    });
  }
  for (const list of ['containers', 'initContainers']) {
    asObjects(spec[list]).forEach((ctr, i) => {
      const image = str(ctr.image);
      if (image !== image.trim()) errs.push(fieldError.invalid(`spec.${list}[${i}].image`, image, 'must not have leading or trailing whitespace'));
    });
  }
  return errs;
}

/** `ValidatePodCreate`: metadata, spec, and `spec.ephemeralContainers: Forbidden: cannot be set on create`. */
export function validatePodCreate(pod: KubeObject): FieldError[] {
  const spec = asObject(pod.spec) ?? {};
  const errs = validatePodMetadataAndSpec(pod);
  if (asObjects(spec.ephemeralContainers).length > 0) errs.push(fieldError.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (str(spec.nodeName) && asObjects(spec.schedulingGates).length > 0) {
    errs.push(fieldError.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

export { validatePodUpdate } from './pod-update.ts';
