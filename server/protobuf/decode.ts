/**
 * Decodes the protobuf request bodies kubectl's typed clients send (`kubectl create deployment`,
 * `autoscale`, `auth can-i`, …) into the JSON object the same request would have carried. The
 * body is `k8s\0` followed by a runtime.Unknown{typeMeta{apiVersion, kind}, raw, …} whose `raw`
 * is the object, encoded by gogo-protobuf: it writes every non-pointer field, zero or not, so
 * zeros are dropped unless the JSON field has no omitempty or is a pointer (`replicas: 0`).
 */
import { apiMessages } from './schema-apis.ts';
import { coreMessages } from './schema-core.ts';
import { WireError, WireReader } from './wire-reader.ts';
import { parseFieldSpec, type FieldSpec, type MessageTable } from './wire-types.ts';

/** Why a body could not be decoded; the HTTP adapter answers 415 for `unknown-kind`, else 400. */
export type ProtobufErrorReason = 'not-protobuf' | 'unknown-kind' | 'malformed';

/** A body that is not a protobuf object this server understands. */
export class ProtobufDecodeError extends Error {
  constructor(readonly reason: ProtobufErrorReason, message: string) {
    super(message);
  }
}

/** A decoded request body. */
export interface DecodedObject {
  apiVersion: string;
  kind: string;
  /** The object as JSON, `apiVersion` and `kind` included. */
  object: Record<string, unknown>;
}

const messages: MessageTable = { ...coreMessages, ...apiMessages };

