import { describe, expect, it } from 'vitest';
import { computeHash, equalIgnoreHash, fnv32a, safeEncodeString } from './template-hash.ts';

const nginx = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };

describe('pod-template-hash', () => {
  it('is FNV-32a (offset basis 0x811c9dc5, prime 0x01000193)', () => {
    const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(fnv32a(bytes(''))).toBe(0x811c9dc5);
    expect(fnv32a(bytes('a'))).toBe(0xe40c292c);
    expect(fnv32a(bytes('foobar'))).toBe(0xbf9cf968);
  });

  it('encodes the decimal sum with rand.SafeEncodeString: digits map to 4-9, b, c, d, f', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    // The RS web-7c79c4bf97 of events-defaults.md §1.2 had the FNV sum 3735706953.
    expect(safeEncodeString('3735706953')).toBe('7c79c4bf97');
  });

  it('is deterministic, up to 10 characters of the encoded digits, and changes with the collision count', () => {
    const hash = computeHash(nginx);
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
    expect(computeHash(structuredClone(nginx))).toBe(hash);
    expect(computeHash(nginx, 1)).not.toBe(hash);
    expect(computeHash({ ...nginx, spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } })).not.toBe(hash);
  });
});

describe('equalIgnoreHash', () => {
  it.each([
    ['the pod-template-hash label', { metadata: { labels: { app: 'web', 'pod-template-hash': '74d644cc78' } }, spec: nginx.spec }, true],
    ['creationTimestamp: null and empty maps (as kubectl rollout undo sends)', { metadata: { creationTimestamp: null, labels: { app: 'web' }, annotations: {} }, spec: nginx.spec }, true],
    ['key order', { spec: { containers: [{ image: 'nginx:1.27', name: 'nginx' }] }, metadata: { labels: { app: 'web' } } }, true],
    ['another image', { metadata: nginx.metadata, spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } }, false],
    ['a restartedAt annotation', { metadata: { ...nginx.metadata, annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } }, spec: nginx.spec }, false],
  ])('ignores %s: %s', (_what, other, equal) => {
    expect(equalIgnoreHash(nginx, other)).toBe(equal);
  });
});
