/**
 * Pod volume validation (`ValidateVolumes` / `validateVolumeSource`): a DNS-label name, unique,
 * and exactly one volume source — `may not specify more than 1 volume type` for the second one,
 * `must specify a volume type` for none. The common sources get their field checks; the rest are
 * counted so the one-source rule still holds.
 */
import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import { asObject, asObjects, child, index, str } from './field-path.ts';
import type { Loose } from './field-path.ts';
import { validateLocalDescendingPath, validateObjectFieldSelector, validatePathNoBacksteps } from './pod-containers.ts';
import { isDNS1123Label } from './names.ts';
import { quantityFromJSON } from './quantity.ts';

/**
 * Volume sources in the order Kubernetes checks them. The second element is the path segment
 * of its `Forbidden` error: Kubernetes misspells `downwardAPI` there as `downwarAPI`.
 */
const volumeSources: Array<[field: string, forbiddenPath: string]> = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'],
  ['cinder', 'cinder'], ['cephfs', 'cephFS'], ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'],
  ['flexVolume', 'flexVolume'], ['configMap', 'configMap'], ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'], ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'], ['projected', 'projected'], ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

const fileModeErrorMsg = 'must be a number between 0 and 0777 (octal), both inclusive';
const hostPathTypes = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validateMode(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && (value > 0o777 || value < 0) ? [fieldError.invalid(path, value, fileModeErrorMsg)] : [];
}

/** `ValidateLocalNonReservedPath`: relative, no `..` element, not starting with `..`. */
function validateLocalNonReservedPath(target: string, path: string): FieldError[] {
  const errs = validateLocalDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(fieldError.invalid(path, target, "must not start with '..'"));
  return errs;
}

function validateKeyToPath(kp: Loose, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(kp.key)) errs.push(fieldError.required(child(path, 'key')));
  if (!str(kp.path)) errs.push(fieldError.required(child(path, 'path')));
  errs.push(...validateLocalNonReservedPath(str(kp.path), child(path, 'path')));
  errs.push(...validateMode(kp.mode, child(path, 'mode')));
  return errs;
}

const downwardFieldPaths = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

