/**
 * Reading a request path the way the API server's RequestInfoFactory does: which group, version,
 * namespace, resource, name and subresource a URL names.
 */

export interface ResourceRequest {
  kind: 'resource';
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
}

export interface DiscoveryRequest {
  kind: 'discovery';
  /** '/api', '/apis', '/api/v1', '/apis/apps', '/apis/apps/v1'. */
  path: string;
  group?: string;
  version?: string;
}

export interface OtherRequest {
  kind: 'other';
  path: string;
}

export type RequestInfo = ResourceRequest | DiscoveryRequest | OtherRequest;

/**
 * `/api/v1/namespaces/default/pods/web/log` → core v1, namespace default, pods, web, log.
 * `/api/v1/namespaces/default` is the namespace object itself, not a namespaced collection.
 */
export function parseRequestPath(path: string): RequestInfo {
  // The front door and the authorizer both parse each request's path: the second parse is a lookup.
  if (path === lastParsed.path) return lastParsed.info;
  const info = Object.freeze(parsePath(path));
  lastParsed = { path, info };
  return info;
}

/** The last path parsed and its (frozen, shared) answer. */
let lastParsed: { path: string | undefined; info: RequestInfo } = { path: undefined, info: { kind: 'other', path: '' } };

function parsePath(path: string): RequestInfo {
  const split = path.split('/').filter((p) => p !== '');
  // decodeURIComponent changes only %-escapes; most paths have none, and every request parses one.
  const parts = path.includes('%') ? split.map(decodeURIComponent) : split;
  let group: string;
  let version: string | undefined;
  let rest: string[];
  if (parts[0] === 'api') {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
    if (!version) return { kind: 'discovery', path: '/api' };
  } else if (parts[0] === 'apis') {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
    if (!group) return { kind: 'discovery', path: '/apis' };
    if (!version) return { kind: 'discovery', path: `/apis/${group}`, group };
  } else {
    return { kind: 'other', path };
  }
  if (rest.length === 0) {
    return { kind: 'discovery', path: group ? `/apis/${group}/${version}` : `/api/${version}`, group, version };
  }
  // namespaces/{ns}/{resource}… is a namespaced request, unless it is the namespace itself
  // (namespaces/{ns}) or its subresource (namespaces/{ns}/status|finalize).
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(group === '' && ['status', 'finalize'].includes(rest[2]) && rest.length === 3)) {
    const [, namespace, resource, name, subresource] = rest;
    return { kind: 'resource', group, version, namespace, resource, name, subresource };
  }
  const [resource, name, subresource] = rest;
  return { kind: 'resource', group, version, resource, name, subresource };
}
