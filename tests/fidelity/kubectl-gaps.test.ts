/**
 * Fidelity of four kubectl 1.32 verbs and flags the emulator used to get wrong: `edit --record`
 * (the change cause), `logs --since-time` (Go's RFC 3339 parse errors), `certificate approve|deny`
 * and `plugin` / `plugin list` (no plugins on the PATH). Each scenario runs on twin labs from the
 * same seed, the real kubectl 1.32 against one and the emulator against the other; every command's
 * stdout, stderr and exit code, the editor's text, and the objects afterwards must be identical.
 * The decided-CSR scenarios seed their decisions through the API as JSON, on both labs alike; the
 * last test has the real kubectl approve a pending CSR itself (its PUT to /approval is protobuf).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KubectlSession } from '../../engine/kubectl/index.ts';
import { kubectlPath, noKubectlMessage, splitArgs, type RealKubectl } from '../support/kubectl.ts';
import { advance, resetCluster } from '../support/scenario.ts';
import { compareObjects, realEditor, realEditorTexts, runReal, useTwinLabs } from './twin-labs.ts';

/** One command line; `edit` makes both editors replace the first match of FROM with TO on each line. */
interface Step {
  line: string;
  edit?: [string, string];
  /** The real kubectl's environment (the emulator has no PATH to search). */
  env?: Record<string, string>;
  advance?: number;
}

interface Scenario {
  name: string;
  files?: Record<string, string>;
  /** Run on both labs before the steps, through the API (as JSON). */
  setup?: (lab: RealKubectl) => void;
  steps: (string | Step)[];
  /** `TYPE NAME` whose `-o yaml` must be identical on both labs afterwards. */
  objects: string[];
}

const csr = (name: string): string => `apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: ${name}
spec:
  request: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K
  signerName: kubernetes.io/kube-apiserver-client
  usages:
  - client auth
`;

const csrPath = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
const headers = { 'content-type': 'application/json', accept: 'application/json' };

/** What `kubectl certificate approve|deny` would PUT to /approval, sent as JSON with a fixed lastUpdateTime. */
function decide(lab: RealKubectl, name: string, type: 'Approved' | 'Denied'): void {
  const cluster = lab.lab.control.cluster;
  const current = cluster.handle({ method: 'GET', path: `${csrPath}/${name}`, headers, query: {} }).body as Record<string, unknown>;
  const [reason, message] = type === 'Approved'
    ? ['KubectlApprove', 'This CSR was approved by kubectl certificate approve.']
    : ['KubectlDeny', 'This CSR was denied by kubectl certificate deny.'];
  const condition = { type, status: 'True', reason, message, lastUpdateTime: '2026-01-01T00:00:00Z' };
  const response = cluster.handle({ method: 'PUT', path: `${csrPath}/${name}/approval`, headers, query: {}, body: { ...current, status: { conditions: [condition] } } });
  if (response.status !== 200) throw new Error(`seeding ${type} on ${name}: ${JSON.stringify(response.body)}`);
}

const noPlugins = { PATH: '/nonexistent' };

