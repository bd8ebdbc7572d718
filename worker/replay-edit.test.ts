import { describe, expect, it } from 'vitest';
import { LabService } from './lab-service.ts';
import type { Journal, JournalEntry, KubectlAnswer, Result } from './protocol.ts';
import { isEditLine, noEditWaiting } from './replay-edit.ts';

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n';

const header = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

function value<T = KubectlAnswer>(answer: Result<T>): T {
  if (!answer.ok) throw new Error(answer.error);
  return answer.value;
}

/** A lab with the Deployment `web` applied, recording its journal. */
async function labWithWeb(): Promise<{ lab: LabService; entries: JournalEntry[] }> {
  const lab = new LabService({ seed: 5 });
  const entries: JournalEntry[] = [];
  await lab.record((entry) => entries.push(entry));
  value(await lab.kubectl('kubectl apply -f web.yaml', { 'web.yaml': deployment }));
  await lab.step(10);
  return { lab, entries };
}

/** What a learner compares after a restore: the Deployment and its pods, with names and nodes. */
async function picture(lab: LabService): Promise<string> {
  const deploy = value(await lab.kubectl('kubectl get deploy web -o jsonpath={.spec.replicas}/{.metadata.generation}/{.metadata.resourceVersion}'));
  const pods = value(await lab.kubectl('kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,PHASE:.status.phase'));
  return `${deploy.stdout}\n${pods.stdout}`;
}

describe('isEditLine', () => {
  it.each([
    ['kubectl edit deployment web', true],
    ['k edit deploy/web -o json', true],
    ['kubectl -n kube-system edit cm coredns', true],
    ['kubectl --namespace=default edit cm x', true],
    ['kubectl get deploy web', false],
    ['kubectl apply edit-last-applied', false],
    ['kubectl edit deploy web | grep x', false],
    ['edit deploy web', false],
  ])('%s → %s', (line, expected) => {
    expect(isEditLine(line)).toBe(expected);
  });
});

describe('kubectl edit from the terminal', () => {
  it('opens the buffer, reopens an invalid save with the reasons, saves the fix, and a replay gives the same cluster', async () => {
    const { lab, entries } = await labWithWeb();
    const opened = value(await lab.kubectl('kubectl edit deployment web'));
    expect({ ...opened, edit: { ...opened.edit, text: '' } }).toEqual({ stdout: '', stderr: '', exitCode: 0, edit: { text: '', fileName: '/tmp/kubectl-edit-1.yaml', ext: '.yaml' } });
    expect(opened.edit?.text.startsWith(`${header}apiVersion: apps/v1\nkind: Deployment\n`)).toBe(true);
    await lab.step(3); // the learner types for a while; the cluster moves on

    const invalid = opened.edit!.text.replace(/\n {2}replicas: 2\n/, '\n  replicas: -1\n');
    const reopened = value(await lab.finishEdit(invalid));
    expect(reopened.stderr).toBe('error: deployments.apps "web" is invalid\n');
    expect(reopened.edit?.fileName).toBe('/tmp/kubectl-edit-2.yaml');
    expect(reopened.edit?.text).toBe(`${header}# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n${invalid.slice(header.length)}`);

    await lab.step(2);
    const saved = value(await lab.finishEdit(reopened.edit!.text.replace('replicas: -1', 'replicas: 4')));
    expect(saved).toEqual({ stdout: 'deployment.apps/web edited\n', stderr: '', exitCode: 0 });
    expect(await lab.finishEdit('anything')).toEqual({ ok: false, error: noEditWaiting });
    for (let i = 0; i < 20; i++) await lab.step(1);

    expect(entries.map((e) => e.op)).toEqual(['kubectl', 'edit', 'edit-save', 'edit-save']);
    const before = await picture(lab);
    expect(before).toMatch(/^4\/2\//);
    const restored = new LabService();
    const journal: Journal = { seed: 5, entries, time: Date.parse('2026-01-01T00:00:35Z') };
    expect(value(await restored.replay(JSON.parse(JSON.stringify(journal)) as Journal)).time).toBe('2026-01-01T00:00:35Z');
    expect(await picture(restored)).toBe(before);
  });

  it.each([
    ['closed without saving', null, { stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 }],
    ['saved unchanged', 'unchanged', { stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 }],
  ])('ends when %s', async (_, text, expected) => {
    const { lab } = await labWithWeb();
    const opened = value(await lab.kubectl('k edit deploy web'));
    expect(value(await lab.finishEdit(text === 'unchanged' ? opened.edit!.text : text))).toEqual(expected);
  });

  it('edits in the namespace of the current context, and prints kubectl\'s errors', async () => {
    const { lab } = await labWithWeb();
    value(await lab.kubectl('kubectl create namespace team'));
    value(await lab.kubectl('kubectl config set-context --current --namespace=team'));
    expect(value(await lab.kubectl('kubectl edit deployment web'))).toEqual({
      stdout: '', stderr: 'Error from server (NotFound): deployments.apps "web" not found\n', exitCode: 1,
    });
    expect(value(await lab.kubectl('kubectl edit deployment web -n default -o json')).edit?.fileName).toBe('/tmp/kubectl-edit-1.json');
  });

  it('drops an edit on Ctrl-C, and one still open when the worker restarted', async () => {
    const { lab, entries } = await labWithWeb();
    value(await lab.kubectl('kubectl edit deployment web'));
    await lab.cancelEdit();
    expect(await lab.finishEdit(null)).toEqual({ ok: false, error: noEditWaiting });

    value(await lab.kubectl('kubectl edit deployment web'));
    const restored = new LabService();
    value(await restored.replay({ seed: 5, entries: JSON.parse(JSON.stringify(entries)) as JournalEntry[] }));
    expect(await restored.finishEdit(null)).toEqual({ ok: false, error: noEditWaiting });
  });
});
