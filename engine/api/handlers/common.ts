/**
 * Small pieces every handler uses: responses, copying, reading query options.
 */
import { fromStorage } from '../conversion.ts';
import type { Status } from '../errors.ts';
import { StatusError, statusErrors } from '../errors.ts';
import type { ResourceInfo } from '../registry.ts';
import { groupVersion } from '../registry.ts';
import type { ResourceRequest } from '../request-info.ts';
import type { ApiResponse, KubeObject, UserInfo } from '../types.ts';

/** A resource request after routing: its resource info, query and caller. */
export interface Call extends ResourceRequest {
  info: ResourceInfo;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
  user: UserInfo;
}

export function json(status: number, body: unknown, warnings?: string[]): ApiResponse {
  const response: ApiResponse = { status, headers: { 'content-type': 'application/json' }, body };
  if (warnings?.length) response.warnings = warnings;
  return response;
}

export function statusResponse(status: Status): ApiResponse {
  return json(status.code, status);
}

export function fail(status: Status): never {
  throw new StatusError(status);
}

/** The object as the caller's version shows it, with apiVersion and kind set. */
export function present(info: ResourceInfo, stored: KubeObject): KubeObject {
  const converted = fromStorage(info, stored);
  const { apiVersion: _a, kind: _k, metadata, ...rest } = converted;
  return { apiVersion: groupVersion(info), kind: info.kind, metadata, ...rest };
}


/** `dryRun=All` (the only value the API server accepts). */
export function isDryRun(call: Call): boolean {
  const value = call.query.dryRun;
  if (value === undefined || value === '') return false;
  if (value !== 'All') fail(statusErrors.badRequest(`Invalid dry run value: "${value}", valid values are: "All"`));
  return true;
}

/** The target a Status names: resource and group. */
export function target(call: Call, name?: string): { group: string; resource: string; name?: string } {
  return { group: call.info.group, resource: call.info.resource, name: name ?? call.name };
}

/** Whether two JSON values are equal, ignoring key order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (Array.isArray(b)) return false;
  const ak = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bk = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ak.length !== bk.length) return false;
  return ak.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}


