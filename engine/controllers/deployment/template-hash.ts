/**
 * The `pod-template-hash` label and the semantic comparison of pod templates.
 *
 * Upstream `controller.ComputeHash` feeds FNV-32a with the template as printed by go-spew (Go's
 * `%#v` of the v1 structs, every field including zero ones) plus the collision count as 8
 * little-endian bytes, then writes the decimal sum through `rand.SafeEncodeString`. Printing Go
 * structs field for field is out of reach here, so the bytes hashed are the template's canonical
 * JSON instead: the label is deterministic and has upstream's shape (up to 10 characters of
 * `46789bcdf5`, the images of the digits 0–9 in the safe alphabet), but it is not the value a
 * real cluster prints for the same template.
 */
import type { PodTemplate } from '../replicaset/types.ts';
import { podTemplateHashLabel } from './types.ts';

/** `rand.SafeEncodeString`'s alphabet: no vowels, no 0/1/3 that spell words or look like letters. */
const alphanums = 'bcdfghjklmnpqrstvwxz2456789';

/** `rand.SafeEncodeString`: each character replaced by `alphanums[code % 27]`; '7' → 'c', '0' → '4'. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += alphanums[ch.codePointAt(0)! % alphanums.length];
  return out;
}

/** FNV-1a, 32 bits, over bytes. */
export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** JSON with keys sorted and nulls, empty objects and empty lists dropped (Go's nil and empty are alike here). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value) ?? null);
}

function normalize(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((v) => normalize(v) ?? null);
    return items.length ? items : undefined;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = normalize((value as Record<string, unknown>)[key]);
      if (v !== undefined) out[key] = v;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}

/** `ComputeHash(template, collisionCount)`: the `pod-template-hash` of a Deployment's template. */
export function computeHash(template: PodTemplate, collisionCount?: number): string {
  const bytes = new TextEncoder().encode(canonicalJson(template));
  let hash = fnv32a(bytes);
  if (collisionCount !== undefined) {
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(extra, hash);
  }
  return safeEncodeString(String(hash));
}

/** The template without the `pod-template-hash` label. */
function withoutHash(template: PodTemplate | undefined): PodTemplate {
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels) delete copy.metadata.labels[podTemplateHashLabel];
  return copy;
}

/**
 * `EqualIgnoreHash`: two templates are the same apart from the `pod-template-hash` label,
 * compared semantically (`apiequality.Semantic.DeepEqual`, where nil and empty are equal). This is
 * what lets `kubectl rollout undo`, which sends back an old ReplicaSet's template with
 * `creationTimestamp: null`, find that ReplicaSet again instead of making a new one.
 */
export function equalIgnoreHash(a: PodTemplate | undefined, b: PodTemplate | undefined): boolean {
  return canonicalJson(withoutHash(a)) === canonicalJson(withoutHash(b));
}
