/**
 * A content hash for the `?hash=` of `/openapi/v3` URLs. kubectl caches documents by URL, so the
 * hash only has to change whenever the document does; it need not be SHA-512 like the real
 * server's. Four FNV-1a lanes with different seeds give 128 bits without Node's crypto, so it runs
 * in the browser worker too.
 */

const seeds = [0x811c9dc5, 0x050c5d1f, 0x2b0f2f8d, 0x6a09e667];

/** Upper-case hex (32 characters) of a 128-bit FNV-1a style hash of `text`. */
export function contentHash(text: string): string {
  const lanes = [...seeds];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    for (let lane = 0; lane < 4; lane++) {
      lanes[lane] = Math.imul((lanes[lane] as number) ^ (code + lane * 0x9e37), 0x01000193);
    }
  }
  return lanes.map((lane) => (lane >>> 0).toString(16).padStart(8, '0')).join('').toUpperCase();
}
