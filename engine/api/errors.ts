/**
 * `metav1.Status` failures with the reasons, codes and message formats of apimachinery's
 * `pkg/api/errors`. kubectl prints `message` verbatim after `Error from server (Reason): `.
 */
import type { FieldError } from './field-errors.ts';
import { errorBody, errorText } from './field-errors.ts';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
  code: number;
}

/** A failure the handler returns as its response; thrown inside the handler and caught at the front door. */
export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
  }
}

/** Which object a failure is about: the resource (plural) and group, as `details` names them. */
export interface Target {
  group: string;
  resource: string;
  name?: string;
}

function qualified(target: Target): string {
  return target.group ? `${target.resource}.${target.group}` : target.resource;
}

function failure(code: number, reason: string | undefined, message: string, details?: Status['details']): Status {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code };
  if (reason) status.reason = reason;
  if (details) status.details = details;
  return status;
}

function details(target: Target): Status['details'] {
  const d: NonNullable<Status['details']> = {};
  if (target.name !== undefined && target.name !== '') d.name = target.name;
  if (target.group) d.group = target.group;
  d.kind = target.resource;
  return d;
}

export const statusErrors = {
  notFound: (target: Target): Status =>
    failure(404, 'NotFound', `${qualified(target)} "${target.name ?? ''}" not found`, details(target)),
  alreadyExists: (target: Target): Status =>
    failure(409, 'AlreadyExists', `${qualified(target)} "${target.name ?? ''}" already exists`, details(target)),
  conflict: (target: Target, why: string): Status =>
    failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(target)} "${target.name ?? ''}": ${why}`, details(target)),
  /** The optimistic-concurrency failure every stale update gets. */
  modified: (target: Target): Status =>
    statusErrors.conflict(target, 'the object has been modified; please apply your changes to the latest version and try again'),
  /** 422: `Deployment.apps "web" is invalid: …`, one cause per field error. */
  invalid: (kind: string, group: string, name: string, errors: FieldError[]): Status => {
    const qualifiedKind = group ? `${kind}.${group}` : kind;
    const aggregate = errors.length === 1 ? errorText(errors[0]) : `[${errors.map(errorText).join(', ')}]`;
    const d: NonNullable<Status['details']> = {};
    if (name) d.name = name;
    if (group) d.group = group;
    d.kind = kind;
    d.causes = errors.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field }));
    return failure(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${aggregate}`, d);
  },
  badRequest: (message: string): Status => failure(400, 'BadRequest', message),
  /** apierrors.NewForbidden: `pods "web" is forbidden: …` for one object, `pods is forbidden: …` for a collection. */
  forbidden: (target: Target, why: string): Status =>
    failure(403, 'Forbidden', target.name ? `${qualified(target)} "${target.name}" is forbidden: ${why}` : `${qualified(target)} is forbidden: ${why}`, details(target)),
  methodNotAllowed: (): Status => failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'),
  /** 404 for a URL that names no resource at all. */
  pathNotFound: (): Status => failure(404, 'NotFound', 'the server could not find the requested resource', {}),
  /** 415 for a request body in a format the server does not read (patch types have their own, patch/patch-errors.ts). */
  unsupportedMediaType: (): Status =>
    failure(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf'),
  gone: (message: string): Status => failure(410, 'Expired', message),
  tooLarge: (limit: number): Status => failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`),
  /** A plain error from the storage layer: 500 with no reason; kubectl prints `Error from server: <message>`. */
  storage: (message: string): Status => failure(500, undefined, message),
  internal: (why: string): Status => failure(500, 'InternalError', `Internal error occurred: ${why}`, { causes: [{ message: why }] }),
  tooManyRequests: (message: string): Status => failure(429, 'TooManyRequests', message),
};

/** A Status for a successful delete of an object with no body to return (e.g. deletecollection answers a List). */
export function successStatus(target: Target, uid?: string): Status {
  const d = details(target);
  if (d && uid) d.uid = uid;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: d, code: 200 };
}
