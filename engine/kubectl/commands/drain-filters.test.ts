import { describe, expect, it } from 'vitest';
import { errorsOf, filterPod, warningsOf, type DaemonSetLookup, type DrainOptions } from './drain-filters.ts';

const options: DrainOptions = { force: false, ignoreDaemonSets: false, deleteEmptyDirData: false, skipWaitForDeleteTimeout: 0 };
const found: DaemonSetLookup = () => ({ found: true });
const pod = (name: string, extra: { owner?: string; emptyDir?: boolean; phase?: string } = {}) => ({
  metadata: { name, namespace: 'default', ...(extra.owner ? { ownerReferences: [{ kind: extra.owner, name: 'owner', controller: true }] } : {}) },
  spec: { volumes: extra.emptyDir ? [{ name: 'scratch', emptyDir: {} }] : [] },
  status: { phase: extra.phase ?? 'Running' },
});

describe('drain filters', () => {
  it.each([
    ['a ReplicaSet pod', pod('web', { owner: 'ReplicaSet' }), options, { delete: true, reason: 'Okay' }],
    ['a DaemonSet pod', pod('agent', { owner: 'DaemonSet' }), options, { delete: false, reason: 'Error', message: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)' }],
    ['a DaemonSet pod, ignored', pod('agent', { owner: 'DaemonSet' }), { ...options, ignoreDaemonSets: true }, { delete: false, reason: 'Warning', message: 'ignoring DaemonSet-managed Pods' }],
    ['emptyDir', pod('cache', { owner: 'ReplicaSet', emptyDir: true }), options, { delete: false, reason: 'Error', message: 'Pods with local storage (use --delete-emptydir-data to override)' }],
    // The local-storage warning is overwritten by the next filter's Okay, as in kubectl: only the last status counts.
    ['emptyDir, allowed', pod('cache', { owner: 'ReplicaSet', emptyDir: true }), { ...options, deleteEmptyDirData: true }, { delete: true, reason: 'Okay' }],
    ['emptyDir, allowed, no controller', pod('cache', { emptyDir: true }), { ...options, deleteEmptyDirData: true }, { delete: false, reason: 'Error', message: 'cannot delete Pods that declare no controller (use --force to override)' }],
    ['no controller', pod('solo'), options, { delete: false, reason: 'Error', message: 'cannot delete Pods that declare no controller (use --force to override)' }],
    ['no controller, forced', pod('solo'), { ...options, force: true }, { delete: true, reason: 'Warning', message: 'deleting Pods that declare no controller' }],
    ['a finished pod', pod('done', { phase: 'Succeeded' }), options, { delete: true, reason: 'Okay' }],
  ])('%s', (_, subject, opts, expected) => {
    expect(filterPod(subject, opts, found, 0)).toEqual(expected);
  });

  it('groups errors and warnings by message, as kubectl prints them', () => {
    const list = [pod('a'), pod('b'), pod('agent', { owner: 'DaemonSet' })].map((p) => ({ pod: p, status: filterPod(p, options, found, 0) }));
    expect(errorsOf(list)).toEqual([
      'cannot delete cannot delete Pods that declare no controller (use --force to override): default/a, default/b',
      'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent',
    ]);
    const forced = [pod('a'), pod('agent', { owner: 'DaemonSet' })].map((p) => ({ pod: p, status: filterPod(p, { ...options, force: true, ignoreDaemonSets: true }, found, 0) }));
    expect(warningsOf(forced)).toBe('deleting Pods that declare no controller: default/a; ignoring DaemonSet-managed Pods: default/agent');
  });
});
