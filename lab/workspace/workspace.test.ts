import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Workspace, databaseName, isQuotaError, validFileName } from './workspace.ts';

beforeAll(() => {
  // Node 20 has no navigator; lightning-fs reads navigator.locks (and falls back to an IndexedDB mutex).
  (globalThis as { navigator?: object }).navigator ??= {};
});

const starter = { 'app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: greeting\n' };
let counter = 0;
const fresh = (): Promise<Workspace> => Workspace.open(`test-${++counter}`, starter);

describe('Workspace', () => {
  it('starts with the starter files committed as "start", and reopens with what was saved', async () => {
    const ws = await fresh();
    expect(await ws.files()).toEqual(['app.yaml']);
    expect((await ws.log()).map((c) => c.message)).toEqual(['start']);
    expect(await ws.write('web.yaml', 'kind: Service\n')).toEqual({ ok: true });
    const again = await Workspace.open(ws.name, starter);
    expect({ files: await again.files(), web: await again.read('web.yaml') }).toEqual({ files: ['app.yaml', 'web.yaml'], web: 'kind: Service\n' });
  });

  it('commits each apply, shows what a commit changed and brings a file back from history', async () => {
    const ws = await fresh();
    await ws.write('app.yaml', `${starter['app.yaml']}data:\n  a: one\n`);
    const first = await ws.commit('app.yaml', 'apply app.yaml');
    await ws.write('app.yaml', `${starter['app.yaml']}data:\n  a: two\n`);
    await ws.commit('app.yaml', 'apply app.yaml');
    const log = await ws.log();
    expect(log.map((c) => c.message)).toEqual(['apply app.yaml', 'apply app.yaml', 'start']);
    expect(await ws.changes(log[0].oid)).toEqual([{ path: 'app.yaml', before: `${starter['app.yaml']}data:\n  a: one\n`, after: `${starter['app.yaml']}data:\n  a: two\n` }]);
    expect(await ws.changes(log[2].oid)).toEqual([{ path: 'app.yaml', before: '', after: starter['app.yaml'] }]);
    expect(first.ok && (await ws.fileAt(first.oid, 'app.yaml'))).toBe(`${starter['app.yaml']}data:\n  a: one\n`);
    expect(await ws.fileAt(log[2].oid, 'nope.yaml')).toBeUndefined();
  });

  it('refuses to overwrite a file another tab changed since this tab read it', async () => {
    const mine = await fresh();
    const theirs = await Workspace.open(mine.name, starter);
    const seen = await mine.read('app.yaml');
    expect(await theirs.write('app.yaml', 'theirs\n', seen)).toEqual({ ok: true });
    expect(await mine.write('app.yaml', 'mine\n', seen)).toEqual({ ok: false, reason: 'conflict', disk: 'theirs\n' });
    expect(await mine.read('app.yaml')).toBe('theirs\n');
    expect(await mine.write('new.yaml', 'x\n', null)).toEqual({ ok: true });
    expect(await theirs.write('new.yaml', 'y\n', null)).toEqual({ ok: false, reason: 'conflict', disk: 'x\n' });
  });

  it('resets to the starter files with a fresh history', async () => {
    const ws = await fresh();
    await ws.write('extra.yaml', 'x\n');
    await ws.commit('extra.yaml', 'apply extra.yaml');
    await ws.reset();
    expect({ files: await ws.files(), log: (await ws.log()).map((c) => c.message) }).toEqual({ files: ['app.yaml'], log: ['start'] });
  });

  it.each([
    ['playground', 'kubelab-playground'],
    ['Lesson 01/apply', 'kubelab-lesson-01-apply'],
    ['', 'kubelab-default'],
  ])('names the database of workspace %j %j', (name, db) => {
    expect(databaseName(name)).toBe(db);
  });

  it.each([['app.yaml', true], ['my-app.v2.yml', true], ['../x.yaml', false], ['a/b.yaml', false], ['.git', false], ['', false]])('accepts file name %j: %s', (name, ok) => {
    expect(validFileName(name)).toBe(ok);
  });

  it('tells a quota error from others', () => {
    expect([isQuotaError(new DOMException('full', 'QuotaExceededError')), isQuotaError(new Error('Encountered full disk quota')), isQuotaError(new Error('ENOENT'))]).toEqual([true, true, false]);
  });
});
