/**
 * The validation step of the API server: `validateObject` runs after defaulting and picks the
 * validator for the object's group and kind; `invalidMessage` and `invalidCauses` build the 422
 * `Status` exactly as apimachinery's `NewInvalid` does.
 *
 * Core kinds are validated by core.ts (metadata included). Other groups' kinds come from
 * groups.ts, keyed `group/Kind` (`apps/Deployment`); for those, metadata is validated here.
 */
import { errorBody, errorText } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { ResourceInfo } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { coreValidators } from './core.ts';
import { groupValidators } from './groups.ts';
import { nameValidatorFor, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';

/** Validate an object on create (`old` absent) or update, after defaulting. */
export function validateObject(info: ResourceInfo, obj: KubeObject, old?: KubeObject): FieldError[] {
  if (info.group === '') {
    const core = coreValidators[info.kind];
    if (core) return core(obj, old);
  }
  const meta = old
    ? validateObjectMetaUpdate(obj.metadata, old.metadata)
    : validateObjectMeta(obj.metadata, info.namespaced, nameValidatorFor(info.group, info.kind));
  const validator = groupValidators[`${info.group}/${info.kind}`];
  return validator ? [...meta, ...validator(obj, old)] : meta;
}

/**
 * The `Status.message` of a 422: `Deployment.apps "web" is invalid: <error>` for one error and
 * `… is invalid: [e1, e2]` for several. The core group has no suffix: `Pod "web" is invalid: …`.
 */
export function invalidMessage(kind: string, group: string, name: string, errors: FieldError[]): string {
  const qualified = group ? `${kind}.${group}` : kind;
  const aggregate = errors.length === 1 ? errorText(errors[0]) : `[${errors.map(errorText).join(', ')}]`;
  return `${qualified} "${name}" is invalid: ${aggregate}`;
}

/** One `StatusCause` per field error: `{reason: "FieldValueInvalid", message: <ErrorBody>, field}`. */
export function invalidCauses(errors: FieldError[]): Array<{ reason: string; message: string; field: string }> {
  return errors.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field }));
}
