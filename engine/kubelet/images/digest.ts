/**
 * Stable fake digests and container IDs. A digest is a function of its input, so the same image
 * always has the same `imageID`; container IDs come from the cluster's seeded random source.
 */
import type { Random } from '../../clock.ts';

/** 64 hex characters derived from `text` (FNV-1a rounds; not cryptographic, only stable). */
export function stableHex(text: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ round, 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** A containerd container ID: `containerd://` and 64 hex digits from the seeded random. */
export function containerId(random: Random): string {
  let hex = '';
  for (let i = 0; i < 8; i++) hex += random.uint32().toString(16).padStart(8, '0');
  return `containerd://${hex}`;
}
