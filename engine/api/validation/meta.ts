/**
 * ObjectMeta validation as apimachinery's `pkg/api/validation/objectmeta.go` and
 * `apis/meta/v1/validation` do it: names, namespace, labels, annotations, owner references and
 * finalizers on create, and the immutable fields on update.
 *
 * A cluster-scoped object that arrives with `metadata.namespace` has it cleared before validation
 * (that is the defaulting/strategy step), so `not allowed on this type` is only seen when a
 * caller skips that step.
 */
import { goOwnerReference, goOwnerReferences } from '../go-syntax.ts';
import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { ObjectMeta, OwnerReference } from '../types.ts';
import { asObject, asObjects, child, deepEqual, index, str, strMap } from './field-path.ts';
import {
  byteLength, isQualifiedName, isValidLabelValue, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, nameIsPathSegment,
} from './names.ts';
import type { NameValidator } from './names.ts';

/** `must be greater than or equal to 0`. */
export const isNegativeErrorMsg = 'must be greater than or equal to 0';
/** `field is immutable`. */
export const fieldImmutableErrorMsg = 'field is immutable';
/** The total size of all annotation keys and values: 256 KiB. */
export const totalAnnotationSizeLimitB = 256 * 1024;

/** `ValidateNonnegativeField`. */
export function validateNonnegativeField(value: number, path: string): FieldError[] {
  return value < 0 ? [fieldError.invalid(path, value, isNegativeErrorMsg)] : [];
}

/** `ValidateImmutableField`: `Invalid value: <new>: field is immutable`. */
export function validateImmutableField(newValue: unknown, oldValue: unknown, path: string): FieldError[] {
  return deepEqual(newValue, oldValue) ? [] : [fieldError.invalid(path, newValue ?? null, fieldImmutableErrorMsg)];
}

/** `ValidateLabelName`: a label key is a qualified name. */
export function validateLabelName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((msg) => fieldError.invalid(path, name, msg));
}

/** `ValidateLabels`: every key a qualified name, every value a label value; errors name the map, not the key. */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(strMap(labels))) {
    errs.push(...validateLabelName(k, path));
    errs.push(...isValidLabelValue(v).map((msg) => fieldError.invalid(path, v, msg)));
  }
  return errs;
}

/** `ValidateAnnotations`: keys are qualified names (case-insensitive), and all of it ≤ 256 KiB. */
export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(strMap(annotations))) {
    errs.push(...isQualifiedName(k.toLowerCase()).map((msg) => fieldError.invalid(path, k, msg)));
    total += byteLength(k) + byteLength(v);
  }
  if (total > totalAnnotationSizeLimitB) errs.push(fieldError.tooLong(path, '', totalAnnotationSizeLimitB));
  return errs;
}

/** Options of `ValidateLabelSelector`. */
export interface LabelSelectorOptions {
  allowInvalidLabelValueInSelector?: boolean;
}

