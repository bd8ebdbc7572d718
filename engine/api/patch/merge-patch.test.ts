import { describe, expect, it } from 'vitest';
import type { Json } from '../types.ts';
import { applyMergePatch, createMergePatch, createThreeWayMergePatchJson } from './merge-patch.ts';

describe('applyMergePatch (RFC 7386 cases, as json-patch v4 applies them)', () => {
  it.each<[Json, Json, Json]>([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
    [{ spec: { replicas: 3, paused: true } }, { spec: { replicas: 5 } }, { spec: { replicas: 5, paused: true } }],
    [{ metadata: { labels: { app: 'web', tier: 'fe' } } }, { metadata: { labels: { tier: null } } }, { metadata: { labels: { app: 'web' } } }],
  ])('%j + %j', (doc, patch, expected) => {
    expect(applyMergePatch(doc, patch)).toEqual({ ok: true, value: expected });
  });

  it.each<[Json]>([[null], ['x'], [3]])('a %j patch is a 400 Invalid JSON Patch', (patch) => {
    expect(applyMergePatch({ a: 1 }, patch)).toEqual({ ok: false, message: 'Invalid JSON Patch' });
  });

  it('does not change its inputs', () => {
    const doc = { a: { b: 1 } };
    const patch = { a: { c: null, d: 2 } };
    applyMergePatch(doc, patch);
    expect(doc).toEqual({ a: { b: 1 } });
    expect(patch).toEqual({ a: { c: null, d: 2 } });
  });
});

describe('createMergePatch', () => {
  it('lists changes, additions and deletions with sorted keys', () => {
    const patch = createMergePatch(
      { metadata: { labels: { app: 'web', old: 'x' } }, spec: { ports: [80] } },
      { metadata: { labels: { app: 'web', tier: 'fe' } }, spec: { ports: [80, 443] } },
    );
    expect(JSON.stringify(patch)).toBe('{"metadata":{"labels":{"old":null,"tier":"fe"}},"spec":{"ports":[80,443]}}');
  });
});

describe('createThreeWayMergePatchJson (kubectl apply for custom resources)', () => {
  it('takes changes from live and deletions from last-applied only', () => {
    const lastApplied = { spec: { color: 'red', size: 'L' } };
    const file = { spec: { color: 'blue' } };
    const live = { spec: { color: 'red', size: 'L', owner: 'controller' }, status: { ok: true } };
    expect(createThreeWayMergePatchJson(lastApplied, file, live)).toEqual({ spec: { color: 'blue', size: null } });
  });
});
