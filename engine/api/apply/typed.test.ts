import { describe, expect, it } from 'vitest';
import type { JsonValue } from './fieldpath.ts';
import { FieldSet, pathString } from './fieldpath.ts';
import { schemaFor } from './schema.ts';
import { compare, merge, removeItems, toFieldSet } from './typed.ts';

const deployment = schemaFor({ group: 'apps', kind: 'Deployment' });
const containers = (...items: JsonValue[]): { [key: string]: JsonValue } => ({ spec: { template: { spec: { containers: items } } } });
const names = (o: JsonValue): unknown => (o as { spec: { template: { spec: { containers: { name: string }[] } } } }).spec.template.spec.containers.map((c) => c.name);

describe('merge', () => {
  it.each([
    ['appends a new item after the shared ones', [{ name: 'a' }, { name: 'b' }], [{ name: 'b' }, { name: 'c' }], ['a', 'b', 'c']],
    ['puts a new item where the configuration puts it', [{ name: 'a' }, { name: 'b' }], [{ name: 'c' }, { name: 'a' }], ['c', 'a', 'b']],
    ['follows the configuration order for shared items', [{ name: 'a' }, { name: 'b' }], [{ name: 'b' }, { name: 'a' }], ['b', 'a']],
  ])('map list: %s', (_name, live, config, expected) => {
    expect(names(merge(containers(...live), containers(...config), deployment))).toEqual(expected);
  });

  it.each([
    ['a set list keeps both managers\' items', { metadata: { finalizers: ['x'] } }, { metadata: { finalizers: ['y'] } }, { metadata: { finalizers: ['x', 'y'] } }],
    ['an atomic list is replaced', containers({ name: 'a', args: ['1', '2'] }), containers({ name: 'a', args: ['3'] }), containers({ name: 'a', args: ['3'] })],
    ['an atomic struct is replaced', { spec: { selector: { matchLabels: { a: '1' } } } }, { spec: { selector: { matchExpressions: [] } } }, { spec: { selector: { matchExpressions: [] } } }],
    ['a map is merged key by key', { metadata: { labels: { a: '1' } } }, { metadata: { labels: { b: '2' } } }, { metadata: { labels: { a: '1', b: '2' } } }],
  ])('%s', (_name, live, config, expected) => {
    expect(merge(live as JsonValue, config as JsonValue, deployment)).toEqual(expected);
  });
});

describe('toFieldSet and compare', () => {
  it('owns set items by value and atomic values as one leaf', () => {
    const set = toFieldSet({ metadata: { finalizers: ['x'] }, spec: { selector: { matchLabels: { a: '1' } }, paused: null } }, deployment);
    expect(set.paths().map(pathString)).toEqual(['.metadata.finalizers[="x"]', '.spec.paused', '.spec.selector']);
  });

  it('marks a new map and a new list item as added themselves', () => {
    const c = compare({ spec: { template: { spec: { containers: null } } } }, { spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a' }] } } } }, deployment);
    expect(c.added.paths().map(pathString)).toEqual([
      '.spec.template.metadata', '.spec.template.metadata.labels', '.spec.template.metadata.labels.app',
      '.spec.template.spec.containers[name="a"]', '.spec.template.spec.containers[name="a"].name',
    ]);
    expect(c.modified.empty() && c.removed.empty()).toBe(true);
  });
});

describe('removeItems', () => {
  it('removes a list item with everything in it, and leaves null where a map empties', () => {
    const object = { metadata: { labels: { a: '1' } }, ...containers({ name: 'a', image: 'x' }, { name: 'b' }) } as JsonValue;
    const toRemove = FieldSet.of(
      [{ field: 'spec' }, { field: 'template' }, { field: 'spec' }, { field: 'containers' }, { key: [['name', 'a']] }],
      [{ field: 'metadata' }, { field: 'labels' }, { field: 'a' }],
    );
    expect(removeItems(object, toRemove, deployment)).toEqual({ metadata: { labels: null }, ...containers({ name: 'b' }) });
  });
});

describe('compare', () => {
  it.each([
    ['a changed leaf is modified', { spec: { replicas: 1 } }, { spec: { replicas: 2 } }, [[], ['.spec.replicas'], []]],
    ['a gone item is removed with its fields', containers({ name: 'a', image: 'x' }, { name: 'b' }), containers({ name: 'b' }),
      [[], [], ['.spec.template.spec.containers[name="a"]', '.spec.template.spec.containers[name="a"].image', '.spec.template.spec.containers[name="a"].name']]],
    ['an item given twice replaces the single one: added as one leaf, its old fields removed', containers({ name: 'a' }), containers({ name: 'a' }, { name: 'a' }),
      [['.spec.template.spec.containers[name="a"]'], [], ['.spec.template.spec.containers[name="a"]', '.spec.template.spec.containers[name="a"].name']]],
    ['reset fields are not walked', { status: { replicas: 1 } }, { status: { replicas: 2 } }, [[], [], []]],
  ])('%s', (_name, lhs, rhs, [added, modified, removed]) => {
    const c = compare(lhs as JsonValue, rhs as JsonValue, deployment, new Set(['status']));
    expect([c.added, c.modified, c.removed].map((s) => s.paths().map(pathString).sort())).toEqual([added, modified, removed].map((p) => [...p].sort()));
  });

  it('answers the schema by path as listType and isAtomic do', () => {
    const node = deployment.root.child('spec').child('template').child('spec').child('containers');
    expect(node.listType).toEqual(deployment.listType(['spec', 'template', 'spec', 'containers']));
    expect(deployment.root.child('spec').child('selector').isAtomic).toBe(deployment.isAtomic(['spec', 'selector']));
  });
});
