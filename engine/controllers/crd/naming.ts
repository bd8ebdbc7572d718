/**
 * The naming controller's arithmetic (apiextensions-apiserver pkg/controller/status): which of a
 * CRD's requested names it may have, given the names other CRDs of the same group have already
 * been granted, and the `NamesAccepted` and `Established` conditions that follow. Pure: the
 * controller supplies the CRDs and writes the result.
 *
 * Example: `shirts.stable.example.com` is accepted with kind `Shirt`; a second CRD
 * `tshirts.stable.example.com` asking for kind `Shirt` keeps its plural, singular and list kind,
 * but not the kind: NamesAccepted False, reason KindConflict, message `"Shirt" is already in use`.
 */
import type { CustomResourceDefinitionNames } from 'kubernetes-types/apiextensions/v1';
import type { KubeObject } from '../../api/types.ts';
import type { CrdCondition } from './conditions.ts';
import { findCondition } from './conditions.ts';

/** The names of a CRD as `status.acceptedNames` stores them (plural and kind are always present). */
export type AcceptedNames = CustomResourceDefinitionNames;

/** What the naming controller decides for one CRD. */
export interface NamingDecision {
  acceptedNames: AcceptedNames;
  namesAccepted: CrdCondition;
  established: CrdCondition;
}

/** `spec.names` of a CRD. */
export function requestedNames(crd: KubeObject): AcceptedNames {
  const names = (crd.spec as { names?: AcceptedNames } | undefined)?.names;
  return names ?? { plural: '', kind: '' };
}

/** `status.acceptedNames` of a CRD (empty before the naming controller has run). */
export function acceptedNamesOf(crd: KubeObject): AcceptedNames {
  const names = (crd.status as { acceptedNames?: AcceptedNames } | undefined)?.acceptedNames;
  return names ?? { plural: '', kind: '' };
}

/** The group of a CRD. */
export function groupOf(crd: KubeObject): string {
  return (crd.spec as { group?: string } | undefined)?.group ?? '';
}

/** `getAcceptedNamesForGroup`: resource names and kinds already granted to CRDs of `group`. */
function namesInUse(group: string, crds: readonly KubeObject[]): { resources: Set<string>; kinds: Set<string> } {
  const resources = new Set<string>();
  const kinds = new Set<string>();
  for (const crd of crds) {
    if (groupOf(crd) !== group) continue;
    const accepted = acceptedNamesOf(crd);
    for (const name of [accepted.plural, accepted.singular ?? '', ...(accepted.shortNames ?? [])]) resources.add(name);
    kinds.add(accepted.kind);
    kinds.add(accepted.listKind ?? '');
  }
  return { resources, kinds };
}

/** `equalToAcceptedOrFresh`: a name is fine if it is already ours or nobody has it. */
function conflict(requested: string, accepted: string, used: Set<string>): string | undefined {
  if (requested === accepted || !used.has(requested)) return undefined;
  return `${JSON.stringify(requested)} is already in use`;
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  // reflect.DeepEqual tells nil from empty; both are "no short names" to a learner, and to us.
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/**
 * `calculateNamesAndConditions`: each requested name is granted unless another CRD of the group
 * holds it; the last conflict found names the reason. `crds` is every CRD the controller knows
 * (the CRD itself included, as upstream lists them all).
 */
export function calculateNames(crd: KubeObject, crds: readonly KubeObject[]): NamingDecision {
  const { resources, kinds } = namesInUse(groupOf(crd), crds);
  const requested = requestedNames(crd);
  const accepted = acceptedNamesOf(crd);
  const next: AcceptedNames = { ...accepted };
  let failure: { reason: string; message: string } | undefined;

  const plural = conflict(requested.plural, accepted.plural, resources);
  if (plural) failure = { reason: 'PluralConflict', message: plural };
  else next.plural = requested.plural;
  const singular = conflict(requested.singular ?? '', accepted.singular ?? '', resources);
  if (singular) failure = { reason: 'SingularConflict', message: singular };
  else next.singular = requested.singular;
  if (!sameList(requested.shortNames, accepted.shortNames)) {
    const granted = new Set(accepted.shortNames ?? []);
    const errors = (requested.shortNames ?? []).filter((s) => !granted.has(s)).map((s) => conflict(s, '', resources)).filter((e) => e !== undefined);
    // utilerrors.NewAggregate: one error prints alone, several as `[a, b]`.
    if (errors.length) failure = { reason: 'ShortNamesConflict', message: errors.length === 1 ? errors[0] : `[${errors.join(', ')}]` };
    else next.shortNames = requested.shortNames;
  }
  const kind = conflict(requested.kind, accepted.kind, kinds);
  if (kind) failure = { reason: 'KindConflict', message: kind };
  else next.kind = requested.kind;
  const listKind = conflict(requested.listKind ?? '', accepted.listKind ?? '', kinds);
  if (listKind) failure = { reason: 'ListKindConflict', message: listKind };
  else next.listKind = requested.listKind;
  next.categories = requested.categories;

  const namesAccepted: CrdCondition = failure
    ? { type: 'NamesAccepted', status: 'False', ...failure }
    : { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' };
  return { acceptedNames: orderedNames(next), namesAccepted, established: establishedAfterNaming(crd, namesAccepted) };
}

/**
 * The Established condition the naming controller writes: the old one if any, else "not all
 * names are accepted"; a CRD not yet established whose names were accepted is "Installing".
 */
function establishedAfterNaming(crd: KubeObject, namesAccepted: CrdCondition): CrdCondition {
  const old = findCondition(crd, 'Established');
  let established: CrdCondition = old
    ? { type: 'Established', status: old.status as CrdCondition['status'], reason: old.reason ?? '', message: old.message ?? '' }
    : { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' };
  if (established.status !== 'True' && namesAccepted.status === 'True') {
    established = { type: 'Established', status: 'False', reason: 'Installing', message: 'the initial names have been accepted' };
  }
  return established;
}

/** CustomResourceDefinitionNames in Go field order, without empty optional fields (omitempty). */
export function orderedNames(names: AcceptedNames): AcceptedNames {
  // Built key by key so that JSON shows them in the order Go marshals the struct.
  const ordered = { plural: names.plural ?? '' } as AcceptedNames;
  if (names.singular) ordered.singular = names.singular;
  if (names.shortNames?.length) ordered.shortNames = [...names.shortNames];
  ordered.kind = names.kind ?? '';
  if (names.listKind) ordered.listKind = names.listKind;
  if (names.categories?.length) ordered.categories = [...names.categories];
  return ordered;
}

/** Whether the requested names are exactly the accepted ones (`equality.Semantic.DeepEqual`). */
export function namesSettled(crd: KubeObject): boolean {
  return JSON.stringify(orderedNames(requestedNames(crd))) === JSON.stringify(orderedNames(acceptedNamesOf(crd)));
}
