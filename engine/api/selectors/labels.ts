/**
 * Label selectors as apimachinery's `labels` package models them: a selector is an AND of
 * requirements (`app=web`, `tier in (a,b)`, `!canary`, `version>2`), sorted by key. This file holds
 * the requirement model, matching and printing; labels-parser.ts parses the `?labelSelector=` string;
 * label-selector.ts converts the `metav1.LabelSelector` objects found in specs.
 */
import { isQualifiedName, isValidLabelValue } from './names.ts';

/** `selection.Operator`, with the same spelling as Go (`gt`/`lt` for `>`/`<`). */
export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

/** One condition on one label key. */
export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

/** A parsed selector: `requirements` all must hold. `nothing` marks `labels.Nothing()`, which matches no object. */
export interface Selector {
  requirements: Requirement[];
  nothing?: boolean;
}

/** Either a value or the error text the API server would put in its Status message. */
export type Result<T> = { ok: true; value: T } | { ok: false; message: string };

/** `labels.Everything()`: the empty selector, matching every object. */
export const everything: Selector = { requirements: [] };

/** `labels.Nothing()`: what a nil `*metav1.LabelSelector` converts to. */
export const nothing: Selector = { requirements: [], nothing: true };

/** Go's `%q` of a string, close enough for label text (JSON escapes the same printable set). */
export function goQuote(value: string): string {
  return JSON.stringify(value);
}

/** Go's `%#v` of a `[]string`, as `field.Invalid` prints a values list: `[]string{"a", "b"}`. */
function goStringSlice(values: string[]): string {
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

/**
 * `utilerrors.NewAggregate(errs).Error()`: one message alone, several in brackets (duplicates
 * dropped), as Kubernetes joins the errors of one requirement.
 */
export function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/**
 * `labels.NewRequirement`: checks the key, the number of values for the operator and each value,
 * and returns the requirement or the aggregated field errors (paths `key`, `values`,
 * `values[0][app]`, `operator`). Values are kept as given.
 */
export function newRequirement(key: string, operator: Operator, values: string[]): Result<Requirement> {
  const errors: string[] = [];
  const keyErrors = isQualifiedName(key);
  if (keyErrors.length) errors.push(`key: Invalid value: ${goQuote(key)}: ${keyErrors.join('; ')}`);
  const invalidValues = (detail: string): string => `values: Invalid value: ${goStringSlice(values)}: ${detail}`;
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errors.push(invalidValues("for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errors.push(invalidValues('exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errors.push(invalidValues('values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errors.push(invalidValues("for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (!/^[+-]?\d+$/.test(v)) {
          errors.push(`values[${i}]: Invalid value: ${goQuote(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
        }
      });
      break;
    default:
      errors.push(`operator: Unsupported value: ${goQuote(operator)}: supported values: ` +
        '"in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"');
  }
  values.forEach((v, i) => {
    const valueErrors = isValidLabelValue(v);
    if (valueErrors.length) errors.push(`values[${i}][${key}]: Invalid value: ${goQuote(v)}: ${valueErrors.join('; ')}`);
  });
  if (errors.length) return { ok: false, message: aggregate(errors) };
  return { ok: true, value: { key, operator, values: [...values] } };
}

/** `Requirement.Matches`: how one requirement judges a set of labels. */
export function requirementMatches(requirement: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, requirement.key);
  const value = has ? labels[requirement.key] : undefined;
  switch (requirement.operator) {
    case '=':
    case '==':
    case 'in':
      return has && requirement.values.includes(value as string);
    case '!=':
    case 'notin':
      // A missing key satisfies a negative requirement: `env!=prod` selects unlabelled objects too.
      return !has || !requirement.values.includes(value as string);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || requirement.values.length !== 1) return false;
      if (!/^[+-]?\d+$/.test(value as string) || !/^[+-]?\d+$/.test(requirement.values[0])) return false;
      const actual = BigInt(value as string);
      const bound = BigInt(requirement.values[0]);
      return requirement.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

/** Whether a selector selects an object with these labels (missing labels count as none). */
export function matchLabels(selector: Selector, labels: Readonly<Record<string, string>> | undefined): boolean {
  if (selector.nothing) return false;
  const set = labels ?? {};
  return selector.requirements.every((r) => requirementMatches(r, set));
}

/** Whether the selector restricts nothing (`labels.Everything()`). */
export function isEverything(selector: Selector): boolean {
  return !selector.nothing && selector.requirements.length === 0;
}

const operatorText: Partial<Record<Operator, string>> = {
  '=': '=', '==': '==', '!=': '!=', in: ' in ', notin: ' notin ', gt: '>', lt: '<',
};

/** `Requirement.String()`: `app=web`, `tier in (a,b)` (values sorted), `!canary`, `version>2`. */
export function requirementString(requirement: Requirement): string {
  const { key, operator, values } = requirement;
  if (operator === 'exists') return key;
  if (operator === '!') return `!${key}`;
  const joined = values.length === 1 ? values[0] : [...values].sort(compareStrings).join(',');
  const body = operator === 'in' || operator === 'notin' ? `(${joined})` : joined;
  return `${key}${operatorText[operator]}${body}`;
}

/** `Selector.String()`: the requirements joined by commas; empty for everything and for nothing. */
export function selectorString(selector: Selector): string {
  return selector.requirements.map(requirementString).join(',');
}

/** Go's byte-wise string order (sort.Strings), which differs from localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `Selector.Add` then sort by key, as every parsed or converted selector is (stable for equal keys). */
export function sortByKey(requirements: Requirement[]): Requirement[] {
  return [...requirements].sort((a, b) => compareStrings(a.key, b.key));
}

/**
 * `RequiresExactMatch(key)`: the single value a selector demands for a key (`app=web`,
 * `app in (web)`), which the lab uses for fast paths such as an index by label.
 */
export function requiresExactMatch(selector: Selector, key: string): string | undefined {
  const requirement = selector.requirements.find((r) => r.key === key);
  if (!requirement || requirement.values.length !== 1) return undefined;
  return ['=', '==', 'in'].includes(requirement.operator) ? requirement.values[0] : undefined;
}
