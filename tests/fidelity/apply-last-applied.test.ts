/**
 * Fidelity of `kubectl apply view-last-applied`, `set-last-applied` and `edit-last-applied`: each
 * scenario runs on twin labs from the same seed, the real kubectl 1.32 against one and the emulator
 * against the other. Every command's stdout, stderr and exit code, the text each editor was given,
 * and the objects (with their annotations) afterwards must be identical.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KubectlSession } from '../../engine/kubectl/index.ts';
import { kubectlPath, noKubectlMessage, splitArgs } from '../support/kubectl.ts';
import { resetCluster } from '../support/scenario.ts';
import { compareObjects, runReal, useTwinLabs } from './twin-labs.ts';

/** One command, and for an edit the `sed 's/FROM/TO/'` the editor applies to the first match on each line. */
interface Step {
  line: string;
  edit?: [string, string];
}

interface EditScenario {
  name: string;
  files?: Record<string, string>;
  steps: (string | Step)[];
  /** `TYPE NAME` whose `-o yaml` must be identical on both labs afterwards. */
  objects: string[];
}

const configMap = (name: string, data: string, extra = ''): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels:\n    app: demo\n${extra}data:\n  ${data}\n`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

const files: Record<string, string> = {
  'alpha.yaml': configMap('alpha', 'a: "1"'),
  'alpha2.yaml': configMap('alpha', 'a: "2"'),
  'beta.yaml': configMap('beta', 'b: "1"'),
  'gamma.yaml': configMap('gamma', 'c: "1"'),
  'ghost.yaml': configMap('ghost', 'g: "1"'),
  'odd.yaml': configMap('odd', 'text: "<a & b>"', '  annotations:\n    note: "1.50"\n'),
  'web.yaml': deployment,
  'both.yaml': `${configMap('alpha', 'a: "3"')}---\n${configMap('beta', 'b: "3"')}`,
  'empty.yaml': '',
  'public.yaml': configMap('pub', 'p: "1"').replace('  name: pub\n', '  name: pub\n  namespace: kube-public\n'),
};

const scenarios: EditScenario[] = [
  {
    name: 'view-last-applied',
    steps: [
      'apply -f alpha.yaml', 'apply -f beta.yaml', 'create -f gamma.yaml', 'apply -f web.yaml', 'apply -f odd.yaml',
      'apply view-last-applied configmap alpha', 'apply view-last-applied cm/alpha -o json', 'apply view-last-applied cm alpha beta',
      'apply view-last-applied cm -l app=demo', 'apply view-last-applied cm --all -o json', 'apply view-last-applied cm gamma',
      'apply view-last-applied cm alpha gamma beta', 'apply view-last-applied -f alpha.yaml -f beta.yaml -o json',
      'apply view-last-applied -f gamma.yaml', 'apply view-last-applied -f both.yaml', 'apply view-last-applied deploy web',
      'apply view-last-applied deployment.apps/web -o json', 'apply view-last-applied cm odd', 'apply view-last-applied cm odd -o json',
      'apply view-last-applied cm alpha -o name', 'apply view-last-applied cm gamma -o name', 'apply view-last-applied',
      'apply view-last-applied cm', 'apply view-last-applied cm nothere', 'apply view-last-applied cm alpha nothere',
      'apply view-last-applied -f ghost.yaml', 'apply view-last-applied nosuchkind x', 'apply view-last-applied cm -l app=none',
      'apply view-last-applied -n kube-system cm alpha', 'apply view-last-applied -f empty.yaml',
    ],
    objects: [],
  },
  {
    name: 'set-last-applied',
    steps: [
      'apply -f alpha.yaml', 'create -f gamma.yaml', 'apply -f web.yaml', 'apply -f odd.yaml',
      'apply set-last-applied -f alpha.yaml', 'apply set-last-applied -f alpha.yaml', 'apply set-last-applied -f alpha2.yaml',
      'apply view-last-applied cm alpha -o json', 'apply set-last-applied -f gamma.yaml', 'apply set-last-applied -f gamma.yaml --create-annotation',
      'apply set-last-applied -f ghost.yaml', 'apply set-last-applied -f ghost.yaml --create-annotation', 'apply set-last-applied -f alpha.yaml --dry-run=client',
      'apply set-last-applied -f alpha.yaml --dry-run=server -o name', 'apply set-last-applied -f alpha.yaml -o name',
      'apply set-last-applied -f alpha2.yaml -o yaml --dry-run=client', 'apply set-last-applied -f alpha2.yaml -o json --dry-run=server',
      'apply set-last-applied -f web.yaml', 'apply set-last-applied -f odd.yaml', 'apply view-last-applied cm odd -o json',
      'apply set-last-applied -f both.yaml', 'apply set-last-applied', 'apply set-last-applied cm alpha',
      'apply set-last-applied -f alpha.yaml -o wide', 'apply set-last-applied -f alpha.yaml --dry-run=maybe', 'apply set-last-applied -f empty.yaml',
      'apply view-last-applied cm alpha beta gamma', 'apply set-last-applied -f alpha.yaml -f ghost.yaml -f alpha2.yaml',
      // An object in another namespace than the command's.
      'apply -f public.yaml', 'apply set-last-applied -f public.yaml --create-annotation', 'apply set-last-applied -f public.yaml -n kube-public',
    ],
    objects: ['configmap alpha --show-managed-fields', 'configmap gamma', 'configmap odd', 'deployment web', 'configmap pub -n kube-public'],
  },
  {
    name: 'edit-last-applied',
    steps: [
      'apply -f alpha.yaml', 'apply -f beta.yaml', 'create -f gamma.yaml', 'apply -f web.yaml',
      { line: 'apply edit-last-applied cm alpha', edit: ['a: "1"', 'a: "5"'] },
      'apply view-last-applied cm alpha',
      { line: 'apply edit-last-applied cm alpha beta', edit: ['b: "1"', 'b: "7"'] },
      { line: 'apply edit-last-applied cm gamma', edit: ['x', 'y'] },
      { line: 'apply edit-last-applied cm gamma alpha -o json', edit: ['"5"', '"6"'] },
      { line: 'apply edit-last-applied cm/alpha', edit: ['nomatch', 'y'] },
      { line: 'apply edit-last-applied cm alpha -o yaml', edit: ['name: alpha', 'name: other'] },
      { line: 'apply edit-last-applied cm alpha', edit: ['kind: ConfigMap', 'kind: [x'] },
      { line: 'apply edit-last-applied cm', edit: ['a: "6"', 'a: "8"'] },
      { line: 'apply edit-last-applied deploy web -o name', edit: ['replicas: 2', 'replicas: 3'] },
      { line: 'apply edit-last-applied -f web.yaml', edit: ['nginx:1.27', 'nginx:1.28'] },
      { line: 'apply edit-last-applied cm nothere', edit: ['x', 'y'] },
      { line: 'apply edit-last-applied cm alpha', edit: ['.*', ''] },
      { line: 'apply edit-last-applied -f empty.yaml', edit: ['x', 'y'] }, { line: 'apply edit-last-applied cm alpha --validate=maybe', edit: ['x', 'y'] },
      'apply edit-last-applied', 'apply view-last-applied cm alpha beta', 'apply view-last-applied deploy web',
    ],
    objects: ['configmap alpha --show-managed-fields', 'configmap beta', 'configmap gamma', 'deployment web --show-managed-fields'],
  },
  {
    name: 'help texts',
    steps: ['apply view-last-applied --help', 'apply set-last-applied --help', 'apply edit-last-applied --help', 'apply --help'],
    objects: [],
  },
];

describe.skipIf(!kubectlPath)('kubectl emulator fidelity: apply view-, set- and edit-last-applied', () => {
  const labs = useTwinLabs();

  it.each(scenarios)('$name', async (scenario) => {
    const { real, twin } = labs;
    resetCluster(real);
    resetCluster(twin);
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(real.workdir, name)), { recursive: true });
      writeFileSync(join(real.workdir, name), content);
    }
    let edit: [string, string] = ['', ''];
    let buffers: string[] = [];
    // As the script's `sed 's/FROM/TO/'` does: the first match on every line.
    const editor = (text: string): string => {
      buffers.push(text);
      return text.split('\n').map((line) => line.replace(new RegExp(edit[0]), edit[1])).join('\n');
    };
    const session = new KubectlSession(twin.lab.control.cluster, { server: twin.lab.url, now: () => Date.now(), editor });
    const bufferFile = join(real.workdir, 'buffers.txt');
    const differences: string[] = [];
    for (const raw of scenario.steps) {
      const step = typeof raw === 'string' ? { line: raw } : raw;
      const args = splitArgs(step.line);
      if (step.edit) {
        edit = step.edit;
        buffers = [];
        // Each opening of the editor is kept (edit.sh appends it to buffers.txt, NUL-separated).
        writeFileSync(bufferFile, '');
        writeFileSync(join(real.workdir, 'edit.sh'), `#!/bin/sh\ncat "$1" >> ${bufferFile}\nprintf '\\0' >> ${bufferFile}\nsed -i 's/${step.edit[0]}/${step.edit[1]}/' "$1"\n`);
      }
      // Without an edit step the editor must not be needed; `true` leaves the file as it was.
      const env = { KUBE_EDITOR: step.edit ? `sh ${join(real.workdir, 'edit.sh')}` : 'true' };
      const expected = await runReal(dirname(real.workdir), args, env);
      const actual = session.kubectl(args, { files });
      // kubectl's temporary files have random names (the emulator numbers them).
      for (const result of [expected, actual]) result.stderr = result.stderr.replace(/\S*\/kubectl-edit-\d+\.(yaml|json)/g, '<tmp>/kubectl-edit-N.$1');
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        differences.push(`kubectl ${step.line}\n  real:     ${JSON.stringify(expected)}\n  emulator: ${JSON.stringify(actual)}`);
      }
      if (step.edit) {
        const realBuffers = readFileSync(bufferFile, 'utf8').split('\0').slice(0, -1);
        if (JSON.stringify(realBuffers) !== JSON.stringify(buffers)) {
          differences.push(`kubectl ${step.line}: the editor's text\n  real:     ${JSON.stringify(realBuffers)}\n  emulator: ${JSON.stringify(buffers)}`);
        }
      }
    }
    differences.push(...(await compareObjects(real, twin, scenario.objects)));
    expect(differences.join('\n')).toBe('');
  }, 180_000);
});

if (!kubectlPath) console.warn(noKubectlMessage);
