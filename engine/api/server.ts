/**
 * The API server's front door: `handle(request)` routes every read and write — from the HTTP
 * adapter, the kubectl emulator, controllers, the lab and the grader — to the handler for its
 * verb, turns failures into `Status` answers, and writes one audit record per request.
 */
import type { Clock } from '../clock.ts';
import { Random } from '../clock.ts';
import { AuditLog } from './audit.ts';
import { AuditRecorder } from './audit-record.ts';
import { AccessControl, type AccessOptions } from './authz/access.ts';
import type { AuthorizationAnnotations } from './authz/types.ts';
import type { AdmissionPlugin, ApiContext, SubresourceProvider } from './context.ts';
import {
  aggregatedContentType, aggregatedDiscovery, aggregatedVersion, apiGroupDocument, apiGroupList, apiResourceList,
  apiVersions, serverVersion,
} from './discovery.ts';
import { StatusError, statusErrors } from './errors.ts';
import type { Call } from './handlers/common.ts';
import { json, statusResponse } from './handlers/common.ts';
import { remove, removeCollection } from './handlers/delete.ts';
import { get, list } from './handlers/read.ts';
import { binding, finalize, scale, status } from './handlers/subresources.ts';
import { approval } from './handlers/csr-approval.ts';
import { ephemeralContainers } from './handlers/ephemeral-containers.ts';
import { evict } from './handlers/eviction.ts';
import { podLog } from './handlers/pod-log.ts';
import { create, patch, update } from './handlers/write.ts';
import { openapiResponse } from './pipeline.ts';
import { openapiV2Response } from './openapi/v2.ts';
import { Registry, type ResourceInfo } from './registry.ts';
import type { ResourceRequest } from './request-info.ts';
import { parseRequestPath } from './request-info.ts';
import { Store } from './store.ts';
import type { ApiRequest, ApiResponse, UserInfo } from './types.ts';
import type { OpenWatch } from './watch.ts';
import { bookmarkInterval } from './watch.ts';

/** The cluster administrator kind's kubeconfig authenticates as. */
export const adminUser: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

/** The lab's default cap on stored pods: far above any lesson, low enough that a runaway stays quick. */
export const defaultMaxPods = 1000;

/** Largest request body the API server reads (3 MiB). */
export const maxRequestBytes = 3 * 1024 * 1024;

export interface ApiServerOptions {
  clock: Clock;
  random: Random;
  /** Changes kept for watch replay (default 20,000). */
  historySize?: number;
  /** The most pods the cluster stores (a runaway such as `replicas: 1000000` stops here). */
  maxPods?: number;
}

export class ApiServer {
  readonly context: ApiContext & { watches: Set<OpenWatch>; maxPods: number };

  private readonly groups = new Map<string, (ctx: ApiContext, call: Call, verb: string) => ApiResponse>();

  constructor(options: ApiServerOptions) {
    this.context = {
      store: new Store(options.historySize),
      registry: new Registry(),
      clock: options.clock,
      random: options.random,
      names: new Random(options.random.uint32()),
      uids: new Random(options.random.uint32()),
      audit: new AuditLog(),
      admission: [],
      subresources: new Map(),
      watches: new Set(),
      maxPods: options.maxPods ?? defaultMaxPods,
    };
    this.recorder = new AuditRecorder(this.context);
  }

  /** Writes one audit record per resource request (audit-record.ts). */
  private readonly recorder: AuditRecorder;

  /** Add an admission plugin (run on every write after defaulting, before validation). */
  addAdmission(plugin: AdmissionPlugin): void {
    this.context.admission.push(plugin);
  }

  /** Serve a subresource such as `pods/log` (key `/pods/log`, or `apps/deployments/…` with a group). */
  serveSubresource(key: string, provider: SubresourceProvider): void {
    this.context.subresources.set(key, provider);
  }

  /** Send bookmarks to watches that asked for them, once a minute of virtual time. */
  tick(): void {
    const now = this.context.clock.now();
    const rv = String(this.context.store.resourceVersion());
    for (const watch of this.context.watches) {
      if (watch.allowBookmarks && now - watch.lastBookmark >= bookmarkInterval) watch.bookmark(rv);
    }
  }

