/** The --append-hash suffixes, against the names kubectl 1.32 printed for the same objects. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configMapHash, secretHash, sha256Hex } from './object-hash.ts';

const base64 = (text: string): string => Buffer.from(text).toString('base64');
const file = (name: string): string => readFileSync(new URL(`./testdata/tls/${name}`, import.meta.url), 'utf8');

describe('append-hash', () => {
  it('hashes with SHA-256', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('a'.repeat(200))).toBe('c2a908d98f5df987ade41b5fce213067efbcc21ef2240212a41e54b5e7c28ae5');
  });

  it.each([
    // kubectl create secret tls x --cert=tls.crt --key=tls.key --append-hash → secret/x-fdbmd2d94c
    [secretHash({ name: 'x', type: 'kubernetes.io/tls', data: { 'tls.crt': base64(file('tls.crt')), 'tls.key': base64(file('tls.key')) } }), 'fdbmd2d94c'],
    // kubectl create secret generic s --from-literal=a=b --append-hash → secret/s-7fd2tm89d8
    [secretHash({ name: 's', type: '', data: { a: base64('b') } }), '7fd2tm89d8'],
    [secretHash({ name: 's', type: '' }), '6cmg28h685'],
    // kubectl create configmap c --from-literal=a='<b>' --append-hash → configmap/c-tdf59c6t5h
    [configMapHash({ name: 'c', data: { a: '<b>' } }), 'tdf59c6t5h'],
    [configMapHash({ name: 'c' }), '94b26g54cg'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
