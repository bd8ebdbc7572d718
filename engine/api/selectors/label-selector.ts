/**
 * `metav1.LabelSelector` — the `{matchLabels, matchExpressions}` object in Deployment, ReplicaSet,
 * Job, NetworkPolicy and PodDisruptionBudget specs — converted to a matcher
 * (`metav1.LabelSelectorAsSelector`), validated (`ValidateLabelSelector`) and printed
 * (`metav1.FormatLabelSelector`, the SELECTOR column of `kubectl get -o wide` and the Scale
 * subresource's `status.selector`).
 */
import type { FieldError } from '../field-errors.ts';
import { fieldError } from '../field-errors.ts';
import type { Operator, Requirement, Result, Selector } from './labels.ts';
import { everything, newRequirement, nothing, selectorString, sortByKey } from './labels.ts';
import { isQualifiedName, isValidLabelValue } from './names.ts';

/** One `matchExpressions` entry; fields are unknown-typed because they come from user YAML. */
export interface LabelSelectorRequirement {
  key?: unknown;
  operator?: unknown;
  values?: unknown;
}

/** A `metav1.LabelSelector` as written in a spec. */
export interface LabelSelector {
  matchLabels?: Record<string, unknown> | null;
  matchExpressions?: LabelSelectorRequirement[] | null;
}

const operators: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

function stringValues(values: unknown): string[] {
  return Array.isArray(values) ? values.map((v) => String(v)) : [];
}

/**
 * `metav1.LabelSelectorAsSelector`: a nil selector matches nothing, an empty one everything.
 * Errors carry Go's texts, e.g. `"Foo" is not a valid label selector operator`.
 */
export function labelSelectorAsSelector(selector: LabelSelector | null | undefined): Result<Selector> {
  if (selector === null || selector === undefined) return { ok: true, value: nothing };
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (matchLabels.length + expressions.length === 0) return { ok: true, value: everything };
  const requirements: Requirement[] = [];
  for (const [key, value] of matchLabels) {
    const result = newRequirement(key, '=', [String(value)]);
    if (!result.ok) return result;
    requirements.push(result.value);
  }
  for (const expression of expressions) {
    const name = String(expression.operator);
    const operator = Object.hasOwn(operators, name) ? operators[name] : undefined;
    if (!operator) return { ok: false, message: `"${String(expression.operator ?? '')}" is not a valid label selector operator` };
    const result = newRequirement(String(expression.key ?? ''), operator, stringValues(expression.values));
    if (!result.ok) return result;
    requirements.push(result.value);
  }
  return { ok: true, value: { requirements: sortByKey(requirements) } };
}

/**
 * `metav1.FormatLabelSelector`: `app=web,tier in (a,b)`; `<none>` when nothing is required
 * (and for a nil selector); `<error>` when the selector does not convert.
 */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  const result = labelSelectorAsSelector(selector);
  if (!result.ok) return '<error>';
  return selectorString(result.value) || '<none>';
}

/** Options of `LabelSelectorValidationOptions`. */
export interface LabelSelectorValidationOptions {
  /** Accept values that are not valid label values (kept for objects stored before validation tightened). */
  allowInvalidLabelValueInSelector?: boolean;
}

/**
 * `ValidateLabelSelector` at `path` (e.g. `spec.selector`): the field errors an invalid selector
 * gets in a 422 Invalid response, in apimachinery's order.
 */
export function validateLabelSelector(
  selector: LabelSelector | null | undefined,
  path: string,
  options: LabelSelectorValidationOptions = {},
): FieldError[] {
  const errors: FieldError[] = [];
  if (!selector) return errors;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    for (const message of isQualifiedName(key)) errors.push(fieldError.invalid(`${path}.matchLabels`, key, message));
    for (const message of isValidLabelValue(String(value))) {
      errors.push(fieldError.invalid(`${path}.matchLabels`, String(value), message));
    }
  }
  (selector.matchExpressions ?? []).forEach((expression, index) => {
    const at = `${path}.matchExpressions[${index}]`;
    const values = stringValues(expression.values);
    switch (expression.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errors.push(fieldError.required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          errors.push(fieldError.forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
        break;
      default:
        errors.push(fieldError.invalid(`${at}.operator`, expression.operator ?? '', 'not a valid selector operator'));
    }
    const key = String(expression.key ?? '');
    for (const message of isQualifiedName(key)) errors.push(fieldError.invalid(`${at}.key`, key, message));
    if (!options.allowInvalidLabelValueInSelector) {
      values.forEach((value, valueIndex) => {
        for (const message of isValidLabelValue(value)) {
          errors.push(fieldError.invalid(`${at}.values[${valueIndex}]`, value, message));
        }
      });
    }
  });
  return errors;
}

/**
 * `labels.SelectorFromSet`: a plain label map as a selector, e.g. a Service's or a
 * ReplicationController's `spec.selector`. An empty or missing map selects everything, as in Go
 * (controllers that must select nothing for an empty map check for that themselves).
 */
export function selectorFromSet(set: Readonly<Record<string, string>> | null | undefined): Selector {
  const requirements = Object.entries(set ?? {}).map(([key, value]): Requirement => ({ key, operator: '=', values: [value] }));
  return { requirements: sortByKey(requirements) };
}
