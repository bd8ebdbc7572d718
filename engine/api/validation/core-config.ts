/**
 * ConfigMap and Secret validation: data keys (`a valid config key must consist of …`), the
 * 1 MiB size limit, Secret type rules (`kubernetes.io/tls` needs `tls.crt` and `tls.key`), and
 * the `immutable: true` rules on update.
 */
import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { asObject, deepEqual, key, rootPath, str } from './field-path.ts';
import { validateImmutableField, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { byteLength, isConfigMapKey, nameIsDNSSubdomain } from './names.ts';

/** `core.MaxSecretSize`: 1 MiB for the data of a Secret or ConfigMap. */
export const maxSecretSize = 1024 * 1024;

/** The byte length of base64 text once decoded. */
function decodedLength(b64: string): number {
  const clean = b64.replace(/\s/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - padding;
}

function immutableRules(obj: KubeObject, old: KubeObject, fields: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(fieldError.forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) {
    if (!deepEqual(obj[f], old[f])) errs.push(fieldError.forbidden(f, 'field is immutable when `immutable` is set'));
  }
  return errs;
}

/** ConfigMap create and update. */
export function validateConfigMap(cm: KubeObject, old?: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (old) errs.push(...validateObjectMetaUpdate(cm.metadata, old.metadata), ...immutableRules(cm, old, ['data', 'binaryData']));
  errs.push(...validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain));
  const data = asObject(cm.data) ?? {};
  const binary = asObject(cm.binaryData) ?? {};
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    errs.push(...isConfigMapKey(k).map((m) => fieldError.invalid(key('data', k), k, m)));
    if (k in binary) errs.push(fieldError.invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    total += byteLength(str(v));
  }
  for (const [k, v] of Object.entries(binary)) {
    errs.push(...isConfigMapKey(k).map((m) => fieldError.invalid(key('binaryData', k), k, m)));
    total += decodedLength(str(v));
  }
  // Kubernetes reports the size against the whole object, which prints as `[]`.
  if (total > maxSecretSize) errs.push(fieldError.tooLong(rootPath, '', maxSecretSize));
  return errs;
}

/** Keys a Secret of each built-in type must carry. */
function secretTypeErrors(type: string, data: Record<string, unknown>, annotations: Record<string, unknown>): FieldError[] {
  switch (type) {
    case 'kubernetes.io/service-account-token':
      return str(annotations['kubernetes.io/service-account.name'])
        ? [] : [fieldError.required(key('metadata.annotations', 'kubernetes.io/service-account.name'))];
    case 'kubernetes.io/dockercfg':
      return '.dockercfg' in data ? [] : [fieldError.required(key('data', '.dockercfg'))];
    case 'kubernetes.io/dockerconfigjson':
      return '.dockerconfigjson' in data ? [] : [fieldError.required(key('data', '.dockerconfigjson'))];
    case 'kubernetes.io/basic-auth':
      return 'username' in data || 'password' in data
        ? [] : [fieldError.required(key('data', 'username')), fieldError.required(key('data', 'password'))];
    case 'kubernetes.io/ssh-auth':
      return str(data['ssh-privatekey']) ? [] : [fieldError.required(key('data', 'ssh-privatekey'))];
    case 'kubernetes.io/tls': {
      const errs: FieldError[] = [];
      if (!('tls.crt' in data)) errs.push(fieldError.required(key('data', 'tls.crt')));
      if (!('tls.key' in data)) errs.push(fieldError.required(key('data', 'tls.key')));
      return errs;
    }
    default:
      return [];
  }
}

/**
 * Secret create and update. `stringData` is merged into `data` before validation in Kubernetes;
 * both are read here so the result is the same either way.
 */
export function validateSecret(secret: KubeObject, old?: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (old) {
    errs.push(...validateObjectMetaUpdate(secret.metadata, old.metadata));
    errs.push(...validateImmutableField(str(secret.type), str(old.type), 'type'));
    errs.push(...immutableRules(secret, old, ['data']));
  }
  errs.push(...validateObjectMeta(secret.metadata, true, nameIsDNSSubdomain));
  const stringData = asObject(secret.stringData) ?? {};
  const data: Record<string, unknown> = { ...(asObject(secret.data) ?? {}), ...stringData };
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    errs.push(...isConfigMapKey(k).map((m) => fieldError.invalid(key('data', k), k, m)));
    total += k in stringData ? byteLength(str(v)) : decodedLength(str(v));
  }
  if (total > maxSecretSize) errs.push(fieldError.tooLong('data', '', maxSecretSize));
  errs.push(...secretTypeErrors(str(secret.type), data, asObject(secret.metadata?.annotations) ?? {}));
  return errs;
}
