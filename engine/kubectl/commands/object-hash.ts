/**
 * The name suffix of `--append-hash` (kubectl's pkg/util/hash): SHA-256 of a small JSON encoding of
 * the ConfigMap or Secret, its first ten hex digits with 0, 1, 3, a and e swapped for letters so the
 * suffix never looks like a number or a word. Plain TypeScript: no Node crypto in the browser worker.
 */

/** SHA-256 round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const roundConstants = Uint32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** Hex SHA-256 of the UTF-8 bytes of `text` (`fmt.Sprintf("%x", sha256.Sum256(…))`). */
export function sha256Hex(text: string): string {
  const input = new TextEncoder().encode(text);
  const length = (((input.length + 8) >>> 6) + 1) << 6;
  const bytes = new Uint8Array(length);
  bytes.set(input);
  bytes[input.length] = 0x80;
  const view = new DataView(bytes.buffer);
  const bitLength = input.length * 8;
  view.setUint32(length - 8, Math.floor(bitLength / 2 ** 32));
  view.setUint32(length - 4, bitLength >>> 0);
  const h = Uint32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));
  for (let offset = 0; offset < length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + roundConstants[i] + w[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      hh = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
    }
    [a, b, c, d, e, f, g, hh].forEach((value, i) => { h[i] = (h[i] + value) >>> 0; });
  }
  return [...h].map((word) => word.toString(16).padStart(8, '0')).join('');
}

/** encodeHash: the first ten hex digits, with 0→g, 1→h, 3→k, a→m, e→t. */
export function encodeHash(hex: string): string {
  const swap: Record<string, string> = { 0: 'g', 1: 'h', 3: 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join('');
}

/** Go's json.Marshal of a string (`<`, `>`, `&` escaped). */
function goString(text: string): string {
  return JSON.stringify(text).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** json.Marshal of a map[string]string (or []byte values already base64), keys sorted; kubectl's maps are never nil. */
function goStringMap(map: Record<string, string> | undefined = {}): string {
  return `{${Object.keys(map).sort().map((key) => `${goString(key)}:${goString(map[key])}`).join(',')}}`;
}

/** SecretHash: over `{"data":…,"kind":"Secret","name":…,"type":…}` (json.Marshal sorts the map's keys). */
export function secretHash(secret: { name: string; type: string; data?: Record<string, string> }): string {
  return encodeHash(sha256Hex(`{"data":${goStringMap(secret.data)},"kind":"Secret","name":${goString(secret.name)},"type":${goString(secret.type)}}`));
}

/** ConfigMapHash: over `{"data":…,"kind":"ConfigMap","name":…}`, with binaryData only when there is some. */
export function configMapHash(configMap: { name: string; data?: Record<string, string>; binaryData?: Record<string, string> }): string {
  const binary = configMap.binaryData && Object.keys(configMap.binaryData).length ? `"binaryData":${goStringMap(configMap.binaryData)},` : '';
  return encodeHash(sha256Hex(`{${binary}"data":${goStringMap(configMap.data)},"kind":"ConfigMap","name":${goString(configMap.name)}}`));
}
