import { describe, expect, it, vi } from 'vitest';
import { loadLessons } from '../engine/lessons/catalogue.ts';
import { readLessonBundle } from '../server/lessons.ts';
import { LabService } from './lab-service.ts';
import type { JournalEntry, LessonEvent } from './protocol.ts';

const lessons = readLessonBundle();

describe('LabService lessons', () => {
  it('starts the boot lesson on its first cluster, as a reset to it would, and journals it', async () => {
    const booted = new LabService({ lessons, lesson: 'scale' });
    const entries: JournalEntry[] = [];
    await booted.record((entry) => entries.push(entry));
    expect(entries).toEqual([{ at: Date.parse('2026-01-01T00:01:00Z'), op: 'reset', seed: 1, lesson: 'scale' }]);
    const reset = new LabService({ lessons });
    await reset.control('startLesson', { id: 'scale' });
    expect(await booted.control('status')).toEqual(await reset.control('status'));
    const pods = 'kubectl get pods -A -o wide';
    expect(await booted.kubectl(pods)).toEqual(await reset.kubectl(pods));
  }, 60_000);

  it('parses only the boot lesson before its first answer (a broken one is told of when the list is read)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const lab = new LabService({ lessons: { ...lessons, '99-broken/lesson.md': '---\nid: broken\n---\n' }, lesson: 'apply' });
      expect(await lab.control('status')).toMatchObject({ lesson: 'apply' });
      expect(warn).not.toHaveBeenCalled();
      const list = await lab.control('lessons') as { id: string }[];
      expect(list.map((l) => l.id)).toEqual(loadLessons(lessons).lessons.map((l) => l.id));
      await lab.control('lessons');
      expect(warn.mock.calls).toEqual([['kubelab: lesson skipped: 99-broken/lesson.md: time must be the minutes the lesson takes']]);
    } finally {
      warn.mockRestore();
    }
  }, 60_000);

  it('lists, shows, grades and completes a lesson as the learner works', async () => {
    const lab = new LabService({ lessons });
    // In folder order, titles in the language asked for (more lessons may follow).
    const list = await lab.control('lessons', { lang: 'zh-CN' }) as { id: string; title: string }[];
    expect(list.slice(0, 3)).toEqual([
      { id: 'apply', title: '用 kubectl apply 部署应用' }, { id: 'scale', title: expect.any(String) }, { id: 'rollback', title: '发布更新、搞坏它，再回滚' },
    ]);
    expect(await lab.control('startLesson', { id: 'nope' })).toEqual({ error: 'lesson "nope" not found' });
    expect(await lab.control('startLesson', {})).toEqual({ error: 'id must be a lesson id' });
    expect(await lab.lesson('nope', 'en')).toEqual({ ok: false, error: 'lesson "nope" not found' });
    const view = await lab.lesson('apply', 'en');
    expect(view.ok && { title: view.value.title, files: Object.keys(view.value.files), body: view.value.body.startsWith('\n# Deploy an app') || view.value.body.startsWith('# Deploy an app') })
      .toEqual({ title: 'Deploy an app with kubectl apply', files: ['web.yaml'], body: true });

    const events: LessonEvent[] = [];
    await lab.watchLessons('en', (event) => events.push(event));
    expect(await lab.control('startLesson', { id: 'apply' })).toMatchObject({ lesson: 'apply' });
    // The page hears of the start at once (before the answer), then of the grade.
    expect(events).toEqual([{ event: 'lesson-started', lesson: 'apply', checks: [] }]);
    events.length = 0;
    lab.gradeTick();
    expect(events.map((e) => [e.event, e.checks.filter((c) => c.passed).length])).toEqual([['check', 0]]);
    const files = view.ok ? view.value.files : {};
    expect((await lab.kubectl('kubectl apply -f web.yaml', files))).toEqual({ ok: true, value: { stdout: 'deployment.apps/web created\nservice/web created\n', stderr: '', exitCode: 0 } });
    await lab.step(60);
    lab.gradeTick();
    expect(events.map((e) => [e.event, e.lesson, e.checks.filter((c) => c.passed).length])).toEqual([
      ['check', 'apply', 0], ['check', 'apply', 4], ['lesson-complete', 'apply', 4],
    ]);
    expect(await lab.control('checks', { id: 'apply' })).toEqual(events[1].checks);
  }, 60_000);

  it('completes kubectl lines with the names of live objects', async () => {
    const lab = new LabService();
    expect(await lab.complete('k get deploy -n kube-system ', 28)).toEqual({ from: 28, items: ['coredns', 'metrics-server'] });
    expect(await lab.complete('kubectl rollout st', 18)).toEqual({ from: 16, items: ['status'] });
  }, 60_000);
});
