/**
 * Whether one PolicyRule allows a request: the matching functions of the RBAC authorizer
 * (`plugin/pkg/auth/authorizer/rbac`'s RuleAllows and the rbac/v1 helpers). `*` matches anything;
 * a resource rule names `resource/subresource` (`pods/log`), and `*\/scale` matches the scale
 * subresource of every resource; a non-resource URL rule ending in `*` matches by prefix.
 */
import type { Attributes, PolicyRule } from './types.ts';

const all = '*';

/** Whether the rule lists the verb (or `*`). */
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === all || v === verb);
}

/** Whether the rule lists the API group (`""` is the core group) or `*`. */
export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === all || g === group);
}

/**
 * Whether the rule lists the resource: `*`, the combined `pods/log`, or `*\/log` for a request of
 * any resource's `log` subresource. `pods` alone never grants `pods/log`.
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  return (rule.resources ?? []).some((r) =>
    r === all || r === combined || (subresource !== '' && r === `*/${subresource}`));
}

/** Whether the rule allows the object's name: a rule without resourceNames allows every name. */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

/** Whether the rule lists the URL: exactly, as `*`, or by a prefix ending in `*` (`/apis/*`). */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some((url) =>
    url === all || url === path || (url.endsWith('*') && path.startsWith(url.slice(0, -1))));
}

/** RuleAllows: the verb, then group, resource and name for objects, or the URL for everything else. */
export function ruleAllows(attributes: Attributes, rule: PolicyRule): boolean {
  if (attributes.resourceRequest) {
    const combined = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
    return verbMatches(rule, attributes.verb)
      && apiGroupMatches(rule, attributes.apiGroup)
      && resourceMatches(rule, combined, attributes.subresource)
      && resourceNameMatches(rule, attributes.name);
  }
  return verbMatches(rule, attributes.verb) && nonResourceURLMatches(rule, attributes.path);
}
