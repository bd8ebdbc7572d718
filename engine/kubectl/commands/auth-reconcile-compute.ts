/**
 * The arithmetic of `kubectl auth reconcile`, as k8s.io/component-helpers/auth/rbac/reconciliation
 * does it: which rules of an expected role the stored one does not cover (and the other way round,
 * with validation.Covers on rules broken down to one verb × group × resource × name each), which
 * subjects a binding lacks, and what object to write. Pure functions over unvalidated JSON; the
 * requests are auth-reconcile.ts's.
 *
 * Worked example: stored `pods: [get, list]`, expected `pods, pods/log: [get, watch]`. Broken down,
 * expected is get pods, watch pods, get pods/log, watch pods/log; the stored rule covers only
 * `get pods`, so three one-verb rules are missing. Without --remove-extra-permissions they are
 * appended to the stored rules; with it, the rules become exactly the expected ones.
 */

/** An unvalidated JSON object (a manifest or an API answer). */
export type Json = Record<string, unknown>;

/** What reconciling needs done (ReconcileOperation). */
export type ReconcileOperation = 'create' | 'update' | 'recreate' | 'none';

/** The outcome of comparing an expected role (or ClusterRole) with the stored one. */
export interface RoleReconcile {
  /** The role to write (or, in a dry run or when protected, the one that would be written). */
  object: Json;
  missingRules: Json[];
  extraRules: Json[];
  operation: ReconcileOperation;
  /** The stored role carries `rbac.authorization.kubernetes.io/autoupdate: "false"`. */
  protected: boolean;
}

/** The outcome of comparing an expected binding with the stored one. */
export interface BindingReconcile {
  object: Json;
  missingSubjects: Json[];
  extraSubjects: Json[];
  operation: ReconcileOperation;
  protected: boolean;
}

type StringMap = Record<string, string> | undefined;

const autoUpdateAnnotation = 'rbac.authorization.kubernetes.io/autoupdate';

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map((item) => String(item)) : []);
const metadataOf = (object: Json): Json => (typeof object.metadata === 'object' && object.metadata !== null ? object.metadata as Json : {});
const rulesOf = (object: Json): Json[] => (Array.isArray(object.rules) ? object.rules.filter((rule): rule is Json => typeof rule === 'object' && rule !== null) : []);
const subjectsOf = (object: Json): Json[] => (Array.isArray(object.subjects) ? object.subjects.filter((s): s is Json => typeof s === 'object' && s !== null) : []);
const mapOf = (value: unknown): StringMap => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, string> : undefined);

