import { describe, expect, it } from 'vitest';
import type { EditBuffer, KubectlAnswer, Result } from '../../worker/protocol.ts';
import { editLostToRestart, EditHandoff, followEdit, type EditorOutcome } from './kubectl-edit.ts';

const buffer = (n: number, text = 'replicas: 2\n'): EditBuffer => ({ text, fileName: `/tmp/kubectl-edit-${n}.yaml`, ext: '.yaml' });
const answer = (stdout: string, stderr = '', edit?: EditBuffer, exitCode = 0): Result<KubectlAnswer> => ({ ok: true, value: { stdout, stderr, exitCode, ...(edit ? { edit } : {}) } });

/** A run of the loop: the learner's outcomes in order, the worker's answers to each save, what happened. */
async function run(outcomes: EditorOutcome[], answers: Result<KubectlAnswer>[]): Promise<{ code: number; log: string[] }> {
  const log: string[] = [];
  const code = await followEdit({ stdout: '', stderr: '', exitCode: 0, edit: buffer(1) }, {
    finishEdit: async (text) => (log.push(`finish ${JSON.stringify(text)}`), answers.shift()!),
    cancelEdit: async () => void log.push('cancel'),
    openEditor: async (shown) => (log.push(`open ${shown.fileName}`), outcomes.shift()!),
    write: (text) => void log.push(`write ${JSON.stringify(text)}`),
  });
  return { code, log };
}

describe('followEdit', () => {
  it.each<[string, EditorOutcome[], Result<KubectlAnswer>[], number, string[]]>([
    ['saved', [{ kind: 'saved', text: 'replicas: 4\n' }], [answer('deployment.apps/web edited\n')], 0,
      ['open /tmp/kubectl-edit-1.yaml', 'finish "replicas: 4\\n"', 'write "deployment.apps/web edited\\n"']],
    ['closed', [{ kind: 'closed' }], [answer('', 'Edit cancelled, no changes made.\n')], 0,
      ['open /tmp/kubectl-edit-1.yaml', 'finish null', 'write "Edit cancelled, no changes made.\\n"']],
    ['reopened after an invalid save, then fixed',
      [{ kind: 'saved', text: 'replicas: -1\n' }, { kind: 'saved', text: 'replicas: 3\n' }],
      [answer('', 'error: deployments.apps "web" is invalid\n', buffer(2, '# * spec.replicas: Invalid value: -1\n')), answer('deployment.apps/web edited\n')], 0,
      ['open /tmp/kubectl-edit-1.yaml', 'finish "replicas: -1\\n"', 'write "error: deployments.apps \\"web\\" is invalid\\n"',
        'open /tmp/kubectl-edit-2.yaml', 'finish "replicas: 3\\n"', 'write "deployment.apps/web edited\\n"']],
    ['failed for good', [{ kind: 'saved', text: 'name: other\n' }], [answer('', 'error: At least one of apiVersion, kind and name was changed\n', undefined, 1)], 1,
      ['open /tmp/kubectl-edit-1.yaml', 'finish "name: other\\n"', 'write "error: At least one of apiVersion, kind and name was changed\\n"']],
    ['interrupted by Ctrl-C', [{ kind: 'interrupted' }], [], 130, ['open /tmp/kubectl-edit-1.yaml', 'write "^C\\n"', 'cancel']],
    ['lost to a restarted worker', [{ kind: 'restarted' }], [], 1, ['open /tmp/kubectl-edit-1.yaml', `write ${JSON.stringify(editLostToRestart)}`]],
    ['refused by the worker', [{ kind: 'saved', text: 'x' }], [{ ok: false, error: 'kubelab: the edit was not saved' }], 1,
      ['open /tmp/kubectl-edit-1.yaml', 'finish "x"', 'write "kubelab: the edit was not saved\\n"']],
  ])('%s', async (_, outcomes, answers, code, log) => {
    expect(await run(outcomes, answers)).toEqual({ code, log });
  });
});

describe('EditHandoff', () => {
  it('shows one buffer at a time and ends the wait once', async () => {
    const shown: (string | undefined)[] = [];
    const handoff = new EditHandoff((b) => shown.push(b?.fileName));
    const first = handoff.open(buffer(1));
    expect(handoff.waiting).toBe(true);
    const second = handoff.open(buffer(2)); // the first is taken away
    handoff.settle({ kind: 'saved', text: 'a' });
    handoff.settle({ kind: 'closed' }); // nothing waits any more
    expect([await first, await second, handoff.waiting, handoff.buffer]).toEqual([{ kind: 'interrupted' }, { kind: 'saved', text: 'a' }, false, undefined]);
    expect(shown).toEqual(['/tmp/kubectl-edit-1.yaml', undefined, '/tmp/kubectl-edit-2.yaml', undefined]);
  });
});
