/**
 * What an established CRD makes the API server serve: one ResourceInfo per served version, named
 * by the CRD's accepted names (never the requested ones: a name another CRD holds is not served),
 * with the verbs and subresources apiextensions' discovery controller lists.
 */
import type { CustomResourceDefinitionVersion } from 'kubernetes-types/apiextensions/v1';
import type { ResourceInfo } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import { isConditionTrue } from './conditions.ts';
import { acceptedNamesOf, groupOf } from './naming.ts';

/** The verbs of a custom resource, in the order apiextensions' discovery lists them. */
export const customResourceVerbs = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

/** `spec.versions` of a CRD. */
export function versionsOf(crd: KubeObject): CustomResourceDefinitionVersion[] {
  const versions = (crd.spec as { versions?: unknown } | undefined)?.versions;
  return Array.isArray(versions) ? (versions as CustomResourceDefinitionVersion[]) : [];
}

/** The name of the version marked `storage: true`. */
export function storageVersionOf(crd: KubeObject): string | undefined {
  return versionsOf(crd).find((v) => v.storage === true)?.name;
}

/**
 * Whether the API server serves the CRD's resources: upstream's handler answers once the names
 * are accepted or the CRD is established (discovery waits for Established; here both happen at
 * the same instant).
 */
export function isServing(crd: KubeObject): boolean {
  return isConditionTrue(crd, 'Established') || isConditionTrue(crd, 'NamesAccepted');
}

/** The registry entries of a CRD: one per served version, none while it is not serving. */
export function resourceInfosFor(crd: KubeObject): ResourceInfo[] {
  if (!isServing(crd)) return [];
  const names = acceptedNamesOf(crd);
  const namespaced = (crd.spec as { scope?: string } | undefined)?.scope === 'Namespaced';
  return versionsOf(crd).filter((v) => v.served === true).map((version) => {
    const subresources = [
      ...(version.subresources?.status ? ['status'] : []),
      ...(version.subresources?.scale ? ['scale'] : []),
    ];
    const info: ResourceInfo = {
      group: groupOf(crd),
      version: version.name,
      resource: names.plural,
      kind: names.kind,
      singular: names.singular || names.kind.toLowerCase(),
      namespaced,
      verbs: customResourceVerbs,
      custom: true,
    };
    if (names.shortNames?.length) info.shortNames = [...names.shortNames];
    if (names.categories?.length) info.categories = [...names.categories];
    if (subresources.length) info.subresources = subresources;
    return info;
  });
}

