/**
 * RBAC validation (pkg/apis/rbac/validation): Role, ClusterRole, RoleBinding and
 * ClusterRoleBinding. Roles and bindings have no `spec`: `rules`, `roleRef` and `subjects` sit at
 * the top of the object, so their paths start there (`rules[0].verbs`).
 */

import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { asObject, asObjects, child, index, str } from './field-path.ts';
import type { Loose } from './field-path.ts';
import { labelSelectorAsSelector, validateLabelSelector } from './group-helpers.ts';
import type { KindValidator } from './group-helpers.ts';
import { isDNS1123Subdomain, isValidPathSegmentName } from './names.ts';

const rbacGroup = 'rbac.authorization.k8s.io';

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `ValidatePolicyRule`: verbs, then either non-resource URLs or api groups and resources. */
function validatePolicyRule(rule: Loose, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (list(rule.verbs).length === 0) errs.push(fieldError.required(child(path, 'verbs'), 'verbs must contain at least one value'));
  const urls = list(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) errs.push(fieldError.invalid(child(path, 'nonResourceURLs'), urls, 'namespaced rules cannot apply to non-resource URLs'));
    if (list(rule.apiGroups).length > 0 || list(rule.resources).length > 0 || list(rule.resourceNames).length > 0) {
      errs.push(fieldError.invalid(child(path, 'nonResourceURLs'), urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (list(rule.apiGroups).length === 0) errs.push(fieldError.required(child(path, 'apiGroups'), 'resource rules must supply at least one api group'));
  if (list(rule.resources).length === 0) errs.push(fieldError.required(child(path, 'resources'), 'resource rules must supply at least one resource'));
  return errs;
}

/** Role: each rule, with non-resource URLs forbidden. */
export const validateRole: KindValidator = (obj) =>
  asObjects(obj.rules).flatMap((rule, i) => validatePolicyRule(rule, true, index('rules', i)));

/** ClusterRole: each rule, and a non-empty, valid aggregation rule when one is given. */
export const validateClusterRole: KindValidator = (obj) => {
  const errs = asObjects(obj.rules).flatMap((rule, i) => validatePolicyRule(rule, false, index('rules', i)));
  const aggregation = asObject(obj.aggregationRule);
  if (aggregation) {
    const selectors = asObjects(aggregation.clusterRoleSelectors);
    if (selectors.length === 0) {
      errs.push(fieldError.required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    }
    selectors.forEach((selector, i) => {
      const p = index('aggregationRule.clusterRoleSelectors', i);
      errs.push(...validateLabelSelector(selector, p));
      if (!labelSelectorAsSelector(selector)) errs.push(fieldError.invalid(p, selector, 'invalid label selector.'));
    });
  }
  return errs;
};

/** `ValidateRoleBindingSubject`. */
function validateSubject(subject: Loose, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(subject.name);
  const apiGroup = str(subject.apiGroup);
  if (name === '') errs.push(fieldError.required(child(path, 'name')));
  switch (str(subject.kind)) {
    case 'ServiceAccount':
      if (name !== '') errs.push(...isDNS1123Subdomain(name).map((msg) => fieldError.invalid(child(path, 'name'), name, msg)));
      if (apiGroup !== '') errs.push(fieldError.notSupported(child(path, 'apiGroup'), apiGroup, ['']));
      if (!namespaced && str(subject.namespace) === '') errs.push(fieldError.required(child(path, 'namespace')));
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== rbacGroup) errs.push(fieldError.notSupported(child(path, 'apiGroup'), apiGroup, [rbacGroup]));
      break;
    default:
      errs.push(fieldError.notSupported(child(path, 'kind'), str(subject.kind), ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

/** The rules RoleBinding and ClusterRoleBinding share; `kinds` are the roleRef kinds allowed. */
function validateBinding(obj: KubeObject, old: KubeObject | undefined, kinds: string[], namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const roleRef = asObject(obj.roleRef) ?? {};
  const apiGroup = str(roleRef.apiGroup);
  if (apiGroup !== rbacGroup) errs.push(fieldError.notSupported('roleRef.apiGroup', apiGroup, [rbacGroup]));
  if (!kinds.includes(str(roleRef.kind))) errs.push(fieldError.notSupported('roleRef.kind', str(roleRef.kind), kinds));
  const name = str(roleRef.name);
  if (name === '') errs.push(fieldError.required('roleRef.name'));
  else errs.push(...isValidPathSegmentName(name).map((msg) => fieldError.invalid('roleRef.name', name, msg)));
  asObjects(obj.subjects).forEach((subject, i) => errs.push(...validateSubject(subject, namespaced, index('subjects', i))));
  if (old) {
    const oldRef = asObject(old.roleRef) ?? {};
    if (['apiGroup', 'kind', 'name'].some((f) => str(oldRef[f]) !== str(roleRef[f]))) {
      errs.push(fieldError.invalid('roleRef', { apiGroup, kind: str(roleRef.kind), name }, 'cannot change roleRef'));
    }
  }
  return errs;
}

/** RoleBinding: roleRef to a Role or ClusterRole (immutable), subjects. */
export const validateRoleBinding: KindValidator = (obj, old) => validateBinding(obj, old, ['Role', 'ClusterRole'], true);

/** ClusterRoleBinding: roleRef to a ClusterRole (immutable), subjects (ServiceAccounts need a namespace). */
export const validateClusterRoleBinding: KindValidator = (obj, old) => validateBinding(obj, old, ['ClusterRole'], false);
