/**
 * The scheduling and security parts of a PodSpec: tolerations, node and pod affinity, topology
 * spread constraints, and the pod and container security contexts.
 */
import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import { asObject, asObjects, child, index, num, str } from './field-path.ts';
import type { Loose } from './field-path.ts';
import { validateLabelName, validateLabelSelector } from './meta.ts';
import { isValidLabelValue, isValidUserOrGroupID, nameIsDNSLabel } from './names.ts';

const taintEffects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** `validateTaintEffect`. */
export function validateTaintEffect(effect: string, allowEmpty: boolean, path: string): FieldError[] {
  if (!allowEmpty && !effect) return [fieldError.required(path)];
  return taintEffects.includes(effect) ? [] : [fieldError.notSupported(path, effect, taintEffects)];
}

/** `ValidateTolerations`. */
export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  asObjects(tolerations).forEach((t, i) => {
    const p = index(path, i);
    const k = str(t.key);
    const operator = str(t.operator);
    const effect = str(t.effect);
    if (k) errs.push(...validateLabelName(k, child(p, 'key')));
    if (!k && operator !== 'Exists') {
      errs.push(fieldError.invalid(child(p, 'operator'), operator,
        'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(fieldError.invalid(child(p, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === 'Equal' || operator === '') {
      const msgs = isValidLabelValue(str(t.value));
      if (msgs.length) errs.push(fieldError.invalid(child(p, 'operator'), str(t.value), msgs.join(';')));
    } else if (operator === 'Exists') {
      if (str(t.value)) errs.push(fieldError.invalid(child(p, 'operator'), str(t.value), "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(fieldError.notSupported(child(p, 'operator'), operator, ['Equal', 'Exists']));
    }
    if (effect) errs.push(...validateTaintEffect(effect, true, child(p, 'effect')));
  });
  return errs;
}

function validateNodeSelectorTerm(term: Loose, path: string, allowInvalidValues: boolean): FieldError[] {
  const errs: FieldError[] = [];
  asObjects(term.matchExpressions).forEach((rq, j) => {
    const p = index(child(path, 'matchExpressions'), j);
    const values = Array.isArray(rq.values) ? (rq.values as unknown[]).map(String) : [];
    const operator = str(rq.operator);
    if (operator === 'In' || operator === 'NotIn') {
      if (!values.length) errs.push(fieldError.required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length) errs.push(fieldError.forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else if (operator === 'Gt' || operator === 'Lt') {
      if (values.length !== 1) errs.push(fieldError.required(child(p, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
    } else {
      errs.push(fieldError.invalid(child(p, 'operator'), operator, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(str(rq.key), child(p, 'key')));
    if (!allowInvalidValues) {
      values.forEach((v, k) => errs.push(...isValidLabelValue(v).map((m) => fieldError.invalid(index(child(p, 'values'), k), v, m))));
    }
  });
  asObjects(term.matchFields).forEach((rq, j) => {
    const p = index(child(path, 'matchFields'), j);
    const operator = str(rq.operator);
    if (operator === 'In' || operator === 'NotIn') {
      if (!Array.isArray(rq.values) || rq.values.length !== 1) {
        errs.push(fieldError.required(child(p, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
      }
    } else {
      errs.push(fieldError.invalid(child(p, 'operator'), operator, 'not a valid selector operator'));
    }
    if (str(rq.key) !== 'metadata.name') errs.push(fieldError.invalid(child(p, 'key'), str(rq.key), 'not a valid field selector key'));
  });
  return errs;
}

function validatePodAffinityTerm(term: Loose, path: string): FieldError[] {
  const errs = [
    ...validateLabelSelector(term.labelSelector, child(path, 'labelSelector')),
    ...validateLabelSelector(term.namespaceSelector, child(path, 'namespaceSelector')),
  ];
  for (const ns of Array.isArray(term.namespaces) ? term.namespaces.map(String) : []) {
    errs.push(...nameIsDNSLabel(ns, false).map((m) => fieldError.invalid(child(path, 'namespace'), ns, m)));
  }
  const topologyKey = str(term.topologyKey);
  if (!topologyKey) errs.push(fieldError.required(child(path, 'topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(topologyKey, child(path, 'topologyKey')));
  return errs;
}

function validatePodAffinityKind(affinity: Loose, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const required = child(path, 'requiredDuringSchedulingIgnoredDuringExecution');
  asObjects(affinity.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => errs.push(...validatePodAffinityTerm(t, index(required, i))));
  const preferred = child(path, 'preferredDuringSchedulingIgnoredDuringExecution');
  asObjects(affinity.preferredDuringSchedulingIgnoredDuringExecution).forEach((w, i) => {
    const weight = num(w.weight);
    if (weight <= 0 || weight > 100) errs.push(fieldError.invalid(child(index(preferred, i), 'weight'), weight, 'must be in the range 1-100'));
    errs.push(...validatePodAffinityTerm(asObject(w.podAffinityTerm) ?? {}, child(index(preferred, i), 'podAffinityTerm')));
  });
  return errs;
}

/** `validateAffinity`: node affinity selector terms, pod (anti-)affinity terms and weights. */
export function validateAffinity(affinity: unknown, path: string): FieldError[] {
  const a = asObject(affinity);
  if (!a) return [];
  const errs: FieldError[] = [];
  const na = asObject(a.nodeAffinity);
  if (na) {
    const p = child(path, 'nodeAffinity');
    const required = asObject(na.requiredDuringSchedulingIgnoredDuringExecution);
    if (required) {
      const termsPath = child(p, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
      const terms = asObjects(required.nodeSelectorTerms);
      if (!terms.length) errs.push(fieldError.required(termsPath, 'must have at least one node selector term'));
      terms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, index(termsPath, i), false)));
    }
    const preferredPath = child(p, 'preferredDuringSchedulingIgnoredDuringExecution');
    asObjects(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const weight = num(t.weight);
      if (weight <= 0 || weight > 100) errs.push(fieldError.invalid(child(index(preferredPath, i), 'weight'), weight, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(asObject(t.preference) ?? {}, child(index(preferredPath, i), 'preference'), true));
    });
  }
  const pa = asObject(a.podAffinity);
  if (pa) errs.push(...validatePodAffinityKind(pa, child(path, 'podAffinity')));
  const paa = asObject(a.podAntiAffinity);
  if (paa) errs.push(...validatePodAffinityKind(paa, child(path, 'podAntiAffinity')));
  return errs;
}

/** `validateTopologySpreadConstraints` (the common checks). */
export function validateTopologySpreadConstraints(constraints: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  asObjects(constraints).forEach((c, i) => {
    const p = index(path, i);
    const maxSkew = num(c.maxSkew);
    if (maxSkew <= 0) errs.push(fieldError.invalid(child(p, 'maxSkew'), maxSkew, 'must be greater than zero'));
    const topologyKey = str(c.topologyKey);
    if (!topologyKey) errs.push(fieldError.required(child(p, 'topologyKey'), 'can not be empty'));
    else errs.push(...validateLabelName(topologyKey, child(p, 'topologyKey')));
    const when = str(c.whenUnsatisfiable);
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(when)) {
      errs.push(fieldError.notSupported(child(p, 'whenUnsatisfiable'), when, ['DoNotSchedule', 'ScheduleAnyway']));
    }
    const pair = `${topologyKey}/${when}`;
    if (seen.has(pair)) errs.push(fieldError.duplicate(p, { topologyKey, whenUnsatisfiable: when }));
    seen.add(pair);
    errs.push(...validateLabelSelector(c.labelSelector, child(p, 'labelSelector')));
  });
  return errs;
}

function validateIDs(sc: Loose, path: string, fields: string[]): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of fields) {
    if (typeof sc[f] === 'number') errs.push(...isValidUserOrGroupID(sc[f]).map((m) => fieldError.invalid(child(path, f), sc[f], m)));
  }
  return errs;
}

/** `validatePodSpecSecurityContext` (the parts a learner can get wrong). */
export function validatePodSecurityContext(securityContext: unknown, path: string): FieldError[] {
  const sc = asObject(securityContext);
  if (!sc) return [];
  const errs = validateIDs(sc, path, ['fsGroup', 'runAsUser', 'runAsGroup']);
  (Array.isArray(sc.supplementalGroups) ? sc.supplementalGroups : []).forEach((gid, g) => {
    if (typeof gid === 'number') errs.push(...isValidUserOrGroupID(gid).map((m) => fieldError.invalid(index(child(path, 'supplementalGroups'), g), gid, m)));
  });
  if (sc.fsGroupChangePolicy !== undefined && !['Always', 'OnRootMismatch'].includes(str(sc.fsGroupChangePolicy))) {
    errs.push(fieldError.notSupported(child(path, 'fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, child(path, 'seccompProfile')));
  return errs;
}

function validateSeccompProfile(profile: unknown, path: string): FieldError[] {
  const sp = asObject(profile);
  if (!sp) return [];
  const type = str(sp.type);
  if (!type) return [fieldError.required(child(path, 'type'), 'type is required when seccompProfile is set')];
  if (!['Localhost', 'RuntimeDefault', 'Unconfined'].includes(type)) {
    return [fieldError.notSupported(child(path, 'type'), type, ['Localhost', 'RuntimeDefault', 'Unconfined'])];
  }
  if (type === 'Localhost' && sp.localhostProfile === undefined) {
    return [fieldError.required(child(path, 'localhostProfile'), 'must be set when seccomp type is Localhost')];
  }
  return [];
}

/** `ValidateSecurityContext` for a container. */
export function validateContainerSecurityContext(securityContext: unknown, path: string): FieldError[] {
  const sc = asObject(securityContext);
  if (!sc) return [];
  const errs = validateIDs(sc, path, ['runAsUser', 'runAsGroup']);
  errs.push(...validateSeccompProfile(sc.seccompProfile, child(path, 'seccompProfile')));
  if (sc.allowPrivilegeEscalation === false && sc.privileged === true) {
    errs.push(fieldError.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
  }
  return errs;
}