// apiVersion → how its kinds are named in the tables (autoscaling/v2 names collide with v1).
const groupVersions: Record<string, string> = {
  v1: '', 'apps/v1': '', 'batch/v1': '', 'autoscaling/v1': '', 'autoscaling/v2': 'v2.',
  'rbac.authorization.k8s.io/v1': '', 'policy/v1': '', 'scheduling.k8s.io/v1': '', 'networking.k8s.io/v1': '',
  'authorization.k8s.io/v1': '', 'authentication.k8s.io/v1': '', 'certificates.k8s.io/v1': '',
};
const kindsByGroupVersion: Record<string, string[]> = {
  v1: ['Namespace', 'ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'ResourceQuota', 'Pod'],
  'apps/v1': ['Deployment'],
  'batch/v1': ['Job', 'CronJob'],
  'autoscaling/v1': ['HorizontalPodAutoscaler'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'rbac.authorization.k8s.io/v1': ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  'policy/v1': ['PodDisruptionBudget'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'networking.k8s.io/v1': ['Ingress'],
  'authorization.k8s.io/v1': ['SelfSubjectAccessReview', 'SelfSubjectRulesReview'],
  'authentication.k8s.io/v1': ['TokenRequest', 'SelfSubjectReview'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
};

/** The 4-byte prefix of every Kubernetes protobuf body. */
export const protobufMagic = new Uint8Array([0x6b, 0x38, 0x73, 0x00]);

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Decodes a `application/vnd.kubernetes.protobuf` request body into its JSON object. */
export function decodeProtobufObject(body: Uint8Array): DecodedObject {
  if (body.length < 4 || !protobufMagic.every((b, i) => body[i] === b)) {
    throw new ProtobufDecodeError('not-protobuf', 'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  }
  try {
    const unknown = new WireReader(body.subarray(4));
    let apiVersion = '';
    let kind = '';
    let raw: Uint8Array | undefined;
    while (!unknown.done()) {
      const { field, wireType } = unknown.tag();
      if (field === 1 && wireType === 2) {
        const typeMeta = new WireReader(unknown.lengthDelimited());
        while (!typeMeta.done()) {
          const t = typeMeta.tag();
          if (t.field === 1 && t.wireType === 2) apiVersion = utf8.decode(typeMeta.lengthDelimited());
          else if (t.field === 2 && t.wireType === 2) kind = utf8.decode(typeMeta.lengthDelimited());
          else typeMeta.skip(t.wireType);
        }
      } else if (field === 2 && wireType === 2) {
        raw = unknown.lengthDelimited();
      } else {
        unknown.skip(wireType); // contentEncoding and contentType are always empty from kubectl
      }
    }
    const prefix = groupVersions[apiVersion];
    if (prefix === undefined || !(kind === 'DeleteOptions' || kindsByGroupVersion[apiVersion]?.includes(kind))) {
      throw new ProtobufDecodeError('unknown-kind', `no kind "${kind}" is registered for version "${apiVersion}" in scheme "pkg/runtime/scheme.go:100"`);
    }
    const object = decodeMessage(raw ?? new Uint8Array(), kind === 'DeleteOptions' ? kind : prefix + kind);
    return { apiVersion, kind, object: { apiVersion, kind, ...object } };
  } catch (e) {
    if (e instanceof WireError) throw new ProtobufDecodeError('malformed', `unable to decode protobuf body: ${e.message}`);
    throw e;
  }
}

/** Decodes one message by its table name into a JSON object. */
export function decodeMessage(bytes: Uint8Array, name: string): Record<string, unknown> {
  const fields = messages[name];
  if (!fields) throw new WireError(`no table for message ${name}`);
  const out: Record<string, unknown> = {};
  const reader = new WireReader(bytes);
  while (!reader.done()) {
    const { field, wireType } = reader.tag();
    const spec = fields[field] === undefined ? undefined : parseFieldSpec(fields[field]);
    if (!spec) {
      reader.skip(wireType);
      continue;
    }
    if (spec.mapValue !== undefined) {
      const [key, value] = mapEntry(reader.lengthDelimited(), spec);
      const map = (out[spec.name] ??= {}) as Record<string, unknown>;
      map[String(key)] = value;
    } else if (spec.repeated) {
      const list = (out[spec.name] ??= []) as unknown[];
      if (wireType === 2 && isPackable(spec.type)) {
        const packed = new WireReader(reader.lengthDelimited());
        while (!packed.done()) list.push(readValue(packed, spec.type, spec.type === 'double' ? 1 : 0));
      } else {
        list.push(readValue(reader, spec.type, wireType));
      }
    } else {
      const value = readValue(reader, spec.type, wireType);
      if (spec.inline && value && typeof value === 'object') Object.assign(out, value);
      else if (spec.keepZero || !isZero(value)) out[spec.name] = value;
      else delete out[spec.name];
    }
  }
  for (const text of Object.values(fields)) {
    const spec = parseFieldSpec(text);
    if (spec.repeated && spec.keepZero && !(spec.name in out)) out[spec.name] = null;
  }
  return out;
}

function mapEntry(bytes: Uint8Array, spec: FieldSpec): [unknown, unknown] {
  const entry = new WireReader(bytes);
  let key: unknown = spec.type === 'string' ? '' : 0;
  let value: unknown = zeroOf(spec.mapValue ?? 'string');
  while (!entry.done()) {
    const { field, wireType } = entry.tag();
    if (field === 1) key = readValue(entry, spec.type, wireType);
    else if (field === 2) value = readValue(entry, spec.mapValue ?? 'string', wireType);
    else entry.skip(wireType);
  }
  return [key, value];
}

function isPackable(type: string): boolean {
  return type === 'int32' || type === 'int64' || type === 'bool' || type === 'double';
}

function zeroOf(type: string): unknown {
  switch (type) {
    case 'string': case 'quantity': return '';
    case 'bytes': return '';
    case 'int32': case 'int64': return 0;
    case 'bool': return false;
    default: return {};
  }
}

function isZero(value: unknown): boolean {
  return value === '' || value === 0 || value === false;
}

function expect(actual: number, wanted: number, type: string): void {
  if (actual !== wanted) throw new WireError(`wire type ${actual} for a ${type} field`);
}

function readValue(reader: WireReader, type: string, wireType: number): unknown {
  switch (type) {
    case 'string':
      expect(wireType, 2, type);
      return utf8.decode(reader.lengthDelimited());
    case 'bytes':
      expect(wireType, 2, type);
      return toBase64(reader.lengthDelimited());
    case 'int32':
      expect(wireType, 0, type);
      return Number(BigInt.asIntN(32, reader.varint()));
    case 'int64':
      expect(wireType, 0, type);
      return Number(BigInt.asIntN(64, reader.varint()));
    case 'bool':
      expect(wireType, 0, type);
      return reader.varint() !== 0n;
    case 'double':
      expect(wireType, 1, type);
      return reader.double();
    default:
      expect(wireType, 2, type);
      return wellKnown(reader.lengthDelimited(), type);
  }
}

// Kubernetes types with a custom JSON form.
function wellKnown(bytes: Uint8Array, type: string): unknown {
  const fields = (reader = new WireReader(bytes)): Map<number, unknown> => {
    const values = new Map<number, unknown>();
    while (!reader.done()) {
      const { field, wireType } = reader.tag();
      if (wireType === 0) values.set(field, reader.varint());
      else if (wireType === 2) values.set(field, reader.lengthDelimited());
      else reader.skip(wireType);
    }
    return values;
  };
  switch (type) {
    case 'time': {
      // metav1.Time{seconds, nanos}; the zero time marshals to JSON null (kubectl sends it for creationTimestamp).
      const f = fields();
      const seconds = Number(BigInt.asIntN(64, (f.get(1) as bigint | undefined) ?? 0n));
      const nanos = Number((f.get(2) as bigint | undefined) ?? 0n);
      if (seconds === 0 && nanos === 0) return null;
      return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    case 'intOrString': {
      const f = fields();
      const isString = (f.get(1) as bigint | undefined) === 1n;
      if (isString) return utf8.decode((f.get(3) as Uint8Array | undefined) ?? new Uint8Array());
      return Number(BigInt.asIntN(32, (f.get(2) as bigint | undefined) ?? 0n));
    }
    case 'quantity':
      return utf8.decode((fields().get(1) as Uint8Array | undefined) ?? new Uint8Array());
    case 'rawJson': {
      const raw = fields().get(1) as Uint8Array | undefined;
      if (!raw || raw.length === 0) return {};
      try {
        return JSON.parse(utf8.decode(raw)) as unknown;
      } catch {
        throw new WireError('embedded object is not JSON');
      }
    }
    case 'duration':
      return goDuration(Number(BigInt.asIntN(64, (fields().get(1) as bigint | undefined) ?? 0n)));
    default:
      return decodeMessage(bytes, type);
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Go's time.Duration.String() for whole-second and fractional values (`1h0m0s`, `1.5s`). */
export function goDuration(nanoseconds: number): string {
  if (nanoseconds === 0) return '0s';
  const sign = nanoseconds < 0 ? '-' : '';
  let rest = Math.abs(nanoseconds);
  if (rest < 1e9) {
    if (rest < 1e3) return `${sign}${rest}ns`;
    if (rest < 1e6) return `${sign}${rest / 1e3}µs`;
    return `${sign}${rest / 1e6}ms`;
  }
  const hours = Math.floor(rest / 3.6e12);
  rest -= hours * 3.6e12;
  const minutes = Math.floor(rest / 6e10);
  rest -= minutes * 6e10;
  const seconds = `${Number((rest / 1e9).toFixed(9))}s`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}`;
  return `${sign}${seconds}`;
}
