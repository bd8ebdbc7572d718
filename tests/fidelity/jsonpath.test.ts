/**
 * Real kubectl 1.32 `get -o jsonpath=…` against `kubelab serve`, compared with `evaluateJsonPath`
 * over the `-o json --show-managed-fields` output of the same command: the JSONPath printer sees the
 * object before kubectl strips managedFields (error messages dump it whole).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, startRealKubectl, type RealKubectl } from '../support/kubectl.ts';
import { evaluateJsonPath } from '../../engine/kubectl/jsonpath/index.ts';

const manifests = `apiVersion: v1
kind: ConfigMap
metadata: {name: alpha, labels: {app: web}}
data: {mode: prod, level: "3"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: beta, labels: {app: db}}
data: {mode: dev}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{name: http, port: 80}, {name: https, port: 443, targetPort: 8443}]}
`;

const cases: Array<[target: string, template: string]> = [
  ['configmaps', '{.items[*].metadata.name}'],
  ['configmaps', '{range .items[*]}{.metadata.name}{"\\t"}{.data.mode}{"\\n"}{end}'],
  ['configmaps', '{.items[0].data}'],
  ['configmaps', '{.items[-1].metadata.name}'],
  ['configmaps', '{.items[1:3].metadata.name}'],
  ['configmaps', '{.items[?(@.metadata.labels.app=="db")].metadata.name}'],
  ['configmaps', '{.items[*].metadata.labels}'],
  ['configmaps', '{.items[5]}'],
  ['configmaps', '{.items[0].nothing}'],
  ['configmaps', '{.items[}'],
  ['configmaps', '{.kind} {.apiVersion}'],
  ['configmaps', '{.items[0].metadata.managedFields[0].manager}'],
  ['service web', '{.spec.ports[?(@.port>100)].name}'],
  ['service web', '{.spec.ports[*].targetPort}'],
  ['service web', '{.spec.clusterIP}{"\\n"}'],
  ['service web', '{.spec}'],
  ['service web', '{range .spec.ports[*]}{.name}={.port};{end}'],
  ['service web', '{.metadata.creationTimestamp}'],
];

describe.skipIf(!kubectlPath)('real kubectl: -o jsonpath', () => {
  let k: RealKubectl;
  beforeAll(async () => {
    k = await startRealKubectl();
    const created = await k.run('create -f all.yaml', { files: { 'all.yaml': manifests } });
    expect(created.stderr).toBe('');
  }, 60_000);
  afterAll(async () => {
    await k.stop();
  });

  it.each(cases)('get %s -o jsonpath=%s', async (target, template) => {
    const args = ['get', ...target.split(' ')];
    const [json, real] = await Promise.all([k.run([...args, '-o', 'json', '--show-managed-fields']), k.run([...args, '-o', `jsonpath=${template}`])]);
    const result = evaluateJsonPath(template, JSON.parse(json.stdout));
    expect(result.ok ? { stdout: result.text, stderr: '' } : { stdout: '', stderr: result.stderr }).toEqual({ stdout: real.stdout, stderr: real.stderr });
  });
});
