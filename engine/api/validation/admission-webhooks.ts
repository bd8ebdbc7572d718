/**
 * Validation of the API-extension kinds that are not CRDs: Mutating/ValidatingWebhookConfiguration
 * (pkg/apis/admissionregistration/validation) and APIService (kube-aggregator's
 * pkg/apis/apiregistration/validation), with their v1.32 messages. Runs after defaulting, so the
 * fields defaulting fills (failurePolicy, matchPolicy, timeoutSeconds, …) are only checked for
 * unsupported values, while sideEffects and admissionReviewVersions must be given.
 */

import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import { asObject, asObjects, child, index, str } from './field-path.ts';
import type { Loose } from './field-path.ts';
import { isSet, specOf, validateLabelSelector } from './group-helpers.ts';
import type { KindValidator } from './group-helpers.ts';
import { isDNS1035Label, isDNS1123Subdomain, isValidPortNum } from './names.ts';

/** `utilvalidation.IsFullyQualifiedName`: a DNS subdomain of at least three segments, e.g. `pods.example.com`. */
function validateFullyQualifiedName(name: string, path: string): FieldError[] {
  if (name === '') return [fieldError.required(path, '')];
  const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
  const errs = isDNS1123Subdomain(trimmed);
  if (errs.length > 0) return [fieldError.invalid(path, trimmed, errs.join(','))];
  if (trimmed.split('.').length < 3) return [fieldError.invalid(path, trimmed, 'should be a domain with at least three segments separated by dots')];
  return [];
}

/** `validateRule` and the operations of RuleWithOperations: every list must be non-empty. */
function validateRuleWithOperations(rule: Loose, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(rule.operations) || rule.operations.length === 0) errs.push(fieldError.required(child(path, 'operations'), ''));
  for (const name of ['apiGroups', 'apiVersions', 'resources']) {
    const list = rule[name];
    if (!Array.isArray(list) || list.length === 0) errs.push(fieldError.required(child(path, name), ''));
  }
  if (isSet(rule.scope) && !['*', 'Cluster', 'Namespaced'].includes(str(rule.scope))) {
    errs.push(fieldError.notSupported(child(path, 'scope'), str(rule.scope), ['*', 'Cluster', 'Namespaced']));
  }
  return errs;
}

/** `ValidateWebhookService`: a service reference needs a name, a namespace and a valid port. */
function validateWebhookService(service: Loose, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (str(service.name) === '') errs.push(fieldError.required(child(path, 'name'), 'service name is required'));
  if (str(service.namespace) === '') errs.push(fieldError.required(child(path, 'namespace'), 'service namespace is required'));
  if (typeof service.port === 'number') {
    const portErrs = isValidPortNum(service.port);
    if (portErrs.length > 0) errs.push(fieldError.invalid(child(path, 'port'), service.port, `port is not valid: ${portErrs.join(', ')}`));
  }
  return errs;
}

/** One webhook of either configuration; `mutating` adds reinvocationPolicy. */
function validateWebhook(hook: Loose, path: string, mutating: boolean): FieldError[] {
  const errs: FieldError[] = [...validateFullyQualifiedName(str(hook.name), child(path, 'name'))];
  asObjects(hook.rules).forEach((rule, i) => errs.push(...validateRuleWithOperations(rule, index(child(path, 'rules'), i))));
  if (isSet(hook.failurePolicy) && !['Fail', 'Ignore'].includes(str(hook.failurePolicy))) {
    errs.push(fieldError.notSupported(child(path, 'failurePolicy'), str(hook.failurePolicy), ['Fail', 'Ignore']));
  }
  if (isSet(hook.matchPolicy) && !['Equivalent', 'Exact'].includes(str(hook.matchPolicy))) {
    errs.push(fieldError.notSupported(child(path, 'matchPolicy'), str(hook.matchPolicy), ['Equivalent', 'Exact']));
  }
  // v1 made sideEffects mandatory and dropped Unknown and Some, which v1beta1 allowed.
  if (!isSet(hook.sideEffects)) errs.push(fieldError.required(child(path, 'sideEffects'), 'must specify one of None, NoneOnDryRun'));
  else if (!['None', 'NoneOnDryRun'].includes(str(hook.sideEffects))) {
    errs.push(fieldError.notSupported(child(path, 'sideEffects'), str(hook.sideEffects), ['None', 'NoneOnDryRun']));
  }
  const versions = Array.isArray(hook.admissionReviewVersions) ? hook.admissionReviewVersions.map(str) : [];
  if (versions.length === 0) {
    errs.push(fieldError.required(child(path, 'admissionReviewVersions'), 'must specify one of v1, v1beta1'));
  } else if (!versions.some((v) => v === 'v1' || v === 'v1beta1')) {
    errs.push(fieldError.invalid(child(path, 'admissionReviewVersions'), versions, 'must include at least one of v1, v1beta1'));
  }
  if (typeof hook.timeoutSeconds === 'number' && (hook.timeoutSeconds > 30 || hook.timeoutSeconds < 1)) {
    errs.push(fieldError.invalid(child(path, 'timeoutSeconds'), hook.timeoutSeconds, 'the timeout value must be between 1 and 30 seconds'));
  }
  if (mutating && isSet(hook.reinvocationPolicy) && !['IfNeeded', 'Never'].includes(str(hook.reinvocationPolicy))) {
    errs.push(fieldError.notSupported(child(path, 'reinvocationPolicy'), str(hook.reinvocationPolicy), ['IfNeeded', 'Never']));
  }
  for (const name of ['namespaceSelector', 'objectSelector']) {
    if (isSet(hook[name])) errs.push(...validateLabelSelector(hook[name], child(path, name)));
  }
  const config = asObject(hook.clientConfig) ?? {};
  const configPath = child(path, 'clientConfig');
  const service = asObject(config.service);
  // Exactly one of url and service: both or neither give the same error.
  if (isSet(config.url) === (service !== undefined)) errs.push(fieldError.required(configPath, 'exactly one of url or service is required'));
  else if (service) errs.push(...validateWebhookService(service, child(configPath, 'service')));
  return errs;
}

