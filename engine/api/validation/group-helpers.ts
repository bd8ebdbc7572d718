/**
 * Small rules that many API groups share: non-negative counts, int-or-percent fields, label
 * selectors (validation and matching), immutable fields. Each keeps apimachinery's wording.
 */

import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { asObject, asObjects, str, strMap } from './field-path.ts';
import type { Loose } from './field-path.ts';
import { validateImmutableField, validateLabelSelector, validateNonnegativeField } from './meta.ts';
import { isValidPercent } from './names.ts';

export { validateLabelSelector, validateLabels } from './meta.ts';

/** The validator every group exports for one kind: `old` is given on update. */
export type KindValidator = (obj: KubeObject, old?: KubeObject) => FieldError[];

/** Validates a pod template at `path` (the other engineer's `validatePodTemplateSpec`). */
export type PodTemplateValidator = (template: unknown, path: string) => FieldError[];

/** The object's `spec` (an empty object when absent). */
export function specOf(obj: KubeObject | undefined): Loose {
  return asObject(obj?.spec) ?? {};
}

/** True when the field is present (not undefined and not null), like a non-nil Go pointer. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** `ValidateNonnegativeField`, skipped when the value is absent or not a number. */
export function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' ? validateNonnegativeField(value, path) : [];
}

/** `ValidateImmutableField`: `Invalid value: <new>: field is immutable`. */
export const immutable = validateImmutableField;

/**
 * The value of an IntOrString: a percent string gives its number, anything else the int (a
 * non-percent string counts as 0, like `intstr.IntValue()` of an unparseable string).
 */
export function intOrPercentValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (isValidPercent(value).length === 0) return Number(value.slice(0, -1));
    const n = Number.parseInt(value, 10);
    return Number.isNaN(n) ? 0 : n;
  }
  return 0;
}

/** `ValidatePositiveIntOrPercent`: a non-negative int or a `N%` string. */
export function validatePositiveIntOrPercent(value: unknown, path: string): FieldError[] {
  if (typeof value === 'string') return isValidPercent(value).map((msg) => fieldError.invalid(path, value, msg));
  if (typeof value === 'number') return nonNegative(value, path);
  if (value === undefined || value === null) return [];
  return [fieldError.invalid(path, value, "must be an integer or percentage (e.g '5%')")];
}

/** `IsNotMoreThan100Percent`. */
export function notMoreThan100Percent(value: unknown, path: string): FieldError[] {
  if (typeof value !== 'string' || isValidPercent(value).length > 0) return [];
  return Number(value.slice(0, -1)) > 100 ? [fieldError.invalid(path, value, 'must not be greater than 100%')] : [];
}

const selectorOperators = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** A parsed selector: `nothing` for an absent one (`labels.Nothing()`), `everything` for `{}`. */
export type Selector =
  | { kind: 'nothing' }
  | { kind: 'everything' }
  | { kind: 'match'; matchLabels: Record<string, string>; expressions: Loose[] };

/**
 * `metav1.LabelSelectorAsSelector`: undefined when the selector cannot be parsed (a bad operator
 * or label), which callers report as `invalid label selector`.
 */
export function labelSelectorAsSelector(selector: unknown): Selector | undefined {
  if (!isSet(selector)) return { kind: 'nothing' };
  const sel = asObject(selector);
  if (!sel) return undefined;
  const matchLabels = strMap(sel.matchLabels);
  const expressions = asObjects(sel.matchExpressions);
  if (Object.keys(matchLabels).length + expressions.length === 0) return { kind: 'everything' };
  for (const expr of expressions) {
    if (!selectorOperators.includes(str(expr.operator))) return undefined;
  }
  if (validateLabelSelector(sel, 'selector').length > 0) return undefined;
  return { kind: 'match', matchLabels, expressions };
}

/** `selector.Matches(labels.Set(labels))`. */
export function selectorMatches(selector: Selector, labels: Record<string, string>): boolean {
  if (selector.kind !== 'match') return selector.kind === 'everything';
  for (const [k, v] of Object.entries(selector.matchLabels)) {
    if (labels[k] !== v) return false;
  }
  return selector.expressions.every((expr) => {
    const key = str(expr.key);
    const values = Array.isArray(expr.values) ? expr.values.map(str) : [];
    const has = Object.hasOwn(labels, key);
    switch (str(expr.operator)) {
      case 'In': return has && values.includes(labels[key]);
      case 'NotIn': return !has || !values.includes(labels[key]);
      case 'Exists': return has;
      default: return !has;
    }
  });
}

/** The number of selector terms: an empty selector (`{}`) is invalid for workloads. */
export function selectorTermCount(selector: unknown): number {
  const sel = asObject(selector) ?? {};
  return Object.keys(strMap(sel.matchLabels)).length + asObjects(sel.matchExpressions).length;
}

/** A Kubernetes quantity's sign (-1, 0 or 1); NaN when the text is not a number at all. */
export function quantitySign(value: unknown): number {
  const text = typeof value === 'number' ? String(value) : str(value);
  const match = /^([+-]?)([0-9]*\.?[0-9]*)/.exec(text);
  if (!match || match[2] === '' || match[2] === '.') return Number.NaN;
  if (Number(match[2]) === 0) return 0;
  return match[1] === '-' ? -1 : 1;
}
