import { describe, expect, it } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { checkVolumeSatisfyClaim, findBestMatchForClaim } from './matching.ts';

function claim(spec: Partial<NonNullable<PersistentVolumeClaim['spec']>> = {}, annotations?: Record<string, string>): PersistentVolumeClaim {
  return {
    metadata: { name: 'data', namespace: 'default', uid: 'claim-uid', annotations },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, storageClassName: '', ...spec },
  };
}

function volume(name: string, size: string, extra: { modes?: string[]; className?: string; phase?: string; labels?: Record<string, string>; mode?: string; claimRef?: { name: string; namespace: string; uid?: string }; deleting?: boolean } = {}): PersistentVolume {
  return {
    metadata: { name, labels: extra.labels, deletionTimestamp: extra.deleting ? '2026-01-01T00:00:00Z' : undefined },
    spec: {
      capacity: { storage: size }, accessModes: extra.modes ?? ['ReadWriteOnce'], storageClassName: extra.className ?? '',
      volumeMode: extra.mode, claimRef: extra.claimRef,
    },
    status: { phase: extra.phase ?? 'Available' },
  };
}

describe('findBestMatchForClaim', () => {
  const cases: { name: string; claim: PersistentVolumeClaim; volumes: PersistentVolume[]; delay?: boolean; want: string | undefined }[] = [
    { name: 'smallest volume that fits', claim: claim(), volumes: [volume('big', '20Gi'), volume('fit', '10Gi'), volume('small', '1Gi')], want: 'fit' },
    { name: 'exactly the requested size', claim: claim(), volumes: [volume('ten', '10Gi'), volume('five', '5Gi')], want: 'five' },
    { name: 'mixed units compare by value', claim: claim(), volumes: [volume('gb', '6G'), volume('mi', '5200Mi')], want: 'mi' },
    { name: 'nothing big enough', claim: claim(), volumes: [volume('small', '1Gi')], want: undefined },
    { name: 'exact access modes before a superset, even a smaller one', claim: claim(), volumes: [volume('rwo-rox', '8Gi', { modes: ['ReadWriteOnce', 'ReadOnlyMany'] }), volume('rwo', '10Gi')], want: 'rwo' },
    { name: 'a superset when the exact group has nothing', claim: claim(), volumes: [volume('rwo-rox', '8Gi', { modes: ['ReadWriteOnce', 'ReadOnlyMany'] }), volume('rwo', '1Gi')], want: 'rwo-rox' },
    { name: 'missing access mode', claim: claim({ accessModes: ['ReadWriteMany'] }), volumes: [volume('rwo', '10Gi')], want: undefined },
    { name: 'class must match', claim: claim({ storageClassName: 'fast' }), volumes: [volume('slow', '10Gi', { className: 'slow' }), volume('fast', '20Gi', { className: 'fast' })], want: 'fast' },
    { name: 'beta class annotation wins over the field', claim: claim({ storageClassName: 'x' }, { 'volume.beta.kubernetes.io/storage-class': 'fast' }), volumes: [volume('fast', '20Gi', { className: 'fast' }), volume('x', '10Gi', { className: 'x' })], want: 'fast' },
    { name: 'selector', claim: claim({ selector: { matchLabels: { tier: 'db' } } }), volumes: [volume('web', '5Gi', { labels: { tier: 'web' } }), volume('db', '50Gi', { labels: { tier: 'db' } })], want: 'db' },
    { name: 'selector with expressions', claim: claim({ selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }] } }), volumes: [volume('web', '5Gi', { labels: { tier: 'web' } }), volume('none', '50Gi')], want: 'none' },
    { name: 'volumeMode must match (both default to Filesystem)', claim: claim({ volumeMode: 'Block' }), volumes: [volume('fs', '5Gi'), volume('block', '9Gi', { mode: 'Block' })], want: 'block' },
    { name: 'only Available volumes', claim: claim(), volumes: [volume('released', '5Gi', { phase: 'Released' }), volume('pending', '6Gi', { phase: 'Pending' })], want: undefined },
    { name: 'a volume claimed by another claim is skipped', claim: claim(), volumes: [volume('taken', '5Gi', { claimRef: { name: 'other', namespace: 'default', uid: 'x' } })], want: undefined },
    { name: 'a volume being deleted is skipped', claim: claim(), volumes: [volume('going', '5Gi', { deleting: true })], want: undefined },
    {
      name: 'a volume pre-bound to the claim wins over a smaller one, whatever its phase',
      claim: claim(),
      volumes: [volume('small', '5Gi'), volume('mine', '50Gi', { phase: 'Pending', className: 'other', claimRef: { name: 'data', namespace: 'default' } })],
      want: 'mine',
    },
    { name: 'WaitForFirstConsumer: unbound volumes are left to the scheduler', claim: claim(), volumes: [volume('fit', '5Gi')], delay: true, want: undefined },
    { name: 'WaitForFirstConsumer: a pre-bound volume still binds', claim: claim(), volumes: [volume('mine', '5Gi', { claimRef: { name: 'data', namespace: 'default', uid: 'claim-uid' } })], delay: true, want: 'mine' },
  ];
  it.each(cases)('$name', ({ claim: c, volumes, delay, want }) => {
    expect(findBestMatchForClaim(c, volumes, delay ?? false)?.metadata?.name).toBe(want);
  });
});

describe('checkVolumeSatisfyClaim (the reason in VolumeMismatch)', () => {
  const cases: { name: string; volume: PersistentVolume; claim: PersistentVolumeClaim; want: string | undefined }[] = [
    { name: 'fits', volume: volume('pv', '5Gi'), claim: claim(), want: undefined },
    { name: 'too small', volume: volume('pv', '1Gi'), claim: claim(), want: 'requested PV is too small' },
    { name: 'class', volume: volume('pv', '5Gi', { className: 'slow' }), claim: claim(), want: 'storageClassName does not match' },
    { name: 'volume mode', volume: volume('pv', '5Gi', { mode: 'Block' }), claim: claim(), want: 'incompatible volumeMode' },
    { name: 'access mode', volume: volume('pv', '5Gi', { modes: ['ReadOnlyMany'] }), claim: claim(), want: 'incompatible accessMode' },
    { name: 'being deleted', volume: volume('pv', '5Gi', { deleting: true }), claim: claim(), want: 'the volume is marked for deletion "pv"' },
  ];
  it.each(cases)('$name', ({ volume: v, claim: c, want }) => {
    expect(checkVolumeSatisfyClaim(v, c)).toBe(want);
  });
});
