/**
 * kubectl's RESTMapper over discovery: a type argument — plural, singular, short name or kind, with
 * an optional version and group (`deploy`, `deployments.apps`, `deployments.v1.apps`,
 * `Deployment`) — becomes one served resource. Preferred versions win, then discovery order
 * (the core group first), as the priority mapper decides. Categories (`all`) expand first.
 */
import { KubectlError } from './api-client.ts';
import type { ApiResource } from './discovery.ts';

interface Partial {
  resource: string;
  group?: string;
  version?: string;
}

/** Resolves type arguments against what the server serves. */
export class RestMapper {
  private readonly ordered: ApiResource[];

  constructor(readonly resources: ApiResource[]) {
    this.ordered = [...resources.filter((r) => r.preferred), ...resources.filter((r) => !r.preferred)];
  }

  /** Replace category names (`all`) in a comma-separated type list by their resources, then split it without duplicates. */
  expandTypes(typeList: string): string[] {
    const out: string[] = [];
    for (const arg of typeList.split(',')) {
      const expanded = this.category(arg) ?? [arg];
      for (const item of expanded) if (!out.includes(item)) out.push(item);
    }
    return out;
  }

  private category(name: string): string[] | undefined {
    const members: string[] = [];
    for (const r of this.resources) {
      if (!r.categories.includes(name)) continue;
      const id = r.group ? `${r.resource}.${r.group}` : r.resource;
      if (!members.includes(id)) members.push(id);
    }
    return members.length ? members : undefined;
  }

  /** kubectl's mappingFor: the resource an argument names, or `the server doesn't have a resource type`. */
  mappingFor(arg: string): ApiResource {
    const parts = arg.split('.');
    const groupResource: Partial = { resource: parts[0], group: parts.slice(1).join('.') };
    if (parts.length >= 3) {
      const found = this.resourceFor({ resource: parts[0], version: parts[1], group: parts.slice(2).join('.') });
      if (found) return found;
    }
    const found = this.resourceFor(groupResource);
    if (found) return found;
    // Then as a kind: `Deployment`, `Deployment.apps`, `Deployment.v1.apps`.
    const byKind = (kind: string, group: string, version?: string): ApiResource | undefined =>
      this.ordered.find((r) => !r.resource.includes('/') && r.kind === kind && r.group === group && (!version || r.version === version));
    const kindMatch = (parts.length >= 3 ? byKind(parts[0], parts.slice(2).join('.'), parts[1]) : undefined)
      ?? byKind(parts[0], groupResource.group ?? '');
    if (kindMatch) return kindMatch;
    throw KubectlError.client(`the server doesn't have a resource type "${groupResource.resource}"`);
  }

  private resourceFor(partial: Partial): ApiResource | undefined {
    let resource = partial.resource.toLowerCase();
    const group = partial.group || undefined;
    // The shortcut expander runs first: a short name becomes its plural (and group).
    let shortGroup: string | undefined;
    for (const r of this.ordered) {
      if (group !== undefined && r.group !== group) continue;
      if (r.shortNames.includes(resource)) {
        resource = r.resource;
        shortGroup = r.group;
        break;
      }
    }
    const wantGroup = group ?? shortGroup;
    return this.ordered.find((r) =>
      (r.resource === resource || r.singular === resource)
      && (wantGroup === undefined || r.group === wantGroup)
      && (!partial.version || r.version === partial.version));
  }
}

/** `deployment.apps`, `pod`: the lower-case kind and group kubectl prints before a name. */
export function kindPrefix(r: Pick<ApiResource, 'kind' | 'group'>): string {
  return (r.group ? `${r.kind}.${r.group}` : r.kind).toLowerCase();
}
