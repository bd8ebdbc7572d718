/**
 * The notation of the message tables. Each field is `jsonName:type`, where type is a scalar
 * (`string`, `int32`, `int64`, `bool`, `bytes`, `double`), a well-known Kubernetes type (`time`,
 * `intOrString`, `quantity`, `rawJson`, `duration`) or a message name; `[]` marks a repeated field,
 * `{key:value}` a map (repeated entries with key = 1, value = 2), `!` a field whose zero value must
 * be kept (a list or map without omitempty becomes `null` when absent, as Go's JSON writes it), and `^` a Go-inlined struct whose fields join the parent object.
 */

/** Field number → field spec, for one message. An empty table decodes any body to `{}`. */
export type MessageFields = Record<number, string>;

/** Message name → fields. */
export type MessageTable = Record<string, MessageFields>;

/** A field spec parsed from the notation above. */
export interface FieldSpec {
  name: string;
  type: string;
  repeated: boolean;
  /** Map value type; `type` then holds the key type. */
  mapValue?: string;
  keepZero: boolean;
  inline: boolean;
}

const cache = new Map<string, FieldSpec>();

/** Parses one field spec (cached: the tables are static). */
export function parseFieldSpec(spec: string): FieldSpec {
  const cached = cache.get(spec);
  if (cached) return cached;
  const match = /^(\w+):(?:\{(\w+):([\w.]+)\}|([\w.]+)(\[\])?)([!^]*)$/.exec(spec);
  if (!match) throw new Error(`bad field spec ${spec}`);
  const [, name, mapKey, mapValue, type, repeated, flags] = match;
  const parsed: FieldSpec = mapKey
    ? { name, type: mapKey, repeated: true, mapValue, keepZero: flags.includes('!'), inline: false }
    : { name, type, repeated: repeated === '[]', keepZero: flags.includes('!'), inline: flags.includes('^') };
  cache.set(spec, parsed);
  return parsed;
}
