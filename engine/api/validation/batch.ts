/**
 * Spec validation of the batch group (pkg/apis/batch/validation): Job and CronJob, on create and
 * on update.
 */

import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { asObject, asObjects, child, index, key, str, strMap } from './field-path.ts';
import type { Loose } from './field-path.ts';
import {
  immutable, isSet, labelSelectorAsSelector, nonNegative, selectorMatches, specOf, validateLabelSelector,
} from './group-helpers.ts';
import type { KindValidator, PodTemplateValidator } from './group-helpers.ts';
import { isDNS1123Label, isDNS1123Subdomain } from './names.ts';
import { cronScheduleError, isKnownTimeZone } from './cron-schedule.ts';

const maxParallelismForIndexedJob = 100000;
const maxManagedByLength = 63;

/** `IsDomainPrefixedPath` (Job `managedBy`, IngressClass `controller`). */
export function validateDomainPrefixedPath(path: string, value: string): FieldError[] {
  if (value === '') return [fieldError.required(path)];
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) {
    return [fieldError.invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  }
  const host = value.slice(0, slash);
  const rest = value.slice(slash + 1);
  const errs = isDNS1123Subdomain(host).map((msg) => fieldError.invalid(path, host, msg));
  if (!/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(rest)) {
    errs.push(fieldError.invalid(path, rest, "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"));
  }
  return errs;
}

/** `validatePodFailurePolicyRule`, reduced to the action and the two requirement kinds. */
function validatePodFailurePolicy(spec: Loose, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const policy = asObject(spec.podFailurePolicy) ?? {};
  const rules = asObjects(policy.rules);
  if (rules.length > 20) errs.push(fieldError.tooMany(child(path, 'rules'), rules.length, 20));
  const actions = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
  rules.forEach((rule, i) => {
    const p = index(child(path, 'rules'), i);
    const action = str(rule.action);
    if (action === '') errs.push(fieldError.required(child(p, 'action'), `valid values: [${actions.map((a) => JSON.stringify(a)).join(' ')}]`));
    else if (action === 'FailIndex') {
      if (!isSet(spec.backoffLimitPerIndex)) errs.push(fieldError.invalid(child(p, 'action'), action, 'requires the backoffLimitPerIndex to be set'));
    } else if (!actions.includes(action)) errs.push(fieldError.notSupported(child(p, 'action'), action, actions));
    const onExitCodes = asObject(rule.onExitCodes);
    const onPodConditions = asObjects(rule.onPodConditions);
    if (onExitCodes) {
      const operator = str(onExitCodes.operator);
      const values = Array.isArray(onExitCodes.values) ? onExitCodes.values : [];
      if (operator === '') errs.push(fieldError.required(child(p, 'onExitCodes', 'operator'), 'valid values: ["In" "NotIn"]'));
      else if (operator !== 'In' && operator !== 'NotIn') errs.push(fieldError.notSupported(child(p, 'onExitCodes', 'operator'), operator, ['In', 'NotIn']));
      if (values.length === 0) errs.push(fieldError.invalid(child(p, 'onExitCodes', 'values'), values, 'at least one value is required'));
    }
    if (onExitCodes && onPodConditions.length > 0) {
      errs.push({ type: 'FieldValueInvalid', field: p, detail: 'specifying both OnExitCodes and OnPodConditions is not supported' });
    }
    if (!onExitCodes && onPodConditions.length === 0) {
      errs.push({ type: 'FieldValueInvalid', field: p, detail: 'specifying one of OnExitCodes and OnPodConditions is required' });
    }
  });
  return errs;
}

