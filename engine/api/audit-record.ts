/**
 * What the API server's audit filter records about one resource request, once it is answered:
 * who asked (and whom they impersonated), from where, what for, the authorization filter's
 * decision and reason, and the answer — its code, and for a failure the Status's reason and message.
 */
import { rfc3339Micro } from '../clock.ts';
import type { AuditRecord, AuditResponseStatus } from './audit.ts';
import type { AuthorizationAnnotations } from './authz/types.ts';
import type { ApiContext } from './context.ts';
import type { Status } from './errors.ts';
import type { ResourceRequest } from './request-info.ts';
import type { ApiRequest, ApiResponse, UserInfo } from './types.ts';

/** One answered request, as the front door hands it to the audit filter. */
export interface AuditInput {
  request: ApiRequest;
  target: ResourceRequest;
  verb: string;
  /** Whom the request ran as. */
  user: UserInfo;
  /** Who really sent it, when it impersonated `user`. */
  impersonator?: UserInfo;
  response: ApiResponse;
  authorization?: AuthorizationAnnotations;
}

/**
 * Where requests come from on kind: kubectl on the host reaches the API server through the port
 * mapping, so from the docker network's gateway; the control-plane components (controller manager,
 * scheduler) run on the control-plane node itself, whose InternalIP the API server advertises.
 */
export const hostAddress = '172.18.0.1';
export const controlPlaneAddress = '172.18.0.2';

/** Writes the audit records of one API server. */
export class AuditRecorder {
  /** The time string of the last request: requests in one virtual instant (most of them) share it. */
  private lastTime = { ms: Number.NaN, text: '' };
  private readonly nodeAddresses = new Map<string, string>();

  constructor(private readonly ctx: Pick<ApiContext, 'audit' | 'clock' | 'store'>) {}

  /** Record one answered request. */
  record({ request, target, verb, user, impersonator, response, authorization }: AuditInput): void {
    const now = this.ctx.clock.now();
    if (now !== this.lastTime.ms) this.lastTime = { ms: now, text: rfc3339Micro(now) };
    const requester = impersonator ?? user;
    const sent = objectMeta(verb, request.body);
    const responseStatus = statusFields(response.body);
    // Fields assigned one by one, in the record's key order (optional ones only when present):
    // every request writes one, and spreads of conditional literals cost more than the rest of it.
    const record: AuditRecord = { time: this.lastTime.text, at: now, user: requester.username, groups: requester.groups } as AuditRecord;
    if (impersonator) {
      record.impersonatedUser = user.username;
      record.impersonatedGroups = user.groups;
    }
    record.verb = verb;
    record.group = target.group;
    record.version = target.version;
    record.resource = target.resource;
    record.subresource = target.subresource;
    record.namespace = target.namespace;
    record.name = target.name ?? sent?.name;
    record.requestURI = request.query ? request.path + queryString(request.query) : request.path;
    record.code = response.status;
    record.userAgent = request.headers?.['user-agent'];
    if (responseStatus) record.responseStatus = responseStatus;
    if (authorization) record.authorization = authorization;
    record.sourceIP = this.sourceOf(requester);
    if (sent?.uid) record.uid = sent.uid;
    if (sent?.resourceVersion) record.resourceVersion = sent.resourceVersion;
    this.ctx.audit.add(record);
  }

  /** Source addresses by user name, once known (a node's only once it reports an InternalIP). */
  private readonly sources = new Map<string, string>();

  /** A kubelet's requests come from its node; the other `system:` components from the control plane; people from the host. */
  private sourceOf(requester: UserInfo): string {
    const name = requester.username;
    const known = this.sources.get(name);
    if (known !== undefined) return known;
    if (name.startsWith('system:node:')) {
      const address = this.nodeAddress(name.slice('system:node:'.length));
      if (this.nodeAddresses.has(name.slice('system:node:'.length))) this.remember(name, address);
      return address;
    }
    return this.remember(name, name.startsWith('system:') && name !== 'system:anonymous' ? controlPlaneAddress : hostAddress);
  }

  /** Keep a user's source address; the bound only guards against a flood of made-up user names. */
  private remember(name: string, address: string): string {
    if (this.sources.size >= 4096) this.sources.clear();
    this.sources.set(name, address);
    return address;
  }

  private nodeAddress(node: string): string {
    let address = this.nodeAddresses.get(node);
    if (address) return address;
    const addresses = (this.ctx.store.get('/nodes', undefined, node)?.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses;
    address = addresses?.find((a) => a.type === 'InternalIP')?.address;
    if (!address) return controlPlaneAddress;
    this.nodeAddresses.set(node, address);
    return address;
  }
}

/**
 * The metadata of the object a create or update sent: LogRequestObject fills `objectRef` from it
 * (the name of a POST, the uid and resourceVersion an update carries). A patch or a delete sends
 * none (a patch document, DeleteOptions).
 */
function objectMeta(verb: string, body: unknown): { name?: string; uid?: string; resourceVersion?: string } | undefined {
  if (verb !== 'create' && verb !== 'update') return undefined;
  const metadata = (body as { metadata?: Record<string, unknown> } | undefined)?.metadata;
  if (!metadata || typeof metadata !== 'object') return undefined;
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
  return { name: text(metadata.name), uid: text(metadata.uid), resourceVersion: text(metadata.resourceVersion) };
}

/**
 * The fields the audit filter copies from a Status answer (status, message, reason, details), in
 * the Go struct's order; undefined for any other answer, whose `responseStatus` is the code alone.
 */
export function statusFields(body: unknown): AuditResponseStatus | undefined {
  if (!body || typeof body !== 'object' || (body as { kind?: unknown }).kind !== 'Status') return undefined;
  const status = body as Partial<Status>;
  const out: AuditResponseStatus = {};
  if (status.status) out.status = status.status;
  if (status.message) out.message = status.message;
  if (status.reason) out.reason = status.reason;
  const details = status.details;
  // A Status with details keeps them even when empty (`"details":{}`): Go omits only a nil pointer.
  if (details) {
    const { name, group, kind, uid, causes, retryAfterSeconds } = details;
    out.details = {
      ...(name ? { name } : {}), ...(group ? { group } : {}), ...(kind ? { kind } : {}), ...(uid ? { uid } : {}),
      ...(causes?.length ? { causes: causes.map(({ reason, message, field }) => ({ ...(reason ? { reason } : {}), ...(message ? { message } : {}), ...(field ? { field } : {}) })) } : {}),
      ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
    };
  }
  return out;
}

function queryString(query: Record<string, string>): string {
  const entries = Object.entries(query);
  return entries.length ? '?' + new URLSearchParams(entries).toString() : '';
}
