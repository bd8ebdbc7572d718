import { describe, expect, it, vi } from 'vitest';
import { readLessonBundle } from '../server/lessons.ts';
import { FirstAnswers } from './first-answers.ts';
import { buildLab, firstAnswerImageText } from './first-answer-image.ts';
import { LabFront } from './lab-front.ts';
import type { JournalEntry } from './protocol.ts';

const lessons = readLessonBundle();
const image = firstAnswerImageText(lessons);

/** A front for worker `name`, recording what it reports. */
function front(name: string): { front: LabFront; mismatches: string[]; marks: string[] } {
  const mismatches: string[] = [];
  const marks: string[] = [];
  const made = new LabFront({
    answers: () => FirstAnswers.forWorker(image, name),
    onMismatch: (line) => mismatches.push(line),
    mark: (stage) => marks.push(stage),
  });
  return { front: made, mismatches, marks };
}

/** Whether `promise` has settled by the end of the current microtasks. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true), () => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}

describe('LabFront', () => {
  it('answers a first get before the lab exists, then gives the lab the same read in its place', async () => {
    const { front: lab, mismatches, marks } = front('lesson=apply');
    const entries: JournalEntry[] = [];
    const recorded = lab.record((entry) => entries.push(entry));
    const early = lab.control('kubectl', { command: 'kubectl get pods -A' });
    const viaTerminal = lab.kubectl('kubectl get nodes');
    expect(await settled(early)).toBe(true);
    expect(await settled(viaTerminal)).toBe(true);
    expect(await settled(recorded)).toBe(false);
    expect(marks).toEqual(['first-answer']);
    expect(await early).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('kube-system          coredns-') });

    const service = buildLab(lessons, 'lesson=apply');
    lab.serve(service);
    await recorded;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(mismatches).toEqual([]);
    // The lab's journal has both reads, after its boot entry, as if it had answered them.
    expect(entries.map((entry) => ('command' in entry ? entry.command : entry.op))).toEqual(['reset', 'kubectl get pods -A', 'kubectl get nodes']);
    expect(await viaTerminal).toEqual(await service.kubectl('kubectl get nodes'));
  }, 60_000);

  it('keeps reads waiting behind a call that may change the lab, so that they see its effect', async () => {
    const { front: lab, marks } = front('lesson=apply');
    const created = lab.kubectl('kubectl create namespace team-a');
    const read = lab.kubectl('kubectl get namespace team-a -o name');
    const status = lab.control('status');
    expect(await settled(read)).toBe(false);
    lab.serve(buildLab(lessons, 'lesson=apply'));
    expect(await created).toEqual({ ok: true, value: { stdout: 'namespace/team-a created\n', stderr: '', exitCode: 0 } });
    expect(await read).toEqual({ ok: true, value: { stdout: 'namespace/team-a\n', stderr: '', exitCode: 0 } });
    expect(await status).toMatchObject({ pods: expect.any(Number), lesson: 'apply' });
    expect(marks).toEqual([]);
  }, 60_000);

  it('waits for the lab when the build shipped no image for this worker', async () => {
    const { front: lab } = front('lesson=scale');
    const read = lab.kubectl('kubectl get deploy');
    expect(await settled(read)).toBe(false);
    lab.serve(buildLab(lessons, 'lesson=scale'));
    expect(await read).toMatchObject({ ok: true, value: { stdout: expect.stringContaining('web ') } });
  }, 60_000);

  it('waits for the lab when the reader fails, and answers from the lab', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const lab = new LabFront({ answers: () => FirstAnswers.forWorker('{"names": [""', '') });
      const read = lab.kubectl('kubectl get ns default -o name');
      expect(await settled(read)).toBe(false);
      expect(error.mock.calls.map((call) => call[0])).toEqual(['kubelab: the first answers failed']);
      lab.serve(buildLab(lessons, ''));
      expect(await read).toEqual({ ok: true, value: { stdout: 'namespace/default\n', stderr: '', exitCode: 0 } });
    } finally {
      error.mockRestore();
    }
  }, 60_000);

  it('reports an early answer that the lab does not give', async () => {
    // The image is the playground's; this lab started the scale lesson, whose start adds a Deployment.
    const { front: lab, mismatches } = front('');
    const read = lab.kubectl('kubectl get deploy');
    expect(await read).toEqual({ ok: true, value: { stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 } });
    lab.serve(buildLab(lessons, 'lesson=scale'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(mismatches).toEqual(['kubectl get deploy']);
  }, 60_000);
});
