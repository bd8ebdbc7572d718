/**
 * String forms shared by many printers: label maps and selectors (k8s.io/apimachinery labels and
 * metav1 helpers), container names and images, access modes, and the "a,b,c + 2 more..." lists.
 */
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1';
import type { Container } from 'kubernetes-types/core/v1';

/** Byte-order comparison, as Go's sort.Strings compares (JS's default sort compares UTF-16 units). */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `labels.Set.String()`: `k=v` items sorted as whole strings, joined with `,`; empty for no labels. */
export function labelsString(labels: Record<string, string> | undefined | null): string {
  return Object.entries(labels ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .sort(compareBytes)
    .join(',');
}

/** `labels.FormatLabels`: like `labelsString`, but `<none>` for an empty map. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  return labelsString(labels) || '<none>';
}

// Label syntax, as NewRequirement validates it (qualified-name keys, 63-character values).
const labelName = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !dnsSubdomain.test(prefix))) return false;
  return name.length > 0 && name.length <= 63 && labelName.test(name);
}

function validValue(value: string): boolean {
  return value === '' || (value.length <= 63 && labelName.test(value));
}

/**
 * `metav1.LabelSelectorAsSelector(...).String()`: requirements sorted by key, `k=v`,
 * `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, joined with `,`. A nil or empty selector gives `''`;
 * a selector the API would reject gives undefined.
 */
export function selectorString(selector: LabelSelector | undefined | null): string | undefined {
  if (!selector) return '';
  const requirements: Array<[key: string, text: string]> = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!validKey(key) || !validValue(value)) return undefined;
    requirements.push([key, `${key}=${value}`]);
  }
  for (const expression of selector.matchExpressions ?? []) {
    const text = requirementString(expression);
    if (text === undefined) return undefined;
    requirements.push([expression.key, text]);
  }
  // sort.Sort(ByKey) is not stable, but equal keys only arise from contradictory selectors.
  requirements.sort((a, b) => compareBytes(a[0], b[0]));
  return requirements.map(([, text]) => text).join(',');
}

function requirementString(requirement: LabelSelectorRequirement): string | undefined {
  const { key, operator } = requirement;
  const values = requirement.values ?? [];
  if (!validKey(key) || !values.every(validValue)) return undefined;
  const list = `(${[...values].sort(compareBytes).join(',')})`;
  switch (operator) {
    case 'In':
      return values.length === 0 ? undefined : `${key} in ${list}`;
    case 'NotIn':
      return values.length === 0 ? undefined : `${key} notin ${list}`;
    case 'Exists':
      return values.length > 0 ? undefined : key;
    case 'DoesNotExist':
      return values.length > 0 ? undefined : `!${key}`;
    default:
      return undefined;
  }
}

/** `metav1.FormatLabelSelector`: the selector string, `<none>` when it selects everything, `<error>` when invalid. */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  const text = selectorString(selector);
  if (text === undefined) return '<error>';
  return text || '<none>';
}

/**
 * The Go-generated `(*metav1.LabelSelector).String()` (gogo protobuf), which the
 * ValidatingAdmissionPolicyBinding printer uses for a paramRef selector:
 * `&LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}`.
 */
export function goLabelSelectorString(selector: LabelSelector): string {
  const labels = Object.keys(selector.matchLabels ?? {})
    .sort(compareBytes)
    .map((key) => `${key}: ${selector.matchLabels?.[key]},`)
    .join('');
  const expressions = (selector.matchExpressions ?? [])
    .map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`)
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${expressions}},}`;
}

/** `layoutContainerCells`: container names and images, each joined with `,` and no spaces. */
export function containerCells(containers: Container[] | undefined): [names: string, images: string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/** `helper.GetAccessModesAsString`: unique modes, always in the order RWO, ROX, RWX, RWOP. */
export function accessModesString(modes: string[] | undefined): string {
  const present = new Set(modes ?? []);
  const order: Array<[mode: string, short: string]> = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return order.filter(([mode]) => present.has(mode)).map(([, short]) => short).join(',');
}

/**
 * `listWithMoreString`: at most three items joined with `,`, then ` + N more...`; `<unset>` when
 * there are none. `total` counts every item, shown or not.
 */
export function listWithMore(shown: string[], total: number, max = 3): string {
  if (total > max) return `${shown.slice(0, max).join(',')} + ${total - max} more...`;
  return shown.join(',') || '<unset>';
}

/** `intstr.IntOrString.String()`: an int in decimal, a string as it is. */
export function intOrString(value: number | string): string {
  return typeof value === 'number' ? String(Math.trunc(value)) : value;
}
