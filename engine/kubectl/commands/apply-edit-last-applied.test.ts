import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { KubectlSession } from '../session.ts';

const configMap = (name: string, value: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  v: "${value}"\n`;
const files = { 'alpha.yaml': configMap('alpha', '1'), 'beta.yaml': configMap('beta', '1'), 'gamma.yaml': configMap('gamma', '1') };

const header = `# Please edit the 'last-applied-configuration' annotations below.
# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.
#
`;
/** alpha's annotation as the editor shows it (apply wrote `annotations: {}`). */
const alphaBuffer = `${header}apiVersion: v1\ndata:\n  v: "1"\nkind: ConfigMap\nmetadata:\n  annotations: {}\n  name: alpha\n  namespace: default\n`;

/** An isolated cluster where alpha and beta were applied and gamma created (no annotation). */
function lab(editor?: (text: string) => string | undefined): KubectlSession {
  const session = new KubectlSession(new Cluster({ seed: 7, addons: false }), { deferEdits: !editor, ...(editor ? { editor } : {}) });
  for (const line of ['kubectl apply -f alpha.yaml', 'kubectl apply -f beta.yaml', 'kubectl create -f gamma.yaml']) expect(session.run(line, { files }).exitCode).toBe(0);
  return session;
}

const view = (session: KubectlSession, name: string): string => session.run(`kubectl apply view-last-applied cm ${name} -o json`).stdout;

describe('kubectl apply edit-last-applied', () => {
  it('edits the annotation alone, and prints the edited configuration', () => {
    const buffers: string[] = [];
    const session = lab((text) => {
      buffers.push(text);
      return text.replace('v: "1"', 'v: "5"');
    });
    expect(session.run('kubectl apply edit-last-applied cm alpha')).toEqual({ stdout: 'configmap/alpha edited\n', stderr: '', exitCode: 0 });
    expect(buffers).toEqual([alphaBuffer]);
    expect(view(session, 'alpha')).toContain('"v": "5"');
    expect(session.run('kubectl get cm alpha -o jsonpath={.data.v}').stdout).toBe('1');
  });

  it('edits several as a List, skips the unchanged one, and leaves out objects without the annotation', () => {
    const session = lab((text) => text.replace(/v: "1"\n(\s+kind: ConfigMap\n\s+metadata:\n\s+annotations: \{\}\n\s+name: beta)/, 'v: "7"\n$1'));
    expect(session.run('kubectl apply edit-last-applied cm alpha gamma beta')).toEqual({ stdout: 'configmap/alpha skipped\nconfigmap/beta edited\n', stderr: '', exitCode: 0 });
    expect(view(session, 'beta')).toContain('"v": "7"');
  });

  it.each([
    ['cm gamma', { stdout: '', exitCode: 1,
      stderr: 'error: no last-applied-configuration annotation found on resources, to create the annotation, use command `kubectl apply set-last-applied --create-annotation`\n' }],
    ['cm alpha -o name', { stdout: '', stderr: 'error: unable to match a printer suitable for the output format "name", allowed formats are: json,yaml\n', exitCode: 1 }],
    ['cm alpha nothere', { stdout: '', stderr: 'Error from server (NotFound): configmaps "nothere" not found\n', exitCode: 1 }],
  ])('refuses %s before the editor opens', (args, expected) => {
    const session = lab(() => {
      throw new Error('the editor must not open');
    });
    expect(session.run(`kubectl apply edit-last-applied ${args}`)).toEqual(expected);
  });

  it('reopens on a file that fails validation, with the reason under this mode\'s header', () => {
    const buffers: string[] = [];
    const session = lab((text) => {
      buffers.push(text);
      return text.replace('kind: ConfigMap', 'kind: [x');
    });
    expect(session.run('kubectl apply edit-last-applied cm alpha')).toEqual({
      stdout: '', exitCode: 1,
      stderr: 'error: configmaps "alpha" is invalid\nA copy of your changes has been stored to "/tmp/kubectl-edit-2.yaml"\nerror: Edit cancelled, no valid changes were saved.\n',
    });
    expect(buffers[1]).toBe(`${header}# configmaps "alpha" was not valid:\n# * <nil>: Invalid value: "The edited file failed validation": yaml: line 4: did not find expected ',' or ']'\n#\n`
      + alphaBuffer.slice(header.length).replace('kind: ConfigMap', 'kind: [x'));
  });

  it('waits for the lab\'s editor when edits are deferred', () => {
    const session = lab();
    expect(session.run('kubectl apply edit-last-applied cm/alpha -o json')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    const pending = session.pendingEdit()!;
    expect(pending.ext).toBe('.json');
    expect(pending.text).toBe('{\n    "apiVersion": "v1",\n    "data": {\n        "v": "1"\n    },\n    "kind": "ConfigMap",\n    "metadata": {\n'
      + '        "annotations": {},\n        "name": "alpha",\n        "namespace": "default"\n    }\n}\n');
    const finished = session.finishEdit(pending.text.replace('"v": "1"', '"v": "9"'));
    expect(finished.exitCode).toBe(0);
    expect(finished.stdout).toContain('"v": "9"');
    expect(view(session, 'alpha')).toContain('"v": "9"');
  });
});