function validateDownwardAPIFile(file: Loose, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(file.path)) errs.push(fieldError.required(child(path, 'path')));
  errs.push(...validateLocalNonReservedPath(str(file.path), child(path, 'path')));
  const fieldRef = asObject(file.fieldRef);
  if (fieldRef) {
    errs.push(...validateObjectFieldSelector(fieldRef, downwardFieldPaths, child(path, 'fieldRef')));
    if (file.resourceFieldRef) errs.push(fieldError.invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (!file.resourceFieldRef) {
    errs.push(fieldError.required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateMode(file.mode, child(path, 'mode')));
  return errs;
}

function validateProjected(projected: Loose, path: string): FieldError[] {
  const errs = validateMode(projected.defaultMode, child(path, 'defaultMode'));
  asObjects(projected.sources).forEach((source, i) => {
    const sp = index(child(path, 'sources'), i);
    let count = 0;
    for (const kind of ['secret', 'configMap']) {
      const s = asObject(source[kind]);
      if (!s) continue;
      count++;
      if (!str(s.name)) errs.push(fieldError.required(child(sp, kind, 'name')));
      asObjects(s.items).forEach((kp, j) => errs.push(...validateKeyToPath(kp, index(child(sp, kind, 'items'), j))));
    }
    const downward = asObject(source.downwardAPI);
    if (downward) {
      count++;
      for (const file of asObjects(downward.items)) errs.push(...validateDownwardAPIFile(file, child(sp, 'downwardAPI')));
    }
    const token = asObject(source.serviceAccountToken);
    if (token) {
      count++;
      const seconds = typeof token.expirationSeconds === 'number' ? token.expirationSeconds : 0;
      if (seconds < 600) {
        errs.push(fieldError.invalid(child(sp, 'serviceAccountToken', 'expirationSeconds'), seconds, 'may not specify a duration less than 10 minutes'));
      }
      if (!str(token.path)) errs.push(fieldError.required(child(path, 'path')));
    }
    if (source.clusterTrustBundle) count++;
    if (count > 1) errs.push(fieldError.forbidden(sp, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

function validateSource(field: string, s: Loose, path: string): FieldError[] {
  const errs: FieldError[] = [];
  switch (field) {
    case 'emptyDir':
      if (s.sizeLimit !== undefined) {
        try {
          if (quantityFromJSON(s.sizeLimit).nanos < 0n) {
            errs.push(fieldError.forbidden(child(path, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
          }
        } catch { /* rejected by the decoder */ }
      }
      break;
    case 'hostPath':
      if (!str(s.path)) return [fieldError.required(child(path, 'path'))];
      errs.push(...validatePathNoBacksteps(str(s.path), child(path, 'path')));
      if (s.type !== undefined && !hostPathTypes.includes(str(s.type))) {
        errs.push(fieldError.notSupported(child(path, 'type'), s.type, hostPathTypes));
      }
      break;
    case 'secret':
      if (!str(s.secretName)) errs.push(fieldError.required(child(path, 'secretName')));
      errs.push(...validateMode(s.defaultMode, child(path, 'defaultMode')));
      asObjects(s.items).forEach((kp, i) => errs.push(...validateKeyToPath(kp, index(child(path, 'items'), i))));
      break;
    case 'configMap':
      if (!str(s.name)) errs.push(fieldError.required(child(path, 'name')));
      errs.push(...validateMode(s.defaultMode, child(path, 'defaultMode')));
      asObjects(s.items).forEach((kp, i) => errs.push(...validateKeyToPath(kp, index(child(path, 'items'), i))));
      break;
    case 'persistentVolumeClaim':
      if (!str(s.claimName)) errs.push(fieldError.required(child(path, 'claimName')));
      break;
    case 'nfs':
      if (!str(s.server)) errs.push(fieldError.required(child(path, 'server')));
      if (!str(s.path)) errs.push(fieldError.required(child(path, 'path')));
      if (!str(s.path).startsWith('/')) errs.push(fieldError.invalid(child(path, 'path'), str(s.path), 'must be an absolute path'));
      break;
    case 'downwardAPI':
      errs.push(...validateMode(s.defaultMode, child(path, 'defaultMode')));
      for (const file of asObjects(s.items)) errs.push(...validateDownwardAPIFile(file, path));
      break;
    case 'projected':
      errs.push(...validateProjected(s, path));
      break;
    case 'csi':
      if (!str(s.driver)) errs.push(fieldError.required(child(path, 'driver')));
      break;
    case 'ephemeral':
      if (!asObject(s.volumeClaimTemplate)) errs.push(fieldError.required(child(path, 'volumeClaimTemplate')));
      break;
  }
  return errs;
}

function validateVolumeSource(volume: Loose, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const [field, forbiddenPath] of volumeSources) {
    const s = asObject(volume[field]);
    if (!s) continue;
    if (count > 0) {
      errs.push(fieldError.forbidden(child(path, forbiddenPath), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    errs.push(...validateSource(field, s, child(path, field)));
  }
  if (count === 0) errs.push(fieldError.required(path, 'must specify a volume type'));
  return errs;
}

/** `ValidateVolumes`: returns the names of the valid volumes (for volumeMounts) and the errors. */
export function validateVolumes(volumes: unknown, path: string): { names: Set<string>; errors: FieldError[] } {
  const names = new Set<string>();
  const errors: FieldError[] = [];
  asObjects(volumes).forEach((vol, i) => {
    const p = index(path, i);
    const name = str(vol.name);
    const el = validateVolumeSource(vol, p);
    if (!name) el.push(fieldError.required(child(p, 'name')));
    else el.push(...isDNS1123Label(name).map((m) => fieldError.invalid(child(p, 'name'), name, m)));
    if (names.has(name)) el.push(fieldError.duplicate(child(p, 'name'), name));
    // A volume with errors is not added, so mounts of it also report `Not found`.
    if (el.length === 0) names.add(name);
    else errors.push(...el);
  });
  return { names, errors };
}