const scenarios: Scenario[] = [
  {
    name: 'edit --record writes the command line as the change cause',
    steps: [
      'create cm one --from-literal=a=1', 'create cm two --from-literal=b=1',
      { line: 'edit cm one --record', edit: ['a: "1"', 'a: "2"'] },
      { line: 'edit cm one two --record -n default', edit: ['a: "2"', 'a: "3"'] },
      { line: 'edit cm/one --record=false', edit: ['a: "3"', 'a: "4"'] },
      { line: 'edit cm one --save-config --record --output-patch', edit: ['a: "4"', 'a: "5"'] },
      { line: 'edit cm two --record', edit: ['nothing', 'x'] },
    ],
    objects: ['configmap one', 'configmap two'],
  },
  {
    name: 'logs --since-time',
    steps: [
      { line: 'run solo --image=nginx', advance: 30 },
      'logs --since-time=garbage', 'logs nosuch --since-time=garbage', 'logs solo --since-time=garbage --since=1h', 'logs solo --since-time=2024-01-01',
      'logs solo --since-time=2024-13-01T00:00:00Z', 'logs solo --since-time=2023-02-29T00:00:00Z', 'logs solo --since-time=2024-01-01T00:00:00+0100',
      'logs solo --since-time=2024-01-01T00:00:00Zjunk', 'logs solo --since-time=2024-01-01T00:00:00Z --since=1h',
      'logs solo --since-time=2020-01-01T1:00:00+01:00', 'logs solo --since-time=2099-01-01T00:00:00.5Z',
    ],
    objects: [],
  },
  {
    name: 'certificate: help, usage errors and missing CSRs',
    files: { 'jane.yaml': csr('jane') },
    steps: [
      'certificate', 'certificate foo', 'certificate --help', 'certificate approve --help', 'certificate deny --help', 'certificate approve',
      'certificate deny', 'certificate approve nosuch', 'certificate approve nosuch csr/other', 'certificate approve --bogus',
      'certificate approve jane -o wide', 'certificate approve -f jane.yaml jane', 'certificate approve -f jane.yaml',
    ],
    objects: [],
  },
  {
    name: 'certificate: decided CSRs, get csr, and already-approved or -denied answers',
    files: { 'jane.yaml': csr('jane'), 'bob.yaml': csr('bob'), 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm1\n' },
    setup: (lab) => {
      decide(lab, 'jane', 'Approved');
      decide(lab, 'bob', 'Denied');
    },
    steps: [
      'get csr', 'certificate approve jane', 'certificate approve csr/jane -o name', 'certificate approve -f jane.yaml -o yaml',
      'certificate deny jane', 'certificate deny jane --force', 'certificate approve bob', 'certificate deny bob', 'certificate approve jane nosuch',
      'certificate deny jane bob nosuch', 'certificate approve -f cm.yaml', 'get csr',
    ],
    objects: ['csr jane', 'csr bob'],
  },
  {
    name: 'plugin with no plugins on the PATH',
    steps: ['plugin', 'plugin list', 'plugin list --name-only', 'plugin foo', 'plugin --help', 'plugin list --help', 'plugin list --bogus']
      .map((line) => ({ line, env: noPlugins })),
    objects: [],
  },
];

/** Reset both labs, create the scenario's files' objects where asked, run every step on both sides, and list the differences. */
async function compare(real: RealKubectl, twin: RealKubectl, scenario: Scenario): Promise<string[]> {
  resetCluster(real);
  resetCluster(twin);
  const files = scenario.files ?? {};
  const home = dirname(real.workdir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(real.workdir, name), content);
  let edit: [string, string] = ['', ''];
  let buffers: string[] = [];
  const editor = (text: string): string => {
    buffers.push(text);
    return text.split('\n').map((line) => line.replace(edit[0], edit[1])).join('\n');
  };
  const session = new KubectlSession(twin.lab.control.cluster, { server: twin.lab.url, now: () => Date.now(), editor });
  if (scenario.setup) {
    // The CSRs are created the same way on both labs first, so their names, uids and versions agree.
    for (const name of Object.keys(files).filter((file) => files[file].includes('CertificateSigningRequest'))) {
      for (const lab of [real, twin]) {
        const created = await runReal(dirname(lab.workdir), ['create', '-f', join(real.workdir, name)]);
        if (created.exitCode !== 0) throw new Error(created.stderr);
      }
    }
    for (const lab of [real, twin]) scenario.setup(lab);
  }
  const differences: string[] = [];
  for (const raw of scenario.steps) {
    const step = typeof raw === 'string' ? { line: raw } : raw;
    const args = splitArgs(step.line);
    const env = { ...step.env };
    if (step.edit) {
      edit = step.edit;
      buffers = [];
      Object.assign(env, realEditor(real.workdir, step.edit));
    }
    const expected = await runReal(home, args, env);
    const actual = session.kubectl(args, { files });
    // kubectl edit's temporary files have random names (the emulator numbers them).
    for (const result of [expected, actual]) result.stderr = result.stderr.replace(/\S*\/kubectl-edit-\d+\.(yaml|json)/g, '<tmp>/kubectl-edit-N.$1');
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      differences.push(`kubectl ${step.line}\n  real:     ${JSON.stringify(expected)}\n  emulator: ${JSON.stringify(actual)}`);
    }
    if (step.edit) {
      const realBuffers = realEditorTexts(real.workdir);
      if (JSON.stringify(realBuffers) !== JSON.stringify(buffers)) {
        differences.push(`kubectl ${step.line}: the editor's text\n  real:     ${JSON.stringify(realBuffers)}\n  emulator: ${JSON.stringify(buffers)}`);
      }
    }
    if (step.advance) for (const lab of [real, twin]) advance(lab, step.advance);
  }
  differences.push(...(await compareObjects(real, twin, scenario.objects)));
  return differences;
}

describe.skipIf(!kubectlPath)('kubectl emulator fidelity: edit --record, logs --since-time, certificate, plugin', () => {
  const labs = useTwinLabs();

  it.each(scenarios)('$name', async (scenario) => {
    expect((await compare(labs.real, labs.twin, scenario)).join('\n')).toBe('');
  }, 120_000);

  it('approving a pending CSR: the emulator\'s answer and object match a real-API approval', async () => {
    const { real, twin } = labs;
    const scenario: Scenario = { name: 'approve', files: { 'ann.yaml': csr('ann') }, setup: () => {}, steps: [], objects: [] };
    await compare(real, twin, scenario);
    // The real side gets the condition as kubectl would PUT it (as JSON); the emulator runs the verb.
    decide(real, 'ann', 'Approved');
    const session = new KubectlSession(twin.lab.control.cluster, { server: twin.lab.url, now: () => Date.parse('2026-01-01T00:00:00Z') });
    expect(session.kubectl(['certificate', 'approve', 'ann'])).toEqual({ stdout: 'certificatesigningrequest.certificates.k8s.io/ann approved\n', stderr: '', exitCode: 0 });
    for (const args of [['get', 'csr'], ['get', 'csr', 'ann', '-o', 'yaml']]) {
      const [expected, actual] = await Promise.all([runReal(dirname(real.workdir), args), runReal(dirname(twin.workdir), args)]);
      expect(actual).toEqual(expected);
    }
  }, 60_000);

  it('the real kubectl approves a pending CSR against the lab as the emulator does', async () => {
    const { real, twin } = labs;
    const differences = await compare(real, twin, {
      name: 'approve pending', files: { 'ann.yaml': csr('ann') }, setup: () => {}, steps: ['certificate approve ann', 'certificate deny ann'], objects: [],
    });
    expect(differences.join('\n')).toBe('');
  }, 60_000);
});

if (!kubectlPath) console.warn(noKubectlMessage);
