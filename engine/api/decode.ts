/**
 * Decoding a request object as the API server's strict JSON decoder does: wrong types are a 400,
 * unknown fields are refused (`fieldValidation=Strict`), reported as warnings (`Warn`, the
 * default) or silently dropped (`Ignore`). Unknown fields never reach storage.
 */
import { base64Error } from './base64.ts';
import { statusErrors, StatusError } from './errors.ts';
import {
  cannotBeHandledMessage, decodeErrors, findUnknownFields, strictDecodingMessage, unknownFieldMessage,
} from './openapi/strict-decoding.ts';
import type { SchemaSummary } from './openapi/summary.ts';
import { normalizeQuantities } from './validation/quantity-fields.ts';
import type { ResourceInfo } from './registry.ts';
import type { KubeObject } from './types.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** The `fieldValidation` query parameter, checked. */
export function fieldValidationOf(query: Record<string, string>): FieldValidation {
  const value = query.fieldValidation;
  if (value === undefined || value === '') return 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw new StatusError(statusErrors.badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict"; got "${value}"`));
}

/** Split `spec.containers[0].ports[1].x` into keys and indices. */
function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      out.push(part);
      continue;
    }
    if (match[1]) out.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

/** A copy of `object` without the fields at `paths`. */
function prune(object: KubeObject, paths: string[]): KubeObject {
  const copy = structuredClone(object);
  for (const path of paths) {
    const segments = pathSegments(path);
    let parent: unknown = copy;
    for (const segment of segments.slice(0, -1)) parent = (parent as Record<string | number, unknown> | undefined)?.[segment];
    if (parent && typeof parent === 'object') delete (parent as Record<string | number, unknown>)[segments[segments.length - 1]];
  }
  return copy;
}

/**
 * Decode `object` for `info`: throw the 400 the API server gives for wrong types or (Strict)
 * unknown fields; otherwise return it without unknown fields, with any warnings.
 */
export function decodeObject(
  call: { info: ResourceInfo; query: Record<string, string> },
  object: KubeObject,
  customSummary?: SchemaSummary,
): { object: KubeObject; warnings: string[] } {
  const mode = fieldValidationOf(call.query);
  const gvk = { group: call.info.group, version: call.info.version, kind: call.info.kind };
  let unknown: string[];
  if (!call.info.custom) {
    // Type errors and unknown fields come from one walk; the unknown fields are the same after
    // quantities are normalized (only values change), and are only reported once nothing else failed.
    const found = decodeErrors(gvk, object);
    if (found.typeErrors.length) throw new StatusError(statusErrors.badRequest(cannotBeHandledMessage(gvk, found.typeErrors[0])));
    const badBytes = base64Error(call.info.kind, object);
    if (badBytes) throw new StatusError(statusErrors.badRequest(cannotBeHandledMessage(gvk, badBytes)));
    // Quantities are parsed on decoding: a bad one is a 400, good ones are stored in canonical form.
    const normalized = normalizeQuantities(call.info.group, call.info.kind, object);
    if (normalized.error) throw new StatusError(statusErrors.badRequest(cannotBeHandledMessage(gvk, normalized.error)));
    object = normalized.object as KubeObject;
    unknown = customSummary ? findUnknownFields(gvk, object, customSummary) : found.unknownFields;
  } else {
    unknown = findUnknownFields(gvk, object, customSummary);
  }
  if (!unknown.length) return { object, warnings: [] };
  if (mode === 'Strict') throw new StatusError(statusErrors.badRequest(cannotBeHandledMessage(gvk, strictDecodingMessage(unknown))));
  return { object: prune(object, unknown), warnings: mode === 'Warn' ? unknown.map(unknownFieldMessage) : [] };
}