  /** Authentication, impersonation and RBAC in front of every handler; undefined until enableAuthorization. */
  access?: AccessControl;

  /**
   * Check every request from now on (kind's `--authorization-mode=Node,RBAC`) and serve TokenRequest.
   * Call it once the bootstrap policy exists: before that, RBAC would let nobody in.
   */
  enableAuthorization(options: AccessOptions = { admin: adminUser }): AccessControl {
    this.access = new AccessControl(this.context, options);
    this.serveSubresource('/serviceaccounts/token', this.access.tokens.tokenRequest);
    return this.access;
  }

  handle(request: ApiRequest): ApiResponse {
    const info = parseRequestPath(request.path);
    const checked = this.access?.check(request);
    if (checked?.response) {
      if (info.kind === 'resource') this.audit(request, info, checked.user, checked.impersonator, checked.response, checked.authorization);
      return checked.response;
    }
    const served = checked && checked.user !== request.user ? { ...request, user: checked.user } : request;
    if (info.kind === 'other') return this.handleOther(served);
    if (info.kind === 'discovery') return this.handleDiscovery(served, info.path, info.group, info.version);
    return this.handleResource(served, info, checked?.impersonator, checked?.authorization);
  }

  private handleOther(request: ApiRequest): ApiResponse {
    const path = request.path.replace(/\/+$/, '') || '/';
    if (path === '/version') return json(200, serverVersion);
    if (['/healthz', '/livez', '/readyz'].includes(path)) {
      return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'ok' };
    }
    if (path === '/openapi/v2') return openapiV2Response();
    if (path.startsWith('/openapi/v3')) {
      const answer = openapiResponse(this.context, path);
      if (answer) return answer;
    }
    return statusResponse(statusErrors.pathNotFound());
  }

  /**
   * The registry as discovery shows it: a group served through the aggregator (serveGroup) is
   * listed only while its APIService exists, as kube-aggregator lists only registered groups.
   */
  private discoveryRegistry(): Registry {
    const registry = this.context.registry;
    if (!this.groups.size) return registry;
    const registered = (info: ResourceInfo): boolean =>
      !this.groups.has(info.group) || !!this.context.store.get('apiregistration.k8s.io/apiservices', undefined, `${info.version}.${info.group}`);
    const all = registry.all();
    if (all.every(registered)) return registry;
    return Object.assign(Object.create(registry) as Registry, { all: () => all.filter(registered) });
  }

  private handleDiscovery(request: ApiRequest, path: string, group?: string, version?: string): ApiResponse {
    const registry = this.discoveryRegistry();
    const aggregated = aggregatedVersion(request.headers?.accept);
    if ((path === '/api' || path === '/apis') && aggregated) {
      return { status: 200, headers: { 'content-type': aggregatedContentType(aggregated) }, body: aggregatedDiscovery(registry, path === '/api', aggregated) };
    }
    let body: unknown;
    if (path === '/api') body = apiVersions();
    else if (path === '/apis') body = apiGroupList(registry);
    else if (version) body = apiResourceList(registry, group ?? '', version);
    else if (group) body = apiGroupDocument(registry, group);
    return body ? json(200, body) : statusResponse(statusErrors.pathNotFound());
  }

  private handleResource(request: ApiRequest, target: ResourceRequest, impersonator?: UserInfo, authorization?: AuthorizationAnnotations): ApiResponse {
    const ctx = this.context;
    const user = request.user ?? adminUser;
    const query = request.query ?? {};
    const headers = request.headers ?? {};
    const resourceInfo = ctx.registry.byResource(target.group, target.version, target.resource);
    const verb = verbOf(request.method, target, query);
    let response: ApiResponse;
    if (!resourceInfo || (resourceInfo.namespaced === false && target.namespace !== undefined) ||
      (target.subresource && !resourceInfo.subresources?.includes(target.subresource))) {
      response = statusResponse(statusErrors.pathNotFound());
    } else {
      const call: Call = { ...target, info: resourceInfo, query, headers, body: request.body, user };
      try {
        response = this.dispatch(call, request.method, verb);
      } catch (error) {
        if (!(error instanceof StatusError)) throw error;
        response = statusResponse(error.status);
      }
    }
    this.audit(request, target, user, impersonator, response, authorization, verb);
    return response;
  }

  /** One audit record: the requester, whom it impersonated, what it asked for, the authorization decision and the answer. */
  private audit(request: ApiRequest, target: ResourceRequest, user: UserInfo, impersonator: UserInfo | undefined, response: ApiResponse,
    authorization: AuthorizationAnnotations | undefined, verb = verbOf(request.method, target, request.query ?? {})): void {
    this.recorder.record({ request, target, verb, user, impersonator, response, authorization });
  }

  /**
   * Serve an API group from outside the core server, as kube-aggregator proxies a group to the
   * extension API server its APIService names (metrics-server serves metrics.k8s.io).
   */
  serveGroup(group: string, handler: (ctx: ApiContext, call: Call, verb: string) => ApiResponse): void {
    this.groups.set(group, handler);
  }

  private dispatch(call: Call, method: string, verb: string): ApiResponse {
    const ctx = this.context;
    const aggregated = this.groups.get(call.info.group);
    if (aggregated) return aggregated(ctx, call, verb);
    if (call.subresource) {
      const provided = ctx.subresources.get(`${call.info.group}/${call.info.resource}/${call.subresource}`);
      if (provided) {
        const object = ctx.store.get(`${call.info.group}/${call.info.resource}`, call.namespace, call.name!);
        if (!object) throw new StatusError(statusErrors.notFound({ group: call.info.group, resource: call.info.resource, name: call.name }));
        return provided({ ...call, object });
      }
      if (call.subresource === 'status' && ['GET', 'PUT', 'PATCH'].includes(method)) return status(ctx, call, method);
      if (call.subresource === 'scale' && ['GET', 'PUT', 'PATCH'].includes(method)) return scale(ctx, call, method);
      if (call.subresource === 'approval' && ['GET', 'PUT', 'PATCH'].includes(method) && call.info.resource === 'certificatesigningrequests') return approval(ctx, call, method);
      if (call.subresource === 'binding' && method === 'POST') return binding(ctx, call);
      if (call.subresource === 'eviction' && method === 'POST' && call.info.resource === 'pods') return evict(ctx, call);
      if (call.subresource === 'log' && method === 'GET' && call.info.resource === 'pods') return podLog(ctx, call);
      if (call.subresource === 'finalize' && method === 'PUT') return finalize(ctx, call);
      if (call.subresource === 'ephemeralcontainers' && ['GET', 'PUT', 'PATCH'].includes(method) && call.info.resource === 'pods') return ephemeralContainers(ctx, call, method);
      return statusResponse(statusErrors.methodNotAllowed());
    }
    if (call.info.resource === 'bindings' && method === 'POST') {
      const body = (call.body ?? {}) as { metadata?: { name?: string } };
      return binding(ctx, { ...call, info: ctx.registry.byResource('', 'v1', 'pods')!, name: body.metadata?.name });
    }
    if (!call.info.verbs.includes(verb === 'watch' ? 'watch' : verb)) return statusResponse(statusErrors.methodNotAllowed());
    switch (verb) {
      case 'get': return get(ctx, call);
      case 'list':
      case 'watch': return list(ctx, call);
      case 'create': return create(ctx, call);
      case 'update': return update(ctx, call);
      case 'patch': return patch(ctx, call);
      case 'delete': return remove(ctx, call);
      case 'deletecollection': return removeCollection(ctx, call);
    }
    return statusResponse(statusErrors.methodNotAllowed());
  }
}

/** The Kubernetes verb for an HTTP method on a resource URL, as the RequestInfoFactory names it. */
export function verbOf(method: string, target: ResourceRequest, query: Record<string, string>): string {
  switch (method) {
    case 'GET': return target.name ? 'get' : query.watch === 'true' || query.watch === '1' ? 'watch' : 'list';
    case 'POST': return 'create';
    case 'PUT': return 'update';
    case 'PATCH': return 'patch';
    case 'DELETE': return target.name ? 'delete' : 'deletecollection';
  }
  return method.toLowerCase();
}
