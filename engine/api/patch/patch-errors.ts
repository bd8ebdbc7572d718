/**
 * The `Status` bodies the API server's PATCH handler answers with when a patch cannot be decoded or
 * applied (k8s.io/apiserver pkg/endpoints/handlers/patch.go). Note that a JSON patch or strategic
 * merge patch that does not apply gets a generic 422 whose message hides the cause: kubectl prints
 * `The request is invalid: the server rejected our request due to an error in our request`.
 */
import type { Status } from '../errors.ts';
import { statusErrors } from '../errors.ts';

/** A failed patch: the Status to answer with, and the library's own explanation (for logs and the lab's panels). */
export interface PatchFailure {
  ok: false;
  status: Status;
  detail: string;
}

/** The patch content types a built-in resource accepts, in the order the 415 message lists them. */
export const builtinPatchTypes = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

/** Custom resources accept no strategic merge patch. */
export const customResourcePatchTypes = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
];

/** 400 BadRequest with the error text as message (`errors.NewBadRequest(err.Error())`). */
export function badRequest(message: string): PatchFailure {
  return { ok: false, status: statusErrors.badRequest(message), detail: message };
}

/**
 * 422 from `errors.NewGenericServerResponse(422, "", {}, "", err.Error(), 0, false)`: reason
 * Invalid, a fixed message, empty details — the cause is only in `detail`.
 */
export function unprocessable(detail: string): PatchFailure {
  return {
    ok: false,
    status: {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'the server rejected our request due to an error in our request', reason: 'Invalid', details: {}, code: 422,
    },
    detail,
  };
}

/** 415 for a patch type the resource does not accept (e.g. strategic merge patch on a custom resource). */
export function unsupportedPatchType(accepted: string[]): PatchFailure {
  const message = `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`;
  return {
    ok: false,
    status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'UnsupportedMediaType', code: 415 },
    detail: message,
  };
}

/** 413 for a JSON patch of more than 10,000 operations. */
export function tooManyOperations(count: number): PatchFailure {
  const message = `Request entity too large: The allowed maximum operations in a JSON patch is 10000, got ${count}`;
  return {
    ok: false,
    status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'RequestEntityTooLarge', code: 413 },
    detail: message,
  };
}