/** The rules of `rule` with at most one verb, group, resource and name each (BreakdownRule). */
export function breakdownRule(rule: Json): Json[] {
  const out: Json[] = [];
  const verbs = strings(rule.verbs);
  const names = strings(rule.resourceNames);
  for (const group of strings(rule.apiGroups)) {
    for (const resource of strings(rule.resources)) {
      for (const verb of verbs) {
        if (names.length) for (const name of names) out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
    }
  }
  // Non-resource URLs combine only with verbs.
  for (const url of strings(rule.nonResourceURLs)) for (const verb of verbs) out.push({ nonResourceURLs: [url], verbs: [verb] });
  return out;
}

/** resourceCoversAll: `*`, every resource named, or a star rule for the subresource (`*` slash `log`). */
function resourcesCover(owned: string[], wanted: string[]): boolean {
  if (owned.includes('*') || wanted.every((r) => owned.includes(r))) return true;
  return wanted.every((path) => owned.includes(path) || (path.includes('/') && owned.includes(`*/${path.slice(path.indexOf('/') + 1)}`)));
}

/** nonResourceURLCovers: the same URL, or a prefix ending in `*`. */
function urlsCover(owned: string[], wanted: string[]): boolean {
  return wanted.every((path) => owned.some((owner) => owner === path || (owner.endsWith('*') && path.startsWith(owner.replace(/\*+$/, '')))));
}

/** ruleCovers: whether one owner rule allows all of a broken-down rule. */
function ruleCovers(owner: Json, sub: Json): boolean {
  const verbs = strings(owner.verbs);
  const groups = strings(owner.apiGroups);
  const ownerNames = strings(owner.resourceNames);
  const subNames = strings(sub.resourceNames);
  const namesMatch = subNames.length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || subNames.every((n) => ownerNames.includes(n));
  return (verbs.includes('*') || strings(sub.verbs).every((v) => verbs.includes(v)))
    && (groups.includes('*') || strings(sub.apiGroups).every((g) => groups.includes(g)))
    && resourcesCover(strings(owner.resources), strings(sub.resources))
    && urlsCover(strings(owner.nonResourceURLs), strings(sub.nonResourceURLs))
    && namesMatch;
}

/** validation.Covers: the broken-down servant rules no owner rule covers (none: the owner covers all). */
export function uncoveredRules(owner: Json[], servant: Json[]): Json[] {
  return servant.flatMap(breakdownRule).filter((sub) => !owner.some((rule) => ruleCovers(rule, sub)));
}

/** Go's `%+v` of an rbacv1.PolicyRule: `{Verbs:[get list] APIGroups:[] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}`. */
export function formatRule(rule: Json): string {
  const list = (key: string): string => `[${strings(rule[key]).join(' ')}]`;
  return `{Verbs:${list('verbs')} APIGroups:${list('apiGroups')} Resources:${list('resources')} ResourceNames:${list('resourceNames')} NonResourceURLs:${list('nonResourceURLs')}}`;
}

/** Go's `%+v` of an rbacv1.Subject: `{Kind:User APIGroup:rbac.authorization.k8s.io Name:jane Namespace:}`. */
export function formatSubject(subject: Json): string {
  const text = (key: string): string => (subject[key] === undefined || subject[key] === null ? '' : String(subject[key]));
  return `{Kind:${text('kind')} APIGroup:${text('apiGroup')} Name:${text('name')} Namespace:${text('namespace')}}`;
}

/** merge: the maps in order, later ones winning; nil when every map is nil. */
function merge(...maps: StringMap[]): StringMap {
  let out: Record<string, string> | undefined;
  for (const map of maps) {
    if (map && !out) out = {};
    if (map) Object.assign(out!, map);
  }
  return out;
}

/** reflect.DeepEqual of two string maps: nil equals only nil. */
function sameMap(a: StringMap, b: StringMap): boolean {
  if (!a || !b) return a === b;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && a[key] === b[key]);
}

/** A deep copy of the stored object with the expected labels and annotations merged in (stored values win). */
function mergedCopy(existing: Json, expected: Json): { object: Json; changed: boolean } {
  const object = structuredClone(existing);
  const metadata = { ...metadataOf(object) };
  const storedAnnotations = mapOf(metadataOf(existing).annotations);
  const storedLabels = mapOf(metadataOf(existing).labels);
  const annotations = merge(mapOf(metadataOf(expected).annotations), storedAnnotations);
  // removeAggrLabels with no prefixes (kubectl passes none) keeps every stored label.
  const labels = merge(mapOf(metadataOf(expected).labels), storedLabels && { ...storedLabels });
  for (const [key, value] of [['annotations', annotations], ['labels', labels]] as const) {
    if (value) metadata[key] = value;
    else delete metadata[key];
  }
  object.metadata = metadata;
  return { object, changed: !sameMap(annotations, storedAnnotations) || !sameMap(labels, storedLabels) };
}

const isProtected = (existing: Json): boolean => mapOf(metadataOf(existing).annotations)?.[autoUpdateAnnotation] === 'false';

/** A JSON value with empty lists and maps dropped: equality.Semantic treats them as nil. */
function semantic(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? value.map(semantic) : undefined;
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const key of Object.keys(value).sort()) {
    const inner = semantic((value as Json)[key]);
    if (inner !== undefined && !(typeof inner === 'object' && inner !== null && !Object.keys(inner).length)) out[key] = inner;
  }
  return out;
}

const selectorsOf = (rule: unknown): Json[] | undefined => {
  if (typeof rule !== 'object' || rule === null) return undefined;
  const selectors = (rule as Json).clusterRoleSelectors;
  return Array.isArray(selectors) ? selectors as Json[] : [];
};

/** aggregationRuleCovers: the servant's selectors that no owner selector equals. */
function uncoveredSelectors(owner: unknown, servant: unknown): Json[] {
  const owned = selectorsOf(owner);
  const wanted = selectorsOf(servant);
  if (!wanted) return [];
  if (!owned) return wanted;
  const known = owned.map((s) => JSON.stringify(semantic(s)));
  return wanted.filter((s) => !known.includes(JSON.stringify(semantic(s))));
}

