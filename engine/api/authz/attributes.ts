/**
 * What a request asks to do, read from its URL the way the API server's RequestInfoFactory does,
 * and the Forbidden answer the authorization filter writes when nobody allows it:
 * `pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"`.
 */
import type { Status } from '../errors.ts';
import { parseRequestPath } from '../request-info.ts';
import type { ApiRequest, UserInfo } from '../types.ts';
import type { Attributes } from './types.ts';

/** The verb of a resource request: get/list/watch by name and `watch`, create, update, patch, delete/deletecollection. */
function resourceVerb(method: string, hasName: boolean, watch: boolean): string {
  switch (method) {
    case 'GET': return watch ? 'watch' : hasName ? 'get' : 'list';
    case 'POST': return 'create';
    case 'PUT': return 'update';
    case 'PATCH': return 'patch';
    case 'DELETE': return hasName ? 'delete' : 'deletecollection';
  }
  return method.toLowerCase();
}

/** `metadata.name=web` (or `==`) in a field selector: a list or watch of one object is authorized by its name. */
function nameFromFieldSelector(selector: string | undefined): string {
  for (const term of (selector ?? '').split(',')) {
    const match = /^metadata\.name==?(.+)$/.exec(term.trim());
    if (match && !match[1].includes('/') && match[1] !== '.' && match[1] !== '..') return match[1];
  }
  return '';
}

/** The attributes of a request made by `user`. */
export function requestAttributes(request: ApiRequest, user: UserInfo): Attributes {
  const info = parseRequestPath(request.path);
  const query = request.query ?? {};
  if (info.kind !== 'resource') {
    // Discovery documents (`/api`, `/apis/apps/v1`) and everything else are URLs, with the HTTP method as verb.
    const verb = request.method === 'POST' ? 'post' : request.method === 'PUT' ? 'put' : request.method.toLowerCase();
    return { user, verb, resourceRequest: false, apiGroup: '', resource: '', subresource: '', name: '', namespace: '', path: request.path };
  }
  const watch = query.watch === 'true' || query.watch === '1';
  let name = info.name ?? '';
  const verb = resourceVerb(request.method, name !== '', watch);
  if (!name && (verb === 'list' || verb === 'watch')) name = nameFromFieldSelector(query.fieldSelector);
  // A namespace object is in itself: `get namespace dev` is authorized in the namespace "dev".
  const namespace = info.namespace ?? (info.group === '' && info.resource === 'namespaces' && info.name ? info.name : '');
  return {
    user, verb, resourceRequest: true, apiGroup: info.group, apiVersion: info.version, resource: info.resource,
    subresource: info.subresource ?? '', name, namespace, path: request.path,
  };
}

/** The authorization filter's forbiddenMessage: who cannot do what, where. */
export function forbiddenMessage(attributes: Attributes): string {
  const who = JSON.stringify(attributes.user.username);
  if (!attributes.resourceRequest) return `User ${who} cannot ${attributes.verb} path ${JSON.stringify(attributes.path)}`;
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  const what = `User ${who} cannot ${attributes.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(attributes.apiGroup)}`;
  return attributes.namespace ? `${what} in the namespace ${JSON.stringify(attributes.namespace)}` : `${what} at the cluster scope`;
}

/**
 * apierrors.NewForbidden for a denied request: `pods is forbidden: …` for a collection,
 * `pods "web" is forbidden: …` for one object, `forbidden: …` for a URL; the authorizer's
 * reason, when it gave one, follows the message after `: `.
 */
export function forbiddenStatus(attributes: Attributes, reason: string): Status {
  const why = reason ? `${forbiddenMessage(attributes)}: ${reason}` : forbiddenMessage(attributes);
  const qualified = attributes.resource ? (attributes.apiGroup ? `${attributes.resource}.${attributes.apiGroup}` : attributes.resource) : '';
  let message: string;
  if (!qualified) message = `forbidden: ${why}`;
  else if (!attributes.name) message = `${qualified} is forbidden: ${why}`;
  else message = `${qualified} ${JSON.stringify(attributes.name)} is forbidden: ${why}`;
  const details: NonNullable<Status['details']> = {};
  if (attributes.name) details.name = attributes.name;
  if (attributes.apiGroup) details.group = attributes.apiGroup;
  if (attributes.resource) details.kind = attributes.resource;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', details, code: 403 };
}
