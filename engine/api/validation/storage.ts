/**
 * StorageClass validation (pkg/apis/storage/validation). StorageClasses have no `spec`:
 * `provisioner`, `parameters` and the policies sit at the top of the object.
 */

import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { asObject, deepEqual, str } from './field-path.ts';
import { immutable, isSet } from './group-helpers.ts';
import type { KindValidator } from './group-helpers.ts';
import { isQualifiedName } from './names.ts';

const maxParameterSize = 256 * 1024;
const maxParameterCount = 512;

/** `validateParameters`: at most 512 keys, no empty key, 256 KiB in total. */
function validateParameters(params: unknown): FieldError[] {
  const entries = Object.entries(asObject(params) ?? {});
  if (entries.length > maxParameterCount) {
    return [fieldError.tooLong('parameters', 'Provisioner Parameters exceeded max allowed', maxParameterCount)];
  }
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of entries) {
    if (k.length < 1) errs.push(fieldError.invalid('parameters', k, 'field can not be empty.'));
    size += k.length + str(v).length;
  }
  if (size > maxParameterSize) errs.push(fieldError.tooLong('parameters', '', maxParameterSize));
  return errs;
}

/** StorageClass: provisioner, parameters, policies; parameters, provisioner and policies are fixed after create. */
export const validateStorageClass: KindValidator = (obj, old) => {
  const errs = validateStorageClassCreate(obj);
  if (old) {
    if (!deepEqual(old.parameters, obj.parameters)) errs.push(fieldError.forbidden('parameters', 'updates to parameters are forbidden.'));
    if (str(obj.provisioner) !== str(old.provisioner)) errs.push(fieldError.forbidden('provisioner', 'updates to provisioner are forbidden.'));
    if (str(obj.reclaimPolicy) !== str(old.reclaimPolicy)) errs.push(fieldError.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    errs.push(...immutable(obj.volumeBindingMode, old.volumeBindingMode, 'volumeBindingMode'));
  }
  return errs;
};

/** `ValidateStorageClass`: the rules that hold on create and on every update. */
function validateStorageClassCreate(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const provisioner = str(obj.provisioner);
  if (provisioner === '') errs.push(fieldError.required('provisioner'));
  else errs.push(...isQualifiedName(provisioner.toLowerCase()).map((msg) => fieldError.invalid('provisioner', provisioner, msg)));
  errs.push(...validateParameters(obj.parameters));
  const reclaim = str(obj.reclaimPolicy);
  if (reclaim !== '' && reclaim !== 'Delete' && reclaim !== 'Retain') {
    errs.push(fieldError.notSupported('reclaimPolicy', reclaim, ['Delete', 'Retain']));
  }
  if (!isSet(obj.volumeBindingMode)) errs.push(fieldError.required('volumeBindingMode'));
  else if (!['Immediate', 'WaitForFirstConsumer'].includes(str(obj.volumeBindingMode))) {
    errs.push(fieldError.notSupported('volumeBindingMode', str(obj.volumeBindingMode), ['Immediate', 'WaitForFirstConsumer']));
  }
  return errs;
}
