/**
 * Spec validation of the apps group (pkg/apis/apps/validation): Deployment, ReplicaSet,
 * StatefulSet, DaemonSet and ControllerRevision, on create and on update.
 */

import { fieldError } from '../field-errors.ts';
import { goIntOrString, goLabelSelector, goStringMap } from '../go-syntax.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { asObject, child, deepEqual, str, strMap } from './field-path.ts';
import type { Loose } from './field-path.ts';
import {
  immutable, intOrPercentValue, isSet, labelSelectorAsSelector, nonNegative, notMoreThan100Percent,
  selectorMatches, selectorTermCount, specOf, validateLabelSelector, validateLabels, validatePositiveIntOrPercent,
} from './group-helpers.ts';
import type { KindValidator, PodTemplateValidator } from './group-helpers.ts';

/** `spec.selector` rules shared by Deployment, ReplicaSet and StatefulSet. */
function validateWorkloadSelector(spec: Loose, kindWord: string): FieldError[] {
  if (!isSet(spec.selector)) return [fieldError.required('spec.selector')];
  const errs = validateLabelSelector(spec.selector, 'spec.selector');
  if (selectorTermCount(spec.selector) === 0) {
    errs.push(fieldError.invalid('spec.selector', goLabelSelector(spec.selector), `empty selector is invalid for ${kindWord}`));
  }
  return errs;
}

/** `spec.selector: Invalid value: v1.LabelSelector{…}: field is immutable`. */
function immutableSelector(selector: unknown, old: unknown): FieldError[] {
  return deepEqual(selector, old) ? [] : [fieldError.invalid('spec.selector', goLabelSelector(selector), 'field is immutable')];
}

/** `selector does not match template labels`, when the selector is parseable and not empty. */
function selectorMismatch(spec: Loose, template: Loose): FieldError[] {
  const selector = labelSelectorAsSelector(spec.selector);
  if (!selector || selector.kind === 'everything') return [];
  const labels = strMap(asObject(template.metadata)?.labels);
  if (selectorMatches(selector, labels)) return [];
  return [fieldError.invalid('spec.template.metadata.labels', goStringMap(asObject(template.metadata)?.labels),
    '`selector` does not match template `labels`')];
}

