/**
 * Virtual time and seeded randomness. The engine never reads the wall clock or Math.random: the
 * same seed and the same requests give the same cluster, byte for byte.
 */

/** Milliseconds since the Unix epoch, in virtual time. */
export interface Clock {
  now(): number;
}

/** The default start of virtual time: a fixed instant, so timestamps are reproducible. */
export const defaultEpoch = Date.UTC(2026, 0, 1, 0, 0, 0);

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  constructor(private current = defaultEpoch) {}

  now(): number {
    return this.current;
  }

  /** Move time forward; never backwards. */
  set(ms: number): void {
    if (ms > this.current) this.current = ms;
  }
}

/**
 * A small, fast, seeded generator (sfc32, seeded through splitmix32). Not for cryptography; for
 * names, IPs and jitter that must be the same on every run with the same seed.
 */
/** A position in a `Random` stream: sfc32's four state words. */
export type RandomState = readonly [number, number, number, number];

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
  }

  /** The stream's position (sfc32's four words), to continue it elsewhere with `restore`. */
  state(): RandomState {
    return [this.a, this.b, this.c, this.d];
  }

  /** Continue from a position `state()` returned: the next draws are the ones that stream would give. */
  restore([a, b, c, d]: RandomState): void {
    Object.assign(this, { a, b, c, d });
  }

  /** A 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /**
   * A suffix like the API server's generateName: 5 characters from the alphabet Kubernetes uses
   * (no vowels, no digits that look like letters: `bcdfghjklmnpqrstvwxz2456789`).
   */
  nameSuffix(length = 5): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  /** A version-4 UUID made from the seeded stream. */
  uuid(): string {
    const hex: string[] = [];
    for (let i = 0; i < 4; i++) hex.push(this.uint32().toString(16).padStart(8, '0'));
    const h = hex.join('');
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** RFC 3339 with whole seconds, as Kubernetes writes `metav1.Time`: `2026-01-01T00:00:00Z`. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** RFC 3339 with microseconds, as Kubernetes writes `metav1.MicroTime`. */
export function rfc3339Micro(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
