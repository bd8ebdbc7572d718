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
