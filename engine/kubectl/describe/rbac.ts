/**
 * Describers of Role, ClusterRole (the PolicyRule table after kubectl breaks every rule down to one
 * verb per resource and compacts it again) and RoleBinding, ClusterRoleBinding.
 */
import { arr, obj, printAnnotations, printLabels, str, type Obj } from './format.ts';
import { PrefixWriter } from './writer.ts';

/** A PolicyRule with every list present. */
export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

function toRule(rule: Obj): PolicyRule {
  const list = (field: string): string[] => arr(rule[field]).map(str);
  return { verbs: list('verbs'), apiGroups: list('apiGroups'), resources: list('resources'), resourceNames: list('resourceNames'), nonResourceURLs: list('nonResourceURLs') };
}

const rule = (parts: Partial<PolicyRule>): PolicyRule => ({ verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...parts });

/** `rbac.BreakdownRule`: one rule per group × resource × verb (× name), then per URL × verb. */
export function breakdownRule(r: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of r.apiGroups) {
    for (const resource of r.resources) {
      for (const verb of r.verbs) {
        if (r.resourceNames.length > 0) {
          for (const name of r.resourceNames) out.push(rule({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] }));
        } else out.push(rule({ apiGroups: [group], resources: [resource], verbs: [verb] }));
      }
    }
  }
  for (const url of r.nonResourceURLs) for (const verb of r.verbs) out.push(rule({ nonResourceURLs: [url], verbs: [verb] }));
  return out;
}

/**
 * `rbac.CompactRules`: rules naming one group, one resource and at most one name are merged by
 * (group, resource, name), their verbs appended in first-seen order; others are kept as they are.
 */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple = r.resourceNames.length <= 1 && r.nonResourceURLs.length === 0 && r.apiGroups.length === 1 && r.resources.length === 1;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames.length > 0, r.resourceNames[0] ?? '']);
    const existing = simple.get(key);
    if (existing) {
      for (const verb of r.verbs) if (!existing.verbs.includes(verb)) existing.verbs.push(verb);
    } else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...compacted, ...simple.values()];
}

const goSlice = (values: string[]): string => `[${values.join(' ')}]`;

/** The generated `PolicyRule.String()`, which `SortableRuleSlice` sorts by (verbs first). */
export function policyRuleString(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${goSlice(r.verbs)},APIGroups:${goSlice(r.apiGroups)},Resources:${goSlice(r.resources)},`
    + `ResourceNames:${goSlice(r.resourceNames)},NonResourceURLs:${goSlice(r.nonResourceURLs)},}`;
}

/** `CombineResourceGroup`: `resource.group/subresource` of the first resource and group. */
export function combineResourceGroup(resources: string[], groups: string[]): string {
  if (resources.length === 0) return '';
  const slash = resources[0].indexOf('/');
  let combined = slash < 0 ? resources[0] : resources[0].slice(0, slash);
  if (groups.length > 0 && groups[0] !== '') combined += `.${groups[0]}`;
  if (slash >= 0) combined += `/${resources[0].slice(slash + 1)}`;
  return combined;
}

/** The Role and ClusterRole describers (neither prints a namespace or events). */
export function describeRole(role: Obj): string {
  const metadata = obj(role.metadata);
  const rules = compactRules(arr(role.rules).flatMap((r) => breakdownRule(toRule(r))));
  const keyed = rules.map((r) => ({ r, key: policyRuleString(r) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  w.write(0, 'PolicyRule:\n');
  w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(1, '---------\t-----------------\t--------------\t-----\n');
  for (const { r } of keyed) {
    w.write(1, `${combineResourceGroup(r.resources, r.apiGroups)}\t${goSlice(r.nonResourceURLs)}\t${goSlice(r.resourceNames)}\t${goSlice(r.verbs)}\n`);
  }
  return w.text();
}

/** The RoleBinding and ClusterRoleBinding describers. */
export function describeRoleBinding(binding: Obj): string {
  const metadata = obj(binding.metadata);
  const roleRef = obj(binding.roleRef);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  w.write(0, 'Role:\n');
  w.write(1, `Kind:\t${str(roleRef.kind)}\n`);
  w.write(1, `Name:\t${str(roleRef.name)}\n`);
  w.write(0, 'Subjects:\n');
  w.write(1, 'Kind\tName\tNamespace\n');
  w.write(1, '----\t----\t---------\n');
  for (const s of arr(binding.subjects)) w.write(1, `${str(s.kind)}\t${str(s.name)}\t${str(s.namespace)}\n`);
  return w.text();
}
