/**
 * The credentials and impersonation client-go adds to every request from kubectl's global flags:
 * `--token` becomes `Authorization: Bearer …` (over https only: client-go never sends a bearer
 * token to an `http://` server, so against `kubelab serve` the token is silently not sent); `--as`,
 * `--as-group` (repeatable) and `--as-uid` become the `Impersonate-User`, `Impersonate-Group` and
 * `Impersonate-Uid` headers.
 */
import type { KubectlSessionBase } from '../session-base.ts';
import type { ParsedFlags } from '../flags.ts';
import { flagList, flagString } from '../flags.ts';
import { KubectlError, type ApiClient } from './api-client.ts';

/**
 * The headers the flags add (lower-case names; repeated groups joined by `, ` as an HTTP server
 * joins them). `server` is the URL the request goes to; `user` the kubeconfig user, for the error
 * kubectl gives when groups or a UID are asked for without a user to impersonate.
 */
export function credentialHeaders(flags: ParsedFlags, server: string, user: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const token = flagString(flags, 'token');
  if (token && server.startsWith('https://')) headers.authorization = `Bearer ${token}`;
  const as = flagString(flags, 'as');
  const groups = flagList(flags, 'as-group');
  const uid = flagString(flags, 'as-uid');
  if (!as && (groups.length || uid)) throw KubectlError.client(`requesting uid, groups or user-extra for ${user} without impersonating a user`);
  if (as) headers['impersonate-user'] = as;
  if (groups.length) headers['impersonate-group'] = groups.join(', ');
  if (uid) headers['impersonate-uid'] = uid;
  return headers;
}

/**
 * A client that sends every request with these headers (the same client when there are none).
 * Anything else the client offers (a lab's `advance` and `now`) stays reachable and bound to it.
 */
export function withHeaders<T extends ApiClient>(api: T, extra: Record<string, string>): T {
  if (!Object.keys(extra).length) return api;
  const handle: ApiClient['handle'] = (request) => api.handle({ ...request, headers: { ...(request.headers ?? {}), ...extra } });
  return new Proxy(api, {
    get(target, property) {
      if (property === 'handle') return handle;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The server a command talks to and the kubeconfig user it runs as (`--server`, `--user`, else the context's). */
function target(session: KubectlSessionBase, flags: ParsedFlags): { server: string; user: string } {
  const config = session.kubeconfig;
  const contextName = flagString(flags, 'context');
  const current = contextName ? config.contexts.find((c) => c.name === contextName) : session.context;
  const clusterName = flagString(flags, 'cluster') || current?.cluster;
  const server = flagString(flags, 'server') || config.clusters.find((c) => c.name === clusterName)?.server || '';
  return { server, user: flagString(flags, 'user') || current?.user || '' };
}

/** The client a command's requests go through: `api` with the headers the global credential flags add. */
export function credentialedClient<T extends ApiClient>(api: T, session: KubectlSessionBase, flags: ParsedFlags): T {
  const { server, user } = target(session, flags);
  return withHeaders(api, credentialHeaders(flags, server, user));
}
