/**
 * `ValidatePodUpdate`: a running Pod's spec is immutable except for container images,
 * activeDeadlineSeconds (only shorter), added tolerations and removed scheduling gates.
 * Anything else is `spec: Forbidden: pod updates may not change fields other than …` followed
 * by a diff. Kubernetes prints that diff with go-cmp; this prints the changed fields in a
 * similar `-`/`+` shape (the exact go-cmp layout is not reproduced).
 */
import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { asObject, asObjects, deepEqual, str } from './field-path.ts';
import type { Loose } from './field-path.ts';
import { validateObjectMetaUpdate } from './meta.ts';
import { inclusiveRangeError } from './names.ts';
import { validatePodMetadataAndSpec } from './pod.ts';
import { validateTolerations } from './pod-scheduling.ts';

/** The fields a Pod update may change, exactly as Kubernetes lists them. */
export const updatablePodSpecFields = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validateContainerUpdates(newList: Loose[], oldList: Loose[], path: string): { errs: FieldError[]; stop: boolean } {
  if (newList.length !== oldList.length) return { errs: [fieldError.forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  newList.forEach((ctr, i) => {
    const image = str(ctr.image);
    if (!image) errs.push(fieldError.required(`${path}[${i}].image`));
    if (image.trim() !== image) errs.push(fieldError.invalid(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

/** `validateOnlyAddedTolerations`: existing tolerations may only change their tolerationSeconds. */
function validateOnlyAddedTolerations(newList: Loose[], oldList: Loose[], path: string): FieldError[] {
  for (const old of oldList) {
    const found = newList.some((t) => deepEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [fieldError.forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(newList, path);
}

/** The changed fields of two specs, one `-`/`+` pair per leaf that differs. */
export function specDiff(oldValue: unknown, newValue: unknown, path = ''): string[] {
  if (deepEqual(oldValue, newValue)) return [];
  const o = asObject(oldValue);
  const n = asObject(newValue);
  if (o && n) {
    const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])];
    return keys.flatMap((k) => specDiff(o[k], n[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(oldValue) && Array.isArray(newValue) && oldValue.length === newValue.length) {
    return oldValue.flatMap((v, i) => specDiff(v, newValue[i], `${path}[${i}]`));
  }
  const lines: string[] = [];
  if (oldValue !== undefined) lines.push(`- \t${path}: ${JSON.stringify(oldValue)},`);
  if (newValue !== undefined) lines.push(`+ \t${path}: ${JSON.stringify(newValue)},`);
  return lines;
}

/** `ValidatePodUpdate`. */
export function validatePodUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(pod.metadata, old.metadata), ...validatePodMetadataAndSpec(pod)];
  const spec = asObject(pod.spec) ?? {};
  const oldSpec = asObject(old.spec) ?? {};
  for (const list of ['containers', 'initContainers']) {
    const { errs: e, stop } = validateContainerUpdates(asObjects(spec[list]), asObjects(oldSpec[list]), `spec.${list}`);
    errs.push(...e);
    if (stop) return errs;
  }
  const ads = spec.activeDeadlineSeconds;
  if (typeof ads === 'number') {
    if (ads < 0 || ads > 2147483647) {
      errs.push(fieldError.invalid('spec.activeDeadlineSeconds', ads, inclusiveRangeError(0, 2147483647)));
      return errs;
    }
    if (typeof oldSpec.activeDeadlineSeconds === 'number' && oldSpec.activeDeadlineSeconds < ads) {
      errs.push(fieldError.invalid('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (typeof oldSpec.activeDeadlineSeconds === 'number') {
    errs.push(fieldError.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(asObjects(spec.tolerations), asObjects(oldSpec.tolerations), 'spec.tolerations'));
  const oldGates = new Set(asObjects(oldSpec.schedulingGates).map((g) => str(g.name)));
  asObjects(spec.schedulingGates).forEach((g, i) => {
    if (!oldGates.has(str(g.name))) {
      errs.push(fieldError.forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${str(g.name)}'`));
    }
  });
  if (deepEqual(spec, oldSpec)) return errs;

  // Put the old values back into the fields that may change; whatever still differs is forbidden.
  const munged: Loose = { ...spec };
  for (const list of ['containers', 'initContainers']) {
    const oldList = asObjects(oldSpec[list]);
    if (Array.isArray(spec[list])) munged[list] = asObjects(spec[list]).map((c, i) => ({ ...c, image: oldList[i]?.image }));
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (typeof oldGrace === 'number' && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (!deepEqual(munged, oldSpec)) {
    const diff = ['  core.PodSpec{', ...specDiff(oldSpec, munged), '  }'].join('\n');
    errs.push(fieldError.forbidden('spec', `pod updates may not change fields other than ${updatablePodSpecFields.join(',')}\n${diff}`));
  }
  return errs;
}
