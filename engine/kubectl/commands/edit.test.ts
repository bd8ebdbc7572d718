import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { KubectlSession } from '../session.ts';

const header = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** An isolated cluster with a ConfigMap `swap` and a Deployment `web`, and a session that defers edits. */
function lab(options: { editor?: (text: string) => string | undefined } = {}): { cluster: Cluster; session: KubectlSession } {
  const cluster = new Cluster({ seed: 7, addons: false });
  const session = new KubectlSession(cluster, { deferEdits: !options.editor, ...options });
  for (const line of ['kubectl create configmap swap --from-literal=mode=fast', 'kubectl create deployment web --image=nginx:1.27 --replicas=2']) {
    expect(session.run(line).exitCode).toBe(0);
  }
  return { cluster, session };
}

const get = (session: KubectlSession, line: string): string => session.run(`kubectl get ${line}`).stdout;

describe('kubectl edit, deferred (the lab\'s editor)', () => {
  it('returns at once, holds the text, and finishes the same run with what was saved', () => {
    const { session } = lab();
    const uid = get(session, 'cm swap -o jsonpath={.metadata.uid}');
    const version = get(session, 'cm swap -o jsonpath={.metadata.resourceVersion}');
    expect(session.run('kubectl edit cm swap')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    const pending = session.pendingEdit();
    expect(pending).toEqual({
      text: `${header}apiVersion: v1\ndata:\n  mode: fast\nkind: ConfigMap\nmetadata:\n  creationTimestamp: "${get(session, 'cm swap -o jsonpath={.metadata.creationTimestamp}')}"\n`
        + `  name: swap\n  namespace: default\n  resourceVersion: "${version}"\n  uid: ${uid}\n`,
      fileName: '/tmp/kubectl-edit-1.yaml',
      ext: '.yaml',
    });
    expect(session.finishEdit(pending!.text.replace('mode: fast', 'mode: slow'))).toEqual({ stdout: 'configmap/swap edited\n', stderr: '', exitCode: 0 });
    expect(session.pendingEdit()).toBeUndefined();
    expect(get(session, 'cm swap -o jsonpath={.data.mode}')).toBe('slow');
    expect(session.finishEdit('anything')).toEqual({ stdout: '', stderr: 'kubelab: no kubectl edit is waiting for the editor\n', exitCode: 1 });
  });

  it.each([
    ['closed without saving', undefined, { stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 }],
    ['name changed', 'name: other', {
      stdout: '', stderr: 'A copy of your changes has been stored to "/tmp/kubectl-edit-1.yaml"\nerror: At least one of apiVersion, kind and name was changed\n', exitCode: 1,
    }],
  ])('ends the run when %s', (_, change, expected) => {
    const { session } = lab();
    session.run('kubectl edit cm swap');
    const text = session.pendingEdit()!.text;
    const saved = change === undefined || change.startsWith('#') ? change : text.replace('name: swap', change);
    expect(session.finishEdit(saved)).toEqual(expected);
    expect(session.pendingEdit()).toBeUndefined();
  });

  it.each([
    ['', '# nothing\n', '<nil>: Invalid value: "The edited file failed validation": invalid object to validate'],
    ['', 'apiVersion: a/b/c\nmetadata: {}\n', '<nil>: Invalid value: "The edited file failed validation": [unexpected GroupVersion string: a/b/c, kind not set]'],
  ])('validates the saved text first (strict): %j%j', (_, saved, cause) => {
    const { session } = lab();
    session.run('kubectl edit cm swap');
    expect(session.finishEdit(saved)).toEqual({ stdout: '', stderr: 'error: configmaps "swap" is invalid\n', exitCode: 0 });
    expect(session.pendingEdit()?.text).toBe(`${header}# configmaps "swap" was not valid:\n# * ${cause}\n#\n${saved.replace(/^#.*\n/, '')}`);
  });

  it('cancels an emptied file when validation is off', () => {
    const { session } = lab();
    session.run('kubectl edit cm swap --validate=false');
    expect(session.finishEdit('# nothing\n')).toEqual({ stdout: '', stderr: 'Edit cancelled, saved file was empty.\n', exitCode: 0 });
  });

  it('reopens an invalid edit with the reasons, then saves the fix', () => {
    const { session } = lab();
    session.run('kubectl edit deployment web');
    const first = session.pendingEdit()!;
    const invalid = first.text.replace('  replicas: 2\n  revisionHistoryLimit', '  replicas: -1\n  revisionHistoryLimit');
    expect(session.finishEdit(invalid)).toEqual({ stdout: '', stderr: 'error: deployments.apps "web" is invalid\n', exitCode: 0 });
    const reopened = session.pendingEdit()!;
    expect(reopened.fileName).toBe('/tmp/kubectl-edit-2.yaml');
    expect(reopened.text).toBe(`${header}# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n${invalid.slice(header.length)}`);
    expect(session.finishEdit(reopened.text.replace('replicas: -1', 'replicas: 4'))).toEqual({ stdout: 'deployment.apps/web edited\n', stderr: '', exitCode: 0 });
    expect(get(session, 'deploy web -o jsonpath={.spec.replicas}')).toBe('4');
  });

  it('reopens a file that does not parse (validation off), and says so when it is saved again unchanged', () => {
    const { session } = lab();
    session.run('kubectl edit cm swap --validate=false');
    expect(session.finishEdit(session.pendingEdit()!.text.replace('kind: ConfigMap', 'kind: [ConfigMap'))).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    const reopened = session.pendingEdit()!;
    expect(reopened.text).toMatch(/^# The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: yaml: line \d+: .*\n#\napiVersion: v1\n/m);
    expect(session.finishEdit(reopened.text)).toEqual({
      stdout: '', stderr: 'A copy of your changes has been stored to "/tmp/kubectl-edit-2.yaml"\nerror: Edit cancelled, no valid changes were saved.\n', exitCode: 1,
    });
  });

  it('patches from the objects first shown, so changes made meanwhile by others stay', () => {
    const { session } = lab();
    session.run('kubectl edit cm swap');
    const text = session.pendingEdit()!.text;
    expect(session.run('kubectl label cm swap team=blue').exitCode).toBe(0);
    expect(session.finishEdit(text.replace('mode: fast', 'mode: slow')).stdout).toBe('configmap/swap edited\n');
    expect(get(session, 'cm swap -o jsonpath={.data.mode},{.metadata.labels.team}')).toBe('slow,blue');
  });

  it('keeps a started command open until the edit ends, writing to its sink; Ctrl-C drops the edit', async () => {
    const { session } = lab();
    const chunks: string[] = [];
    const sink = { stdout: (c: string) => chunks.push(c), stderr: (c: string) => chunks.push(`E:${c}`) };
    const running = session.start('kubectl edit cm swap -o json', sink);
    expect(running.exitCode).toBeUndefined();
    const pending = session.pendingEdit()!;
    expect([pending.fileName, pending.text.startsWith('{\n    "apiVersion": "v1",')]).toEqual(['/tmp/kubectl-edit-1.json', true]);
    session.finishEdit(pending.text.replace('"mode": "fast"', '"mode": "json"'));
    expect(await running.exited).toBe(0);
    expect(chunks.join('')).toMatch(/^\{\n {4}"apiVersion": "v1",\n {4}"data": \{\n {8}"mode": "json"\n/);
    const cancelled = session.start('kubectl edit cm swap', sink);
    cancelled.cancel();
    expect([await cancelled.exited, session.pendingEdit()]).toEqual([130, undefined]);
  });
});

describe('kubectl edit with a synchronous editor', () => {
  it('edits several objects in one List and prints each result', () => {
    const seen: string[] = [];
    const { session } = lab({ editor: (text) => (seen.push(text), text.replace('mode: fast', 'mode: both')) });
    expect(session.run('kubectl edit cm/swap deploy/web --output-patch')).toEqual({
      stdout: 'Patch: {"data":{"mode":"both"}}\nconfigmap/swap edited\ndeployment.apps/web skipped\n', stderr: '', exitCode: 0,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n {2}data:\n/m);
    expect(seen[0]).toMatch(/\nkind: List\nmetadata: \{\}\n$/);
  });

  it.each([
    ['kubectl edit cm swap nothere', 'Error from server (NotFound): configmaps "nothere" not found\n'],
    ['kubectl edit cm swap -o wide', 'error: unable to match a printer suitable for the output format "wide", allowed formats are: json,yaml\n'],
  ])('%s', (line, stderr) => {
    const { session } = lab({ editor: (text) => text.replace('mode: fast', 'mode: lost') });
    expect(session.run(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
    expect(get(session, 'cm swap -o jsonpath={.data.mode}')).toBe('fast');
  });

  it('says there is no editor when the session has none', () => {
    const session = new KubectlSession(new Cluster({ seed: 7, addons: false }));
    expect(session.run('kubectl edit ns default')).toEqual({
      stdout: '', stderr: 'error: kubelab: no editor is attached to this terminal; use kubectl apply or kubectl patch\n', exitCode: 1,
    });
  });
});

describe('kubectl edit TYPE (no name): every object of the type, as ResourceTypeOrNameArgs(true) selects them', () => {
  const usage = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
`;

  it.each([
    ['kubectl edit configmaps', 'configmap/kube-root-ca.crt skipped\nconfigmap/swap edited\n', 2],
    ['kubectl edit cm,deploy', 'configmap/kube-root-ca.crt skipped\nconfigmap/swap edited\ndeployment.apps/web skipped\n', 3],
  ])('%s opens one List with every object of the namespace and patches the changed ones', (line, stdout, items) => {
    const seen: string[] = [];
    const { session } = lab({ editor: (text) => (seen.push(text), text.replace('mode: fast', 'mode: all')) });
    session.run('kubectl create cm other -n kube-public --from-literal=mode=fast');
    expect(session.run(line)).toEqual({ stdout, stderr: '', exitCode: 0 });
    expect([seen.length, (seen[0].match(/^- apiVersion:/gm) ?? []).length, seen[0].includes('namespace: kube-public')]).toEqual([1, items, false]);
    expect(get(session, 'cm swap -o jsonpath={.data.mode}')).toBe('all');
  });

  it.each([
    ['kubectl edit', usage],
    ['kubectl edit secrets', 'error: edit cancelled, no objects found\n'],
    ['kubectl edit cm/swap deploy', "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n"],
  ])('%s', (line, stderr) => {
    const { session } = lab({ editor: (text) => text });
    expect(session.run(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });
});
