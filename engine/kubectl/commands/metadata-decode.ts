/**
 * cli-runtime's metadataValidatingDecoder: after a manifest decodes as unstructured, kubectl also
 * decodes it into a typed ObjectMeta, so a learner's `name: 123` or `labels: {version: 1.0}`
 * fails on the client (`unable to decode "web.yaml": json: cannot unmarshal number into Go struct
 * field ObjectMeta.metadata.labels of type string`) instead of being silently mangled.
 */

type Json = Record<string, unknown>;

/** encoding/json's name for the JSON type of a value (UnmarshalTypeError.Value). */
function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  return typeof value === 'boolean' ? 'bool' : typeof value === 'number' ? 'number' : 'string';
}

/** The Go type of each ObjectMeta field kubectl's learners get wrong, by JSON name. */
const fieldTypes: Record<string, 'string' | 'int64' | 'map[string]string' | '[]string'> = {
  name: 'string', generateName: 'string', namespace: 'string', selfLink: 'string', uid: 'string', resourceVersion: 'string',
  generation: 'int64', labels: 'map[string]string', annotations: 'map[string]string', finalizers: '[]string',
};

/** Whether `value` (not null) decodes into the scalar Go type. */
function fitsScalar(value: unknown, type: 'string' | 'int64'): boolean {
  return type === 'string' ? typeof value === 'string' : typeof value === 'number' && Number.isInteger(value);
}

/**
 * The first error of decoding `object`'s metadata into ObjectMeta, in the order the decoder reads
 * the JSON (sigs.k8s.io/yaml writes map keys sorted), or undefined when it decodes.
 */
export function objectMetaDecodeError(object: Json): string | undefined {
  const metadata = object.metadata;
  if (metadata === undefined || metadata === null) return undefined;
  const fail = (field: string, value: unknown, type: string): string =>
    `json: cannot unmarshal ${jsonType(value)} into Go struct field ${field} of type ${type}`;
  if (typeof metadata !== 'object' || Array.isArray(metadata)) return fail('metadataOnlyObject.metadata', metadata, 'v1.ObjectMeta');
  for (const key of Object.keys(metadata).sort()) {
    const value = (metadata as Json)[key];
    const type = fieldTypes[key];
    if (type === undefined || value === null) continue;
    const field = `ObjectMeta.metadata.${key}`;
    if (type === 'string' || type === 'int64') {
      // A number that is not an integer names itself: `number 1.5`.
      if (type === 'int64' && typeof value === 'number' && !Number.isInteger(value)) return `json: cannot unmarshal number ${value} into Go struct field ${field} of type int64`;
      if (!fitsScalar(value, type)) return fail(field, value, type);
      continue;
    }
    const isMap = type === 'map[string]string';
    if (isMap ? typeof value !== 'object' || Array.isArray(value) : !Array.isArray(value)) return fail(field, value, type);
    for (const item of isMap ? Object.keys(value as Json).sort().map((k) => (value as Json)[k]) : (value as unknown[])) {
      if (item !== null && typeof item !== 'string') return fail(field, item, 'string');
    }
  }
  return undefined;
}