/** `ValidateLabelSelector` (metav1): matchLabels as labels, matchExpressions operator by operator. */
export function validateLabelSelector(selector: unknown, path: string, opts: LabelSelectorOptions = {}): FieldError[] {
  const ps = asObject(selector);
  if (!ps) return [];
  const errs = validateLabels(ps.matchLabels, child(path, 'matchLabels'));
  asObjects(ps.matchExpressions).forEach((expr, i) => {
    const p = index(child(path, 'matchExpressions'), i);
    const values = Array.isArray(expr.values) ? (expr.values as unknown[]).map(String) : [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(fieldError.required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          errs.push(fieldError.forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
        break;
      default:
        errs.push(fieldError.invalid(child(p, 'operator'), str(expr.operator), 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(str(expr.key), child(p, 'key')));
    if (!opts.allowInvalidLabelValueInSelector) {
      values.forEach((v, j) => errs.push(...isValidLabelValue(v).map((msg) => fieldError.invalid(index(child(p, 'values'), j), v, msg))));
    }
  });
  return errs;
}


/** `schema.ParseGroupVersion`: `v1` → core, `apps/v1` → apps; anything else has no version. */
function parseGroupVersion(apiVersion: string): { group: string; version: string } {
  const parts = apiVersion.split('/');
  if (apiVersion === '' || parts.length > 2) return { group: '', version: '' };
  return parts.length === 1 ? { group: '', version: parts[0] } : { group: parts[0], version: parts[1] };
}

/** `ValidateOwnerReferences`: each reference complete, and at most one with `controller: true`. */
export function validateOwnerReferences(ownerReferences: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const refs = asObjects(ownerReferences);
  let firstController = '';
  for (const ref of refs) {
    const gv = parseGroupVersion(str(ref.apiVersion));
    if (!gv.version) errs.push(fieldError.invalid(child(path, 'apiVersion'), str(ref.apiVersion), 'version must not be empty'));
    if (!str(ref.kind)) errs.push(fieldError.invalid(child(path, 'kind'), str(ref.kind), 'must not be empty'));
    if (!str(ref.name)) errs.push(fieldError.invalid(child(path, 'name'), str(ref.name), 'must not be empty'));
    if (!str(ref.uid)) errs.push(fieldError.invalid(child(path, 'uid'), str(ref.uid), 'must not be empty'));
    // Events may not own anything (apimachinery's BannedOwners).
    if (gv.group === '' && gv.version === 'v1' && ref.kind === 'Event') {
      errs.push(fieldError.invalid(path, goOwnerReference(ref), '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (ref.controller === true) {
      const current = `${str(ref.kind)}/${str(ref.name)}`;
      if (firstController) {
        errs.push(fieldError.invalid(path, goOwnerReferences(refs),
          `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`));
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}

/** Finalizer names Kubernetes itself defines; any other must be qualified (`example.com/x`). */
const standardFinalizers = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** `ValidateFinalizers` plus core's `validateKubeFinalizerName`. */
export function validateFinalizers(finalizers: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = Array.isArray(finalizers) ? finalizers.map(String) : [];
  for (const f of list) errs.push(...isQualifiedName(f).map((msg) => fieldError.invalid(path, f, msg)));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(fieldError.invalid(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  list.forEach((f, i) => {
    if (!f.includes('/') && !standardFinalizers.has(f)) {
      errs.push(fieldError.invalid(index(path, i), f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

/**
 * The name rule of each kind, keyed `group/Kind` (`/Service` for the core group). Kinds not
 * listed use DNS subdomains, as most of Kubernetes does.
 */
const nameRules: Record<string, NameValidator> = {
  '/Namespace': nameIsDNSLabel,
  '/Service': nameIsDNS1035Label,
  'rbac.authorization.k8s.io/Role': nameIsPathSegment,
  'rbac.authorization.k8s.io/ClusterRole': nameIsPathSegment,
  'rbac.authorization.k8s.io/RoleBinding': nameIsPathSegment,
  'rbac.authorization.k8s.io/ClusterRoleBinding': nameIsPathSegment,
  // `v1.` (the core group's APIService) is no DNS subdomain; the `<version>.<group>` rule is in admission-webhooks.ts.
  'apiregistration.k8s.io/APIService': nameIsPathSegment,
};

/** The `ValidateNameFunc` Kubernetes uses for a kind's `metadata.name`. */
export function nameValidatorFor(group: string, kind: string): NameValidator {
  return nameRules[`${group}/${kind}`] ?? nameIsDNSSubdomain;
}

/** `ValidateObjectMeta` (core flavour): on create, after name generation. */
export function validateObjectMeta(meta: ObjectMeta | undefined, namespaced: boolean, nameFn: NameValidator, path = 'metadata'): FieldError[] {
  const m: ObjectMeta = meta ?? {};
  const errs: FieldError[] = [];
  const generateName = str(m.generateName);
  if (generateName) {
    errs.push(...nameFn(generateName, true).map((msg) => fieldError.invalid(child(path, 'generateName'), generateName, msg)));
  }
  const name = str(m.name);
  if (!name) errs.push(fieldError.required(child(path, 'name'), 'name or generateName is required'));
  else errs.push(...nameFn(name, false).map((msg) => fieldError.invalid(child(path, 'name'), name, msg)));
  const namespace = str(m.namespace);
  if (namespaced) {
    if (!namespace) errs.push(fieldError.required(child(path, 'namespace')));
    else errs.push(...nameIsDNSLabel(namespace, false).map((msg) => fieldError.invalid(child(path, 'namespace'), namespace, msg)));
  } else if (namespace) {
    errs.push(fieldError.forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  errs.push(...validateCommonMeta(m, path));
  return errs;
}

function validateCommonMeta(m: ObjectMeta, path: string): FieldError[] {
  return [
    ...validateNonnegativeField(typeof m.generation === 'number' ? m.generation : 0, child(path, 'generation')),
    ...validateLabels(m.labels, child(path, 'labels')),
    ...validateAnnotations(m.annotations, child(path, 'annotations')),
    ...validateOwnerReferences(m.ownerReferences as OwnerReference[] | undefined, child(path, 'ownerReferences')),
    ...validateFinalizers(m.finalizers, child(path, 'finalizers')),
  ];
}

/** `ValidateObjectMetaUpdate`: resourceVersion required; name, namespace, uid, creationTimestamp … immutable. */
export function validateObjectMetaUpdate(newMeta: ObjectMeta | undefined, oldMeta: ObjectMeta | undefined, path = 'metadata'): FieldError[] {
  const n: ObjectMeta = newMeta ?? {};
  const o: ObjectMeta = oldMeta ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const oldSet = new Set(Array.isArray(o.finalizers) ? o.finalizers : []);
    const extra = [...new Set(Array.isArray(n.finalizers) ? n.finalizers : [])].filter((f) => !oldSet.has(f)).sort();
    if (extra.length) {
      errs.push(fieldError.forbidden(child(path, 'finalizers'),
        `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`));
    }
  }
  const rv = str(n.resourceVersion);
  if (!rv) errs.push(fieldError.invalid(child(path, 'resourceVersion'), rv, 'must be specified for an update'));
  const newGeneration = typeof n.generation === 'number' ? n.generation : 0;
  const oldGeneration = typeof o.generation === 'number' ? o.generation : 0;
  if (newGeneration < oldGeneration) errs.push(fieldError.invalid(child(path, 'generation'), newGeneration, 'must not be decremented'));
  errs.push(...validateImmutableField(str(n.name), str(o.name), child(path, 'name')));
  errs.push(...validateImmutableField(str(n.namespace), str(o.namespace), child(path, 'namespace')));
  errs.push(...validateImmutableField(str(n.uid), str(o.uid), child(path, 'uid')));
  errs.push(...validateImmutableField(n.creationTimestamp ?? null, o.creationTimestamp ?? null, child(path, 'creationTimestamp')));
  errs.push(...validateImmutableField(n.deletionTimestamp ?? null, o.deletionTimestamp ?? null, child(path, 'deletionTimestamp')));
  errs.push(...validateImmutableField(n.deletionGracePeriodSeconds ?? null, o.deletionGracePeriodSeconds ?? null,
    child(path, 'deletionGracePeriodSeconds')));
  errs.push(...validateLabels(n.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(n.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(n.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(n.finalizers, child(path, 'finalizers')));
  return errs;
}

/** `ValidateTemplateObjectMeta`: embedded templates (PVC templates) may only carry labels and annotations. */
export function validateTemplateObjectMeta(meta: unknown, path: string): FieldError[] {
  const m = asObject(meta) ?? {};
  const errs = [...validateAnnotations(m.annotations, child(path, 'annotations')), ...validateLabels(m.labels, child(path, 'labels'))];
  for (const k of Object.keys(m)) {
    if (k !== 'labels' && k !== 'annotations' && m[k] !== undefined && m[k] !== '' && m[k] !== null) {
      errs.push(fieldError.forbidden(child(path, k), 'cannot be set'));
    }
  }
  return errs;
}