function validateWebhookConfiguration(mutating: boolean): KindValidator {
  return (obj) => {
    const errs: FieldError[] = [];
    const seen = new Set<string>();
    asObjects(obj.webhooks).forEach((hook, i) => {
      const path = index('webhooks', i);
      const name = str(hook.name);
      if (seen.has(name)) errs.push(fieldError.duplicate(child(path, 'name'), name));
      seen.add(name);
      errs.push(...validateWebhook(hook, path, mutating));
    });
    return errs;
  };
}

/** MutatingWebhookConfiguration: each webhook's name, rules, policies, selectors and client config. */
export const validateMutatingWebhookConfiguration: KindValidator = validateWebhookConfiguration(true);

/** ValidatingWebhookConfiguration: as the mutating one, without reinvocationPolicy. */
export const validateValidatingWebhookConfiguration: KindValidator = validateWebhookConfiguration(false);

/**
 * APIService: named `<version>.<group>`, a DNS group (empty only for the legacy `v1`), priorities in
 * range, and no TLS settings for a local (service-less) one.
 */
export const validateAPIService: KindValidator = (obj) => {
  const spec = specOf(obj);
  const group = str(spec.group);
  const version = str(spec.version);
  const errs: FieldError[] = [];
  const name = str(obj.metadata.name);
  const requiredName = `${version}.${group}`;
  // The path-segment part of the name rule is ObjectMeta's (meta.ts); this is the kind's own part.
  if (name !== '' && !/[/%]/.test(name) && name !== '.' && name !== '..' && name !== requiredName) {
    errs.push(fieldError.invalid('metadata.name', name, `must be \`spec.version+"."+spec.group\`: ${JSON.stringify(requiredName)}`));
  }
  if (group === '' && version !== 'v1') errs.push(fieldError.required('spec.group', 'only v1 may have an empty group and it better be legacy kube'));
  if (group !== '') errs.push(...isDNS1123Subdomain(group).map((msg) => fieldError.invalid('spec.group', group, msg)));
  errs.push(...isDNS1035Label(version).map((msg) => fieldError.invalid('spec.version', version, msg)));
  const groupPriority = typeof spec.groupPriorityMinimum === 'number' ? spec.groupPriorityMinimum : 0;
  if (groupPriority <= 0 || groupPriority > 20000) {
    errs.push(fieldError.invalid('spec.groupPriorityMinimum', groupPriority, 'must be positive and less than 20000'));
  }
  const versionPriority = typeof spec.versionPriority === 'number' ? spec.versionPriority : 0;
  if (versionPriority <= 0 || versionPriority > 1000) {
    errs.push(fieldError.invalid('spec.versionPriority', versionPriority, 'must be positive and less than 1000'));
  }
  const caBundle = str(spec.caBundle);
  const service = asObject(spec.service);
  if (!service) {
    // caBundle travels base64-encoded; upstream counts the decoded bytes.
    if (caBundle !== '') errs.push(fieldError.invalid('spec.caBundle', `${decodedLength(caBundle)} bytes`, 'local APIServices may not have a caBundle'));
    if (spec.insecureSkipTLSVerify === true) errs.push(fieldError.invalid('spec.insecureSkipTLSVerify', true, 'local APIServices may not have insecureSkipTLSVerify'));
    return errs;
  }
  if (str(service.namespace) === '') errs.push(fieldError.required('spec.service.namespace', ''));
  if (str(service.name) === '') errs.push(fieldError.required('spec.service.name', ''));
  const port = typeof service.port === 'number' ? service.port : 0;
  const portErrs = isValidPortNum(port);
  if (portErrs.length > 0) errs.push(fieldError.invalid('spec.service.port', port, `port is not valid: ${portErrs.join(', ')}`));
  if (spec.insecureSkipTLSVerify === true && caBundle !== '') {
    errs.push(fieldError.invalid('spec.insecureSkipTLSVerify', true, 'may not be true if caBundle is present'));
  }
  return errs;
};

function decodedLength(base64: string): number {
  const clean = base64.replace(/=+$/, '');
  return Math.floor((clean.length * 3) / 4);
}
