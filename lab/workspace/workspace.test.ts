import 'fake-indexeddb/auto';
import FS from '@isomorphic-git/lightning-fs';
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

  it('switches to another lesson\'s files, committing the learner\'s first, and notes the lesson', async () => {
    const ws = await Workspace.open(`test-${++counter}`, starter, 'apply');
    await ws.write('app.yaml', 'edited\n');
    await ws.write('mine.yaml', 'kind: Secret\n');
    expect(await ws.startLesson('efk', { 'es.yaml': 'kind: StatefulSet\n', 'kibana.yaml': 'kind: Deployment\n' })).toEqual({ ok: true, changed: true });
    const log = await ws.log();
    expect({ files: await ws.files(), log: log.map((c) => c.message), lesson: await ws.lesson() }).toEqual({
      files: ['es.yaml', 'kibana.yaml'],
      log: ['start lesson efk', 'save files of lesson apply', 'start'],
      lesson: 'efk',
    });
    expect(await ws.changes(log[1].oid)).toEqual([
      { path: 'app.yaml', before: starter['app.yaml'], after: 'edited\n' },
      { path: 'mine.yaml', before: '', after: 'kind: Secret\n' },
    ]);
    expect(await ws.changes(log[0].oid)).toEqual([
      { path: 'app.yaml', before: 'edited\n', after: '' },
      { path: 'es.yaml', before: '', after: 'kind: StatefulSet\n' },
      { path: 'kibana.yaml', before: '', after: 'kind: Deployment\n' },
      { path: 'mine.yaml', before: 'kind: Secret\n', after: '' },
    ]);
    // The same lesson again changes nothing; "Reset files" now starts from the new lesson's files.
    expect(await ws.startLesson('efk', { 'es.yaml': 'other\n' })).toEqual({ ok: true, changed: false });
    await ws.reset();
    expect({ files: await ws.files(), lesson: await ws.lesson() }).toEqual({ files: ['es.yaml', 'kibana.yaml'], lesson: 'efk' });
  });

  it('starts a lesson over: its files again, the learner\'s committed; unchanged files make no commit', async () => {
    const ws = await Workspace.open(`test-${++counter}`, starter, 'apply');
    expect(await ws.startLesson('apply', starter, true)).toEqual({ ok: true, changed: true });
    expect((await ws.log()).map((c) => c.message)).toEqual(['start']);
    await ws.write('app.yaml', 'edited\n');
    await ws.remove('app.yaml');
    await ws.write('b.yaml', 'b\n');
    await ws.startLesson('apply', starter, true);
    expect({ files: await ws.files(), text: await ws.read('app.yaml'), log: (await ws.log()).map((c) => c.message) })
      .toEqual({ files: ['app.yaml'], text: starter['app.yaml'], log: ['start lesson apply', 'save files of lesson apply', 'start'] });
  });

  it.each([
    ['a workspace from before the lesson was noted adopts the lesson', undefined, false],
    ['the playground takes the lesson\'s files', '', true],
    ['a workspace of the same lesson keeps its files', 'scale', false],
  ])('%s', async (_, recorded, changed) => {
    const ws = await Workspace.open(`test-${++counter}`, starter, recorded ?? '');
    // A workspace made before the record existed has none (a second handle on its database removes it).
    if (recorded === undefined) await new FS(databaseName(ws.name)).promises.unlink('/workspace/.git/kubelab-lesson');
    expect(await ws.startLesson('scale', {})).toEqual({ ok: true, changed });
    expect({ lesson: await ws.lesson(), files: await ws.files() }).toEqual({ lesson: 'scale', files: changed ? [] : ['app.yaml'] });
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