/** `validateJobSpec`: the rules a Job and a CronJob's job template share, at `path`. */
function validateJobSpecCommon(spec: Loose, path: string, validatePodTemplate: PodTemplateValidator): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex']) {
    errs.push(...nonNegative(spec[f], child(path, f)));
  }
  if (isSet(spec.maxFailedIndexes)) {
    errs.push(...nonNegative(spec.maxFailedIndexes, child(path, 'maxFailedIndexes')));
    if (!isSet(spec.backoffLimitPerIndex)) errs.push(fieldError.required(child(path, 'backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  if (typeof spec.managedBy === 'string') {
    errs.push(...validateDomainPrefixedPath(child(path, 'managedBy'), spec.managedBy));
    if (spec.managedBy.length > maxManagedByLength) errs.push(fieldError.tooLong(child(path, 'managedBy'), spec.managedBy, maxManagedByLength));
  }
  const mode = isSet(spec.completionMode) ? str(spec.completionMode) : undefined;
  if (mode !== undefined) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(fieldError.notSupported(child(path, 'completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (!isSet(spec.completions)) errs.push(fieldError.required(child(path, 'completions'), 'when completion mode is Indexed'));
      if (typeof spec.parallelism === 'number' && spec.parallelism > maxParallelismForIndexedJob) {
        errs.push(fieldError.invalid(child(path, 'parallelism'), spec.parallelism, `must be less than or equal to ${maxParallelismForIndexedJob} when completion mode is Indexed`));
      }
      if (typeof spec.completions === 'number' && typeof spec.maxFailedIndexes === 'number' && spec.maxFailedIndexes > spec.completions) {
        errs.push(fieldError.invalid(child(path, 'maxFailedIndexes'), spec.maxFailedIndexes, 'must be less than or equal to completions'));
      }
    }
  }
  if (mode === undefined || mode === 'NonIndexed') {
    for (const f of ['backoffLimitPerIndex', 'maxFailedIndexes']) {
      if (isSet(spec[f])) errs.push(fieldError.invalid(child(path, f), spec[f], 'requires indexed completion mode'));
    }
  }
  if (isSet(spec.podFailurePolicy)) errs.push(...validatePodFailurePolicy(spec, child(path, 'podFailurePolicy')));
  if (isSet(spec.successPolicy)) {
    if (mode !== 'Indexed') errs.push(fieldError.invalid(child(path, 'successPolicy'), spec.successPolicy, 'requires indexed completion mode'));
    else if (asObjects(asObject(spec.successPolicy)?.rules).length === 0) {
      errs.push(fieldError.required(child(path, 'successPolicy', 'rules'), 'at least one rules must be specified when the successPolicy is specified'));
    }
  }
  if (isSet(spec.podReplacementPolicy)) {
    const value = str(spec.podReplacementPolicy);
    const allowed = isSet(spec.podFailurePolicy) ? ['Failed'] : ['Failed', 'TerminatingOrFailed'];
    if (!allowed.includes(value)) errs.push(fieldError.notSupported(child(path, 'podReplacementPolicy'), value, allowed));
  }
  const template = asObject(spec.template) ?? {};
  errs.push(...validatePodTemplate(template, child(path, 'template')));
  const restartPolicy = str(asObject(template.spec)?.restartPolicy);
  const restartPath = child(path, 'template', 'spec', 'restartPolicy');
  if (restartPolicy === 'Always' || restartPolicy === '') {
    errs.push(fieldError.required(restartPath, 'valid values: "OnFailure", "Never"'));
  } else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
    errs.push(fieldError.notSupported(restartPath, restartPolicy, ['OnFailure', 'Never']));
  } else if (isSet(spec.podFailurePolicy) && restartPolicy !== 'Never') {
    errs.push(fieldError.invalid(restartPath, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified'));
  }
  return errs;
}

/** `ValidateJobSpec`: the common rules, then the selector and its match with the template labels. */
function validateJobSpec(spec: Loose, validatePodTemplate: PodTemplateValidator): FieldError[] {
  const errs = validateJobSpecCommon(spec, 'spec', validatePodTemplate);
  if (!isSet(spec.selector)) errs.push(fieldError.required('spec.selector'));
  else errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const selector = labelSelectorAsSelector(spec.selector);
  const labels = asObject(asObject(spec.template)?.metadata)?.labels;
  if (selector && !selectorMatches(selector, strMap(labels))) {
    errs.push(fieldError.invalid('spec.template.metadata.labels', labels ?? {}, '`selector` does not match template `labels`'));
  }
  return errs;
}

// The job controller's labels: the prefixed ones are required on create since 1.27.
const generatedLabels = ['controller-uid', 'job-name', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name'];

/**
 * `validateGeneratedSelector`: unless `manualSelector` is true, the create strategy generated the
 * selector from the Job's uid, and the template must carry the matching labels.
 */
function validateGeneratedSelector(job: KubeObject, spec: Loose): FieldError[] {
  if (spec.manualSelector === true || !isSet(spec.selector)) return [];
  const errs: FieldError[] = [];
  const uid = str(job.metadata.uid);
  if (uid === '') errs.push(fieldError.required('metadata.uid'));
  const labels = strMap(asObject(asObject(spec.template)?.metadata)?.labels);
  const expected: Record<string, string> = {};
  for (const label of generatedLabels) {
    const want = label.endsWith('controller-uid') ? uid : str(job.metadata.name);
    expected[label] = want;
    const p = key('spec.template.metadata.labels', label);
    if (!Object.hasOwn(labels, label)) errs.push(fieldError.required(p, `must be '${want}'`));
    else if (labels[label] !== want) errs.push(fieldError.invalid(p, labels, `must be '${want}'`));
  }
  const selector = labelSelectorAsSelector(spec.selector);
  if (selector && !selectorMatches(selector, expected)) {
    errs.push(fieldError.invalid('spec.selector', spec.selector, '`selector` not auto-generated'));
  }
  return errs;
}

/** The template with the fields a suspended, never-started Job may change taken from `next`. */
function withMutableSchedulingDirectives(oldTemplate: Loose, next: Loose): Loose {
  const oldSpec = asObject(oldTemplate.spec) ?? {};
  const nextSpec = asObject(next.spec) ?? {};
  const nextMeta = asObject(next.metadata) ?? {};
  const oldMeta = asObject(oldTemplate.metadata) ?? {};
  const affinity = asObject(nextSpec.affinity);
  const oldAffinity = asObject(oldSpec.affinity);
  let mergedAffinity: unknown = oldAffinity;
  if (!affinity && oldAffinity) {
    const rest = { ...oldAffinity, nodeAffinity: undefined };
    mergedAffinity = Object.values(rest).some(isSet) ? rest : undefined;
  } else if (affinity) mergedAffinity = { ...(oldAffinity ?? {}), nodeAffinity: affinity.nodeAffinity };
  return {
    ...oldTemplate,
    metadata: { ...oldMeta, labels: nextMeta.labels, annotations: nextMeta.annotations },
    spec: {
      ...oldSpec, affinity: mergedAffinity, nodeSelector: nextSpec.nodeSelector,
      tolerations: nextSpec.tolerations, schedulingGates: nextSpec.schedulingGates,
    },
  };
}

/** `ValidateJobSpecUpdate`: completions (elastic for Indexed Jobs), selector and template immutability. */
function validateJobSpecUpdate(spec: Loose, old: KubeObject): FieldError[] {
  const oldSpec = specOf(old);
  const errs: FieldError[] = [];
  if (spec.completionMode === 'Indexed') {
    if (isSet(spec.completions) && spec.completions !== oldSpec.completions && spec.completions !== spec.parallelism) {
      errs.push(fieldError.invalid('spec.completions', spec.completions, 'can only be modified in tandem with spec.parallelism'));
    }
  } else {
    errs.push(...immutable(spec.completions, oldSpec.completions, 'spec.completions'));
  }
  errs.push(...immutable(spec.selector, oldSpec.selector, 'spec.selector'));
  const template = asObject(spec.template) ?? {};
  let oldTemplate = asObject(oldSpec.template) ?? {};
  const oldStatus = asObject(old.status) ?? {};
  if (oldSpec.suspend === true && !isSet(oldStatus.startTime)) oldTemplate = withMutableSchedulingDirectives(oldTemplate, template);
  errs.push(...immutable(template, oldTemplate, 'spec.template'));
  for (const f of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy']) {
    errs.push(...immutable(spec[f], oldSpec[f], child('spec', f)));
  }
  return errs;
}

/** Job: generated-selector checks and the Indexed pod hostname rule on create; immutability on update. */
export function validateJob(validatePodTemplate: PodTemplateValidator): KindValidator {
  return (obj, old) => {
    const spec = specOf(obj);
    if (old) return [...validateJobSpec(spec, validatePodTemplate), ...validateJobSpecUpdate(spec, old)];
    const errs = [...validateGeneratedSelector(obj, spec), ...validateJobSpec(spec, validatePodTemplate)];
    if (spec.completionMode === 'Indexed' && typeof spec.completions === 'number' && spec.completions > 0) {
      const name = str(obj.metadata.name);
      const hostname = `${name}-${spec.completions - 1}`;
      if (isDNS1123Label(hostname).length > 0) {
        errs.push(fieldError.invalid('metadata.name', name, `will not able to create pod with invalid DNS label: ${hostname}`));
      }
    }
    return errs;
  };
}

/** `validateTimeZone`. */
function validateTimeZone(timeZone: unknown): FieldError[] {
  if (!isSet(timeZone)) return [];
  const tz = str(timeZone);
  if (tz === '') return [fieldError.invalid('spec.timeZone', tz, 'timeZone must be nil or non-empty string')];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part)) {
      return [fieldError.invalid('spec.timeZone', tz, `unknown time zone ${tz}`)];
    }
  }
  const errs: FieldError[] = [];
  if (tz.toLowerCase() === 'local') {
    errs.push(fieldError.invalid('spec.timeZone', tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  }
  if (!isKnownTimeZone(tz)) errs.push(fieldError.invalid('spec.timeZone', tz, `unknown time zone ${tz}`));
  return errs;
}

/** CronJob: schedule, time zone, concurrency policy, job template and history limits. */
export function validateCronJob(validatePodTemplate: PodTemplateValidator): KindValidator {
  return (obj, old) => {
    const spec = specOf(obj);
    const oldSpec = old ? specOf(old) : undefined;
    const errs: FieldError[] = [];
    const schedule = str(spec.schedule);
    if (schedule === '') errs.push(fieldError.required('spec.schedule'));
    else {
      const parseError = cronScheduleError(schedule);
      if (parseError !== undefined) errs.push(fieldError.invalid('spec.schedule', schedule, parseError));
      const allowTZ = oldSpec !== undefined && str(oldSpec.schedule).includes('TZ');
      if (allowTZ && schedule.includes('TZ') && isSet(spec.timeZone)) {
        errs.push(fieldError.invalid('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
      } else if (!allowTZ && schedule.includes('TZ')) {
        errs.push(fieldError.invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
      }
    }
    errs.push(...nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
    if (!oldSpec || oldSpec.timeZone !== spec.timeZone) errs.push(...validateTimeZone(spec.timeZone));
    const policy = str(spec.concurrencyPolicy);
    if (policy === '') errs.push(fieldError.required('spec.concurrencyPolicy'));
    else if (!['Allow', 'Forbid', 'Replace'].includes(policy)) {
      errs.push(fieldError.notSupported('spec.concurrencyPolicy', policy, ['Allow', 'Forbid', 'Replace']));
    }
    const jobSpec = asObject(asObject(spec.jobTemplate)?.spec) ?? {};
    errs.push(...validateJobSpecCommon(jobSpec, 'spec.jobTemplate.spec', validatePodTemplate));
    if (isSet(jobSpec.selector)) errs.push(fieldError.invalid('spec.jobTemplate.spec.selector', jobSpec.selector, '`selector` will be auto-generated'));
    if (jobSpec.manualSelector === true) errs.push(fieldError.notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
    errs.push(...nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
    errs.push(...nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
    // The controller appends an 11-character `-<timestamp>` to name its Jobs (≤ 63).
    const name = str(obj.metadata.name);
    if (!old && name.length > 52) errs.push(fieldError.invalid('metadata.name', name, 'must be no more than 52 characters'));
    return errs;
  };
}
