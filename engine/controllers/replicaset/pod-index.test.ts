import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { OwnerIndex } from './pod-index.ts';

const pod = (name: string, owner?: string, version = '1'): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name, namespace: 'default', resourceVersion: version, ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: owner, controller: true }] } : {}) },
});

const names = (objects: Iterable<KubeObject>): string[] => [...objects].map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`);

describe('OwnerIndex', () => {
  // The order is the one a Map gets from delete-then-set on every update; syncs read pods in it.
  it.each<[string, (index: OwnerIndex) => void, string[], string[]]>([
    ['lists in the order first added', () => {}, ['a@1', 'b@1', 'c@1'], ['x@1']],
    ['an update moves the pod to the end', (index) => index.upsert(pod('a', 'rs'), pod('a', 'rs', '2')), ['b@1', 'c@1', 'a@2'], ['x@1']],
    ['updating the last pod keeps it last', (index) => index.upsert(pod('c', 'rs'), pod('c', 'rs', '2')), ['a@1', 'b@1', 'c@2'], ['x@1']],
    ['a removed pod is gone', (index) => index.remove(pod('b', 'rs')), ['a@1', 'c@1'], ['x@1']],
    ['an adopted orphan moves to its owner', (index) => index.upsert(pod('x'), pod('x', 'rs', '2')), ['a@1', 'b@1', 'c@1', 'x@2'], []],
    ['a released pod becomes an orphan', (index) => index.upsert(pod('a', 'rs'), pod('a', undefined, '2')), ['b@1', 'c@1'], ['x@1', 'a@2']],
  ])('%s', (_name, change, owned, orphans) => {
    const index = new OwnerIndex();
    for (const name of ['a', 'b', 'c']) index.upsert(undefined, pod(name, 'rs'));
    index.upsert(undefined, pod('x'));
    change(index);
    expect([names(index.owned('rs')), names(index.orphansIn('default'))]).toEqual([owned, orphans]);
  });

  it('hands out a copy, so a sync may write while it walks the list', () => {
    const index = new OwnerIndex();
    for (const name of ['a', 'b']) index.upsert(undefined, pod(name, 'rs'));
    const seen: string[] = [];
    for (const object of index.owned('rs')) {
      seen.push(object.metadata.name!);
      index.upsert(object, pod(object.metadata.name!, 'rs', '2'));
    }
    expect([seen, names(index.owned('rs'))]).toEqual([['a', 'b'], ['a@2', 'b@2']]);
  });
});
