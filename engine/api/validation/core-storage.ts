/**
 * PersistentVolume and PersistentVolumeClaim validation: access modes, capacity and requested
 * storage, reclaim policy, one volume source, and the claim spec that becomes immutable after
 * creation (only `resources.requests` may grow, and only once the claim is Bound).
 */
import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { asObject, deepEqual, key, str } from './field-path.ts';
import type { Loose } from './field-path.ts';
import { validateImmutableField, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { specDiff } from './pod-update.ts';
import { compareQuantities, quantityFromJSON, quantityString } from './quantity.ts';
import type { Quantity } from './quantity.ts';

const accessModes = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const pvSources = ['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'flocker', 'nfs', 'rbd', 'quobyte', 'cephfs',
  'iscsi', 'cinder', 'fc', 'flexVolume', 'azureFile', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk', 'portworxVolume',
  'scaleIO', 'local', 'storageos', 'csi'];

function parse(value: unknown): Quantity | undefined {
  try {
    return quantityFromJSON(value);
  } catch {
    return undefined;
  }
}

function validateAccessModes(modes: unknown, path: string, requiredDetail?: string): FieldError[] {
  const list = Array.isArray(modes) ? modes.map(String) : [];
  const errs: FieldError[] = [];
  if (list.length === 0) errs.push(fieldError.required(path, requiredDetail));
  let rwop = false;
  let other = false;
  for (const mode of list) {
    if (!accessModes.includes(mode)) errs.push(fieldError.notSupported(path, mode, accessModes));
    if (mode === 'ReadWriteOncePod') rwop = true;
    else if (accessModes.includes(mode)) other = true;
  }
  if (rwop && other) errs.push(fieldError.forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function validatePositiveQuantity(value: unknown, path: string): FieldError[] {
  const q = parse(value);
  return q && q.nanos <= 0n ? [fieldError.invalid(path, quantityString(q), 'must be greater than zero')] : [];
}

function validateClassName(value: unknown, path: string): FieldError[] {
  const name = str(value);
  return name ? nameIsDNSSubdomain(name, false).map((m) => fieldError.invalid(path, name, m)) : [];
}

/** PersistentVolume create and update. */
export function validatePersistentVolume(pv: KubeObject, old?: KubeObject): FieldError[] {
  const spec = asObject(pv.spec) ?? {};
  const errs = old ? validateObjectMetaUpdate(pv.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(pv.metadata, false, nameIsDNSSubdomain));
  errs.push(...validateAccessModes(spec.accessModes, 'spec.accessModes'));
  const capacity = asObject(spec.capacity) ?? {};
  if (Object.keys(capacity).length === 0) errs.push(fieldError.required('spec.capacity'));
  if (!('storage' in capacity) || Object.keys(capacity).length > 1) errs.push(fieldError.notSupported('spec.capacity', capacity, ['storage']));
  for (const [r, q] of Object.entries(capacity)) errs.push(...validatePositiveQuantity(q, key('spec.capacity', r)));
  const reclaim = str(spec.persistentVolumeReclaimPolicy);
  if (reclaim && !['Delete', 'Recycle', 'Retain'].includes(reclaim)) {
    errs.push(fieldError.notSupported('spec.persistentVolumeReclaimPolicy', reclaim, ['Delete', 'Recycle', 'Retain']));
  }
  let count = 0;
  for (const source of pvSources) {
    const s = asObject(spec[source]);
    if (!s) continue;
    if (count > 0) { errs.push(fieldError.forbidden(`spec.${source}`, 'may not specify more than 1 volume type')); continue; }
    count++;
    if ((source === 'hostPath' || source === 'local' || source === 'nfs') && !str(s.path)) errs.push(fieldError.required(`spec.${source}.path`));
    if (source === 'csi' && !str(s.driver)) errs.push(fieldError.required('spec.csi.driver'));
  }
  if (count === 0) errs.push(fieldError.required('spec', 'must specify a volume type'));
  errs.push(...validateClassName(spec.storageClassName, 'spec.storageClassName'));
  if (spec.volumeMode != null && !['Block', 'Filesystem'].includes(str(spec.volumeMode))) {
    errs.push(fieldError.notSupported('spec.volumeMode', spec.volumeMode, ['Block', 'Filesystem']));
  }
  if (old) {
    const oldSpec = asObject(old.spec) ?? {};
    const source = (s: Loose): Loose => Object.fromEntries(pvSources.filter((k) => s[k] !== undefined).map((k) => [k, s[k]]));
    if (!deepEqual(source(spec), source(oldSpec))) {
      const diff = ['  core.PersistentVolumeSource{', ...specDiff(source(oldSpec), source(spec)), '  }'].join('\n');
      errs.push(fieldError.forbidden('spec.persistentvolumesource', `spec.persistentvolumesource is immutable after creation\n${diff}`));
    }
    errs.push(...validateImmutableField(spec.volumeMode ?? null, oldSpec.volumeMode ?? null, 'volumeMode'));
  }
  return errs;
}

/** `ValidatePersistentVolumeClaimSpec`: access modes, `resources[storage]`, class, mode, selector. */
export function validatePersistentVolumeClaimSpec(specValue: unknown, path: string): FieldError[] {
  const spec = asObject(specValue) ?? {};
  const errs = validateAccessModes(spec.accessModes, `${path}.accessModes`, 'at least 1 access mode is required');
  if (spec.selector != null) errs.push(...validateLabelSelector(spec.selector, `${path}.selector`));
  const requests = asObject(asObject(spec.resources)?.requests) ?? {};
  const storagePath = key(`${path}.resources`, 'storage');
  if (!('storage' in requests)) errs.push(fieldError.required(storagePath));
  else {
    const positive = validatePositiveQuantity(requests.storage, storagePath);
    errs.push(...positive);
  }
  errs.push(...validateClassName(spec.storageClassName, `${path}.storageClassName`));
  if (spec.volumeMode != null && !['Block', 'Filesystem'].includes(str(spec.volumeMode))) {
    errs.push(fieldError.notSupported(`${path}.volumeMode`, spec.volumeMode, ['Block', 'Filesystem']));
  }
  return errs;
}

/** PersistentVolumeClaim create and update. */
export function validatePersistentVolumeClaim(pvc: KubeObject, old?: KubeObject): FieldError[] {
  const errs = old ? validateObjectMetaUpdate(pvc.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(pvc.metadata, true, nameIsDNSSubdomain));
  errs.push(...validatePersistentVolumeClaimSpec(pvc.spec, 'spec'));
  if (!old) return errs;
  const spec = asObject(pvc.spec) ?? {};
  const oldSpec = asObject(old.spec) ?? {};
  const newClone: Loose = { ...spec };
  const oldClone: Loose = { ...oldSpec };
  // The PV controller sets volumeName once.
  if (!str(oldSpec.volumeName)) oldClone.volumeName = spec.volumeName;
  if (oldSpec.storageClassName == null && spec.storageClassName != null) newClone.storageClassName = oldSpec.storageClassName;
  const bound = asObject(pvc.status)?.phase === 'Bound';
  const resources = asObject(spec.resources);
  if (bound && resources) {
    const requests = { ...(asObject(resources.requests) ?? {}) };
    requests.storage = asObject(asObject(oldSpec.resources)?.requests)?.storage;
    newClone.resources = { ...resources, requests };
    newClone.volumeAttributesClassName = oldSpec.volumeAttributesClassName;
  }
  if (!deepEqual(newClone, oldClone)) {
    const diff = ['  core.PersistentVolumeClaimSpec{', ...specDiff(oldClone, newClone), '  }'].join('\n');
    errs.push(fieldError.forbidden('spec',
      `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${diff}`));
  }
  const newSize = parse(asObject(asObject(spec.resources)?.requests)?.storage);
  const oldSize = parse(asObject(asObject(oldSpec.resources)?.requests)?.storage);
  const statusSize = parse(asObject(asObject(old.status)?.capacity)?.storage) ?? quantityFromJSON('0');
  // RecoverVolumeExpansionFailure (beta, on in 1.32) allows shrinking back down to status.capacity.
  if (newSize && oldSize && compareQuantities(newSize, oldSize) < 0 && compareQuantities(newSize, statusSize) <= 0) {
    errs.push(fieldError.forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  }
  errs.push(...validateImmutableField(spec.volumeMode ?? null, oldSpec.volumeMode ?? null, 'volumeMode'));
  return errs;
}
