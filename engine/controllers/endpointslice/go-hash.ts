/**
 * The two hashes Kubernetes sorts endpoint ports and subsets by: MD5 (pkg/util/hash
 * `DeepHashObject` with crypto/md5, used by `RepackSubsets`) and FNV-128a (the EndpointSlice
 * `PortMapKey`). Both hash the spew text of a Go struct (see spew.ts); reproducing them gives the
 * same port order as a real cluster. Plain TypeScript: no Node crypto in the browser worker.
 */

const encoder = new TextEncoder();

/** Per-round shift amounts of MD5 (RFC 1321). */
const shifts = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
/** The MD5 sine table: floor(abs(sin(i + 1)) * 2^32). */
const sines = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

/** MD5 digest of the UTF-8 bytes of `text` (16 bytes). */
export function md5(text: string): Uint8Array {
  const input = encoder.encode(text);
  const length = (((input.length + 8) >>> 6) + 1) << 6;
  const bytes = new Uint8Array(length);
  bytes.set(input);
  bytes[input.length] = 0x80;
  const bitLength = input.length * 8;
  const view = new DataView(bytes.buffer);
  view.setUint32(length - 8, bitLength >>> 0, true);
  view.setUint32(length - 4, Math.floor(bitLength / 2 ** 32), true);
  let a0 = 0x67452301, b0 = 0xefcdab89, c0 = 0x98badcfe, d0 = 0x10325476;
  const words = new Uint32Array(16);
  for (let offset = 0; offset < length; offset += 64) {
    for (let i = 0; i < 16; i++) words[i] = view.getUint32(offset + i * 4, true);
    let a = a0, b = b0, c = c0, d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number, g: number;
      if (i < 16) { f = (b & c) | (~b & d); g = i; }
      else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
      else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
      else { f = c ^ (b | ~d); g = (7 * i) % 16; }
      const sum = (f + a + sines[i]! + words[g]!) >>> 0;
      const s = shifts[(i >> 4) * 4 + (i % 4)]!;
      a = d; d = c; c = b;
      b = (b + ((sum << s) | (sum >>> (32 - s)))) >>> 0;
    }
    a0 = (a0 + a) >>> 0; b0 = (b0 + b) >>> 0; c0 = (c0 + c) >>> 0; d0 = (d0 + d) >>> 0;
  }
  const out = new Uint8Array(16);
  const outView = new DataView(out.buffer);
  [a0, b0, c0, d0].forEach((word, i) => outView.setUint32(i * 4, word, true));
  return out;
}

/** Hex of an MD5 digest: what `hex.EncodeToString(md5.Sum(...))` prints. Short texts (ports) are remembered. */
export function md5Hex(text: string): string {
  const hash = (t: string): string => [...md5(t)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return text.length <= 256 ? memoized(md5Memo, text, hash) : hash(text);
}

const fnv128Offset = 0x6c62272e07bb014262b821756295c58dn;
const fnv128Prime = 0x0000000001000000000000000000013bn;
const mask128 = (1n << 128n) - 1n;

/** Ports repeat across every pod of a Service: their hashes are remembered (a few thousand at most). */
const fnvMemo = new Map<string, string>();
const md5Memo = new Map<string, string>();

function memoized(memo: Map<string, string>, text: string, hash: (text: string) => string): string {
  let value = memo.get(text);
  if (value === undefined) {
    if (memo.size >= 4096) memo.clear();
    memo.set(text, (value = hash(text)));
  }
  return value;
}

/** FNV-1a 128-bit of the UTF-8 bytes of `text`, as 32 hex digits (`hash/fnv.New128a`). */
export function fnv128aHex(text: string): string {
  return memoized(fnvMemo, text, fnv128a);
}

function fnv128a(text: string): string {
  let hash = fnv128Offset;
  for (const byte of encoder.encode(text)) hash = ((hash ^ BigInt(byte)) * fnv128Prime) & mask128;
  return hash.toString(16).padStart(32, '0');
}
