import { describe, expect, it } from 'vitest';
import type { Path } from './fieldpath.ts';
import { FieldSet, parsePathElement, pathString, serializePathElement } from './fieldpath.ts';
import { schemaFor } from './schema.ts';
import { compare } from './typed.ts';

const deployment = schemaFor({ group: 'apps', kind: 'Deployment' });

const f = (field: string) => ({ field });
const replicas: Path = [f('spec'), f('replicas')];
const image: Path = [f('spec'), f('containers'), { key: [['name', 'nginx']] }, f('image')];
const item: Path = [f('spec'), f('containers'), { key: [['name', 'nginx']] }];
const port: Path = [f('spec'), f('ports'), { key: [['port', 80], ['protocol', 'TCP']] }];
const finalizer: Path = [f('metadata'), f('finalizers'), { value: 'example.com/cleanup' }];

describe('path elements', () => {
  it.each([
    [f('replicas'), 'f:replicas'],
    [{ key: [['containerPort', 80], ['protocol', 'TCP']] }, 'k:{"containerPort":80,"protocol":"TCP"}'],
    [{ value: 'example.com/cleanup' }, 'v:"example.com/cleanup"'],
    [{ index: 3 }, 'i:3'],
  ] as const)('%j serializes as %s and back', (pe, text) => {
    expect(serializePathElement(pe as never)).toBe(text);
    expect(parsePathElement(text)).toEqual(pe);
  });

  it.each([
    [replicas, '.spec.replicas'],
    [image, '.spec.containers[name="nginx"].image'],
    [port, '.spec.ports[port=80,protocol="TCP"]'],
    [finalizer, '.metadata.finalizers[="example.com/cleanup"]'],
    [[f('args'), { index: 0 }], '.args[0]'],
  ] as [Path, string][])('prints %j as %s', (path, text) => {
    expect(pathString(path)).toBe(text);
  });
});

describe('FieldSet', () => {
  it('writes FieldsV1 with "." for a member that has children, in Go order', () => {
    const set = FieldSet.of(image, item, replicas, finalizer, [f('metadata'), f('labels'), f('app')]);
    const fields = set.toFieldsV1();
    expect(JSON.stringify(fields)).toBe(
      '{"f:metadata":{"f:finalizers":{"v:\\"example.com/cleanup\\"":{}},"f:labels":{"f:app":{}}},' +
      '"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{}}},"f:replicas":{}}}');
    expect(FieldSet.fromFieldsV1(fields).toFieldsV1()).toEqual(fields);
  });

  it('reads the item itself from "." and children below it', () => {
    const set = FieldSet.fromFieldsV1({ 'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {} } } } });
    expect(set.has(item)).toBe(true);
    expect(set.has(image)).toBe(true);
    expect(set.has([f('spec')])).toBe(false);
  });

  it.each([
    ['union', (a: FieldSet, b: FieldSet) => a.union(b), [replicas, image, port]],
    ['intersection', (a: FieldSet, b: FieldSet) => a.intersection(b), [image]],
    ['difference', (a: FieldSet, b: FieldSet) => a.difference(b), [replicas]],
  ])('%s', (_name, op, expected) => {
    const result = op(FieldSet.of(replicas, image), FieldSet.of(image, port));
    expect(result.paths().map(pathString).sort()).toEqual(expected.map(pathString).sort());
  });

  it('difference keeps children of a removed path; recursiveDifference drops them', () => {
    const set = FieldSet.of([f('status'), f('replicas')], replicas);
    const status = FieldSet.of([f('status')]);
    expect(set.difference(status).paths().map(pathString)).toEqual(['.spec.replicas', '.status.replicas']);
    expect(set.recursiveDifference(status).paths().map(pathString)).toEqual(['.spec.replicas']);
  });

  it('lists paths as Go iterates them: members of a node before its children', () => {
    expect(FieldSet.of(image, replicas, [f('metadata'), f('labels'), f('app')]).paths().map(pathString))
      .toEqual(['.metadata.labels.app', '.spec.replicas', '.spec.containers[name="nginx"].image']);
  });

  it.each([
    [{ 'x:foo': {} }, 'unknown path element type'],
    [{ 'f:spec': 'no' }, 'invalid FieldsV1 value at f:spec'],
  ])('rejects malformed FieldsV1 %j', (fields, message) => {
    expect(() => FieldSet.fromFieldsV1(fields)).toThrow(message);
  });
});

describe('FieldsV1 written here', () => {
  const written = () => FieldSet.of(image, item, replicas).toFieldsV1();

  it('is frozen and shared by equal subtrees of sets built apart', () => {
    const a = compare({}, { spec: { containers: [{ name: 'nginx', image: 'x' }], replicas: 1 } }, deployment);
    const b = compare({}, { spec: { containers: [{ name: 'nginx', image: 'x' }], replicas: 2 } }, deployment);
    const fieldsA = a.added.toFieldsV1() as Record<string, Record<string, unknown>>;
    const fieldsB = b.added.toFieldsV1() as Record<string, Record<string, unknown>>;
    expect(Object.isFrozen(fieldsA)).toBe(true);
    expect(fieldsB['f:spec']['f:containers']).toBe(fieldsA['f:spec']['f:containers']);
  });

  it('reads back to the same paths and writes back the very same object', () => {
    const fields = written();
    const set = FieldSet.fromFieldsV1(fields);
    expect(set.has(image) && set.has(item) && set.has(replicas)).toBe(true);
    expect(set.toFieldsV1()).toBe(fields);
    expect(set.difference(FieldSet.of(replicas)).paths().map(pathString)).toEqual(['.spec.containers[name="nginx"]', '.spec.containers[name="nginx"].image']);
  });

  it('is read like any FieldsV1 once copied, and a copy can be malformed', () => {
    const copy = JSON.parse(JSON.stringify(written())) as Record<string, Record<string, unknown>>;
    expect(FieldSet.fromFieldsV1(copy).paths().map(pathString)).toEqual(FieldSet.fromFieldsV1(written()).paths().map(pathString));
    copy['f:spec']['f:replicas'] = 3;
    expect(() => FieldSet.fromFieldsV1(copy)).toThrow('invalid FieldsV1 value at f:replicas');
  });
});
