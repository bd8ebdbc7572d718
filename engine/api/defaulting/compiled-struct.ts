/**
 * The Go struct shapes of go-types.ts turned, once per type, into what the encoder asks at every
 * node: the fields in order, which are maps or omitempty, what an absent field is written as, and
 * the struct of each field's value, looked up on first use (types refer to each other in cycles).
 */
import { goStruct, type GoField } from './go-types.ts';
import type { Obj } from './util.ts';

/** One field with its encoding rules resolved. */
export interface CompiledField {
  name: string;
  /** Qualified struct type of the value, each list item or each map value. */
  type: string | undefined;
  isMap: boolean;
  /** Dropped when `""`, `0`, `false`, `[]` or `{}` (a non-pointer omitempty field). */
  omitZero: boolean;
  /** What an absent or null field becomes: nothing, `zeroValue`, or a fresh copy of the zero struct. */
  zero: 'none' | 'value' | 'struct';
  zeroValue: string | number | boolean | null | undefined;
  /** The zero struct, built by the encoder on first use. */
  zeroStruct: Obj | undefined;
  /** The compiled struct of `type`: undefined until looked up, null when the tables lack it. */
  struct: CompiledStruct | null | undefined;
}

/** A struct's fields in Go declaration order, and their names. */
export interface CompiledStruct {
  fields: CompiledField[];
  byName: ReadonlySet<string>;
}

const compiled = new Map<string, CompiledStruct | null>();

/** The compiled struct for a qualified type name (`core.PodSpec`), or undefined if the tables lack it. */
export function compiledStruct(type: string): CompiledStruct | undefined {
  let struct = compiled.get(type);
  if (struct === undefined) {
    const go = goStruct(type);
    struct = go ? { fields: go.fields.map(compileField), byName: new Set(go.byName.keys()) } : null;
    compiled.set(type, struct);
  }
  return struct ?? undefined;
}

/** The compiled struct of a field's value type, looked up once. */
export function fieldStruct(field: CompiledField): CompiledStruct | undefined {
  if (field.struct === undefined) field.struct = field.type === undefined ? null : compiledStruct(field.type) ?? null;
  return field.struct ?? undefined;
}

function compileField(field: GoField): CompiledField {
  const rule = field.zero;
  const out: CompiledField = {
    name: field.name, type: field.type, isMap: field.isMap, omitZero: rule === 'omitZero',
    zero: 'none', zeroValue: undefined, zeroStruct: undefined, struct: undefined,
  };
  if (rule === 'struct') out.zero = 'struct';
  else if (rule === 'null') {
    out.zero = 'value';
    out.zeroValue = null;
  } else if (typeof rule === 'object') {
    out.zero = 'value';
    out.zeroValue = rule.zero;
  }
  return out;
}
