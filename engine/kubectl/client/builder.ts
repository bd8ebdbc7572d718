/**
 * kubectl's resource Builder for type and name arguments (`pods`, `pods,svc`, `all`, `pod web db`,
 * `deploy/web svc/web`): which resources and names a command asks for, with the Builder's errors.
 * Shared by every command that takes `TYPE [NAME...]` or `TYPE/NAME` arguments.
 */
import { KubectlError } from './api-client.ts';
import type { ApiResource } from './discovery.ts';
import type { RestMapper } from './rest-mapper.ts';

/** One thing to fetch: a whole collection (no name) or one object. */
export interface ResourceRequest {
  mapping: ApiResource;
  name?: string;
}

/** The URL of a resource collection, namespaced unless `namespace` is undefined or the kind is cluster-scoped. */
export function collectionPath(mapping: ApiResource, namespace: string | undefined): string {
  const base = mapping.group ? `/apis/${mapping.group}/${mapping.version}` : `/api/${mapping.version}`;
  return mapping.namespaced && namespace !== undefined ? `${base}/namespaces/${namespace}/${mapping.resource}` : `${base}/${mapping.resource}`;
}

/** kubectl's hasCombinedTypeArgs: whether every argument is TYPE/NAME; mixing forms is an error. */
function combinedTypeArgs(args: string[]): boolean {
  const withSlash = args.filter((arg) => arg.includes('/')).length;
  if (withSlash > 0 && withSlash !== args.length) {
    throw KubectlError.client("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
  }
  return withSlash > 0;
}

/** kubectl's MultipleTypesRequested: `all`, `pods,svc`, or TYPE/NAME arguments of different types. */
export function multipleTypesRequested(args: string[]): boolean {
  const normalized = args.length >= 2 && args[0].includes(',') ? args[0].split(',').flatMap((t) => args.slice(1).map((n) => `${t}/${n}`)) : args;
  const kinds = new Set<string>();
  for (const arg of normalized) {
    if (arg === 'all') return true;
    const slash = arg.indexOf('/');
    if (slash < 0) {
      if (new Set(arg.split(',')).size > 1) return true;
      continue;
    }
    kinds.add(arg.slice(0, slash));
  }
  return kinds.size > 1;
}

/** The requests for `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME…` arguments, in the order kubectl makes them. */
export function resourceRequests(mapper: RestMapper, args: string[]): ResourceRequest[] {
  if (combinedTypeArgs(args)) {
    return args.map((arg) => {
      const slash = arg.indexOf('/');
      const type = arg.slice(0, slash);
      const name = arg.slice(slash + 1);
      if (!type || !name || name.includes('/')) throw KubectlError.client('arguments in resource/name form must have a single resource and name');
      return { mapping: mapper.mappingFor(type), name };
    });
  }
  const types = mapper.expandTypes(args[0]).filter((t) => t !== '');
  const mappings: ApiResource[] = [];
  for (const type of types) {
    const mapping = mapper.mappingFor(type);
    if (!mappings.some((m) => m.group === mapping.group && m.resource === mapping.resource)) mappings.push(mapping);
  }
  const names = args.slice(1);
  if (!names.length) return mappings.map((mapping) => ({ mapping }));
  return mappings.flatMap((mapping) => names.map((name) => ({ mapping, name })));
}