/** The create case: the expected role as it is, every rule of it missing. */
export function roleToCreate(expected: Json): RoleReconcile {
  return { object: expected, missingRules: rulesOf(expected), extraRules: [], operation: 'create', protected: false };
}

/** computeReconciledRole: `aggregation` for a ClusterRole (a Role has no aggregationRule). */
export function computeReconciledRole(existing: Json, expected: Json, removeExtraPermissions: boolean, aggregation: boolean): RoleReconcile {
  const { object, changed } = mergedCopy(existing, expected);
  let operation: ReconcileOperation = changed ? 'update' : 'none';
  const expectedAggregation = aggregation ? expected.aggregationRule ?? undefined : undefined;
  const existingAggregation = aggregation ? existing.aggregationRule ?? undefined : undefined;
  // Extra permissions are not counted when both roles aggregate: the controller fills their rules.
  const extraRules = expectedAggregation === undefined || existingAggregation === undefined ? uncoveredRules(rulesOf(expected), rulesOf(existing)) : [];
  const missingRules = uncoveredRules(rulesOf(existing), rulesOf(expected));
  if (!removeExtraPermissions && missingRules.length) {
    object.rules = [...rulesOf(object), ...missingRules];
    operation = 'update';
  } else if (removeExtraPermissions && (missingRules.length || extraRules.length)) {
    object.rules = expected.rules;
    operation = 'update';
  }
  if (aggregation) {
    const missingSelectors = uncoveredSelectors(existingAggregation, expectedAggregation);
    const extraSelectors = uncoveredSelectors(expectedAggregation, existingAggregation);
    if (expectedAggregation === undefined && existingAggregation !== undefined) {
      delete object.aggregationRule;
      operation = 'update';
    } else if (!removeExtraPermissions && missingSelectors.length) {
      object.aggregationRule = { ...(object.aggregationRule as Json | undefined), clusterRoleSelectors: [...(selectorsOf(object.aggregationRule) ?? []), ...missingSelectors] };
      operation = 'update';
    } else if (removeExtraPermissions && (missingSelectors.length || extraSelectors.length)) {
      object.aggregationRule = expectedAggregation;
      operation = 'update';
    }
  }
  return { object, missingRules, extraRules, operation, protected: isProtected(existing) };
}

const subjectKey = (subject: Json): string => formatSubject(subject);

/** diffSubjectLists: the subjects only in the first list, and those only in the second (duplicates once). */
function diffSubjects(first: Json[], second: Json[]): [Json[], Json[]] {
  const only = (a: Json[], b: Json[]): Json[] => {
    const inB = new Set(b.map(subjectKey));
    const seen = new Set<string>();
    return a.filter((s) => !inB.has(subjectKey(s)) && !seen.has(subjectKey(s)) && seen.add(subjectKey(s)));
  };
  return [only(first, second), only(second, first)];
}

const roleRefKey = (object: Json): string => {
  const ref = (typeof object.roleRef === 'object' && object.roleRef !== null ? object.roleRef : {}) as Json;
  return JSON.stringify([ref.apiGroup ?? '', ref.kind ?? '', ref.name ?? '']);
};

/** The create case of a binding: every subject missing. */
export function bindingToCreate(expected: Json): BindingReconcile {
  return { object: expected, missingSubjects: subjectsOf(expected), extraSubjects: [], operation: 'create', protected: false };
}

/** computeReconciledRoleBinding: a different roleRef means delete and create again (it is immutable). */
export function computeReconciledBinding(existing: Json, expected: Json, removeExtraSubjects: boolean): BindingReconcile {
  const protectedBinding = isProtected(existing);
  if (roleRefKey(existing) !== roleRefKey(expected)) {
    return { object: expected, missingSubjects: [], extraSubjects: [], operation: 'recreate', protected: protectedBinding };
  }
  const { object, changed } = mergedCopy(existing, expected);
  let operation: ReconcileOperation = changed ? 'update' : 'none';
  const [missingSubjects, extraSubjects] = diffSubjects(subjectsOf(expected), subjectsOf(existing));
  if (!removeExtraSubjects && missingSubjects.length) {
    object.subjects = [...subjectsOf(object), ...missingSubjects];
    operation = 'update';
  } else if (removeExtraSubjects && (missingSubjects.length || extraSubjects.length)) {
    object.subjects = expected.subjects;
    operation = 'update';
  }
  return { object, missingSubjects, extraSubjects, operation, protected: protectedBinding };
}