/** The template's `restartPolicy: Always` and no `activeDeadlineSeconds` rules of long-running workloads. */
function alwaysRestartRules(template: Loose, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  const podSpec = asObject(template.spec) ?? {};
  if (str(podSpec.restartPolicy) !== 'Always') {
    errs.push(fieldError.notSupported('spec.template.spec.restartPolicy', str(podSpec.restartPolicy), ['Always']));
  }
  if (isSet(podSpec.activeDeadlineSeconds)) {
    errs.push(fieldError.forbidden('spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

/** `ValidatePodTemplateSpecForReplicaSet` (Deployments use it too). */
function validateReplicaSetTemplate(spec: Loose, validatePodTemplate: PodTemplateValidator): FieldError[] {
  if (!labelSelectorAsSelector(spec.selector)) {
    return [fieldError.invalid('spec.selector', spec.selector, 'invalid label selector')];
  }
  const template = asObject(spec.template);
  if (!template) return [fieldError.required('spec.template')];
  return [
    ...selectorMismatch(spec, template),
    ...validatePodTemplate(template, 'spec.template'),
    ...alwaysRestartRules(template, 'ReplicaSet'),
  ];
}

/** `ValidateRollingUpdateDeployment`. */
function validateRollingUpdateDeployment(ru: Loose, path: string): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, child(path, 'maxUnavailable')),
    ...validatePositiveIntOrPercent(ru.maxSurge, child(path, 'maxSurge')),
  ];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(fieldError.invalid(child(path, 'maxUnavailable'), goIntOrString(ru.maxUnavailable ?? 0), 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...notMoreThan100Percent(ru.maxUnavailable, child(path, 'maxUnavailable')));
  return errs;
}

/** `ValidateDeploymentStrategy`. */
function validateDeploymentStrategy(strategy: Loose): FieldError[] {
  const type = str(strategy.type);
  if (type === 'Recreate') {
    return isSet(strategy.rollingUpdate)
      ? [fieldError.forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'")]
      : [];
  }
  if (type === 'RollingUpdate') {
    const ru = asObject(strategy.rollingUpdate);
    if (!ru) return [fieldError.required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil')];
    return validateRollingUpdateDeployment(ru, 'spec.strategy.rollingUpdate');
  }
  return [fieldError.notSupported('spec.strategy', strategy, ['Recreate', 'RollingUpdate'])];
}

/** Deployment: `ValidateDeploymentSpec`, plus the selector immutability of apps/v1 on update. */
export function validateDeployment(validatePodTemplate: PodTemplateValidator): KindValidator {
  return (obj, old) => {
    const spec = specOf(obj);
    const errs = [
      ...nonNegative(spec.replicas, 'spec.replicas'),
      ...validateWorkloadSelector(spec, 'deployment'),
      ...validateReplicaSetTemplate(spec, validatePodTemplate),
      ...validateDeploymentStrategy(asObject(spec.strategy) ?? {}),
      ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
      ...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
    ];
    const deadline = spec.progressDeadlineSeconds;
    if (typeof deadline === 'number') {
      errs.push(...nonNegative(deadline, 'spec.progressDeadlineSeconds'));
      if (deadline <= (typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0)) {
        errs.push(fieldError.invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
      }
    }
    if (old) errs.push(...immutableSelector(spec.selector, specOf(old).selector));
    return errs;
  };
}

/** ReplicaSet: `ValidateReplicaSetSpec` (its empty-selector message says "deployment", as upstream's does). */
export function validateReplicaSet(validatePodTemplate: PodTemplateValidator): KindValidator {
  return (obj, old) => {
    const spec = specOf(obj);
    const errs = [
      ...nonNegative(spec.replicas, 'spec.replicas'),
      ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
      ...validateWorkloadSelector(spec, 'deployment'),
      ...validateReplicaSetTemplate(spec, validatePodTemplate),
    ];
    if (old) errs.push(...immutableSelector(spec.selector, specOf(old).selector));
    return errs;
  };
}

/** `validateRollingUpdateStatefulSet`: partition ≥ 0, maxUnavailable a positive int or percent. */
function validateStatefulSetRollingUpdate(ru: Loose, path: string): FieldError[] {
  const errs = nonNegative(ru.partition, child(path, 'partition'));
  if (isSet(ru.maxUnavailable)) {
    const p = child(path, 'maxUnavailable');
    errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, p));
    if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(fieldError.invalid(p, ru.maxUnavailable, 'cannot be 0'));
    errs.push(...notMoreThan100Percent(ru.maxUnavailable, p));
  }
  return errs;
}

/** `ValidateStatefulSetSpec`, in upstream's order. */
function validateStatefulSetSpec(spec: Loose): FieldError[] {
  const errs: FieldError[] = [];
  const policy = str(spec.podManagementPolicy);
  if (policy === '') errs.push(fieldError.required('spec.podManagementPolicy'));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    errs.push(fieldError.invalid('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  const strategy = asObject(spec.updateStrategy) ?? {};
  const type = str(strategy.type);
  if (type === '') errs.push(fieldError.required('spec.updateStrategy'));
  else if (type === 'OnDelete') {
    if (isSet(strategy.rollingUpdate)) {
      errs.push(fieldError.invalid('spec.updateStrategy.rollingUpdate', strategy.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
    }
  } else if (type === 'RollingUpdate') {
    const ru = asObject(strategy.rollingUpdate);
    if (ru) errs.push(...validateStatefulSetRollingUpdate(ru, 'spec.updateStrategy.rollingUpdate'));
  } else {
    errs.push(fieldError.invalid('spec.updateStrategy', strategy, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = asObject(spec.persistentVolumeClaimRetentionPolicy);
  if (retention) {
    for (const field of ['whenDeleted', 'whenScaled']) {
      const value = str(retention[field]);
      if (value !== 'Retain' && value !== 'Delete') {
        errs.push(fieldError.notSupported(`spec.persistentVolumeClaimRetentionPolicy.${field}`, value, ['Retain', 'Delete']));
      }
    }
  }
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'), ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  const ordinals = asObject(spec.ordinals);
  if (ordinals) errs.push(...nonNegative(ordinals.start, 'spec.ordinals.start'));
  if (!isSet(spec.selector)) errs.push(fieldError.required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
    if (selectorTermCount(spec.selector) === 0) {
      errs.push(fieldError.invalid('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for statefulset'));
    }
  }
  const template = asObject(spec.template) ?? {};
  if (!labelSelectorAsSelector(spec.selector)) errs.push(fieldError.invalid('spec.selector', spec.selector, ''));
  else {
    // Upstream validates only the template's labels here, not its pod spec: pod mistakes surface
    // later, when the controller's Pod create fails (a FailedCreate event).
    errs.push(...selectorMismatch(spec, template));
    errs.push(...validateLabels(asObject(template.metadata)?.labels, 'spec.template.labels'));
  }
  errs.push(...alwaysRestartRules(template, 'StatefulSet'));
  return errs;
}

/** The spec fields a StatefulSet update may change; everything else must stay as it was. */
const statefulSetMutable = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

/** StatefulSet: spec rules, and on update the "only these fields" rule. */
export const validateStatefulSet: KindValidator = (obj, old) => {
  const spec = specOf(obj);
  const errs = validateStatefulSetSpec(spec);
  if (old) {
    const rest = (s: Loose) => Object.fromEntries(Object.entries(s).filter(([k]) => !statefulSetMutable.includes(k)));
    if (!deepEqual(rest(spec), rest(specOf(old)))) {
      errs.push(fieldError.forbidden('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
    }
  }
  return errs;
};

/** `ValidateRollingUpdateDaemonSet`: exactly one of maxSurge and maxUnavailable is non-zero. */
function validateRollingUpdateDaemonSet(ru: Loose, path: string): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, child(path, 'maxUnavailable')),
    ...validatePositiveIntOrPercent(ru.maxSurge, child(path, 'maxSurge')),
    ...notMoreThan100Percent(ru.maxUnavailable, child(path, 'maxUnavailable')),
    ...notMoreThan100Percent(ru.maxSurge, child(path, 'maxSurge')),
  ];
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    errs.push(fieldError.invalid(child(path, 'maxSurge'), ru.maxSurge, 'may not be set when maxUnavailable is non-zero'));
  } else if (!hasUnavailable && !hasSurge) {
    errs.push(fieldError.required(child(path, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  }
  return errs;
}

/** `ValidateDaemonSetUpdateStrategy`. */
function validateDaemonSetUpdateStrategy(strategy: Loose): FieldError[] {
  const type = str(strategy.type);
  if (type === 'OnDelete') return [];
  if (type === 'RollingUpdate') {
    const ru = asObject(strategy.rollingUpdate);
    if (!ru) return [fieldError.required('spec.updateStrategy.rollingUpdate')];
    return validateRollingUpdateDaemonSet(ru, 'spec.updateStrategy.rollingUpdate');
  }
  return [fieldError.notSupported('spec.updateStrategy', strategy, ['RollingUpdate', 'OnDelete'])];
}

/** DaemonSet: `ValidateDaemonSetSpec` (a missing selector shows only as a label mismatch, as upstream). */
export function validateDaemonSet(validatePodTemplate: PodTemplateValidator): KindValidator {
  return (obj, old) => {
    const spec = specOf(obj);
    const template = asObject(spec.template) ?? {};
    const errs = validateLabelSelector(spec.selector, 'spec.selector');
    const selector = labelSelectorAsSelector(spec.selector);
    const labels = asObject(template.metadata)?.labels;
    if (selector && !selectorMatches(selector, strMap(labels))) {
      errs.push(fieldError.invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
    }
    if (isSet(spec.selector) && selectorTermCount(spec.selector) === 0) {
      errs.push(fieldError.invalid('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for daemonset'));
    }
    errs.push(...validatePodTemplate(template, 'spec.template'));
    errs.push(...alwaysRestartRules(template, 'DaemonSet'));
    errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
    errs.push(...validateDaemonSetUpdateStrategy(asObject(spec.updateStrategy) ?? {}));
    errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
    if (old) errs.push(...immutableSelector(spec.selector, specOf(old).selector));
    return errs;
  };
}

/** ControllerRevision: `data` is mandatory and immutable, `revision` ≥ 0. */
export const validateControllerRevision: KindValidator = (obj: KubeObject, old?: KubeObject) => {
  const errs: FieldError[] = [];
  if (!isSet(obj.data)) errs.push(fieldError.required('data', 'data is mandatory'));
  errs.push(...nonNegative(obj.revision, 'revision'));
  if (old) errs.push(...immutable(obj.data, old.data, 'data'));
  return errs;
};
