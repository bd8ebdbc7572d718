import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { KubectlSession } from '../session.ts';

// Expected texts are the real kubectl 1.32's (tests/fidelity/kubectl-gaps-2.test.ts compares them live).
describe('kubectl run --overrides', () => {
  const cluster = new Cluster({ seed: 1, addons: false });
  const session = new KubectlSession(cluster);
  const run = (overrides: string, type = ''): { stdout: string; stderr: string } =>
    session.kubectl(['run', 'p', '--image=nginx', `--overrides=${overrides}`, ...(type ? [`--override-type=${type}`] : []), '--dry-run=client', '-o', 'json']);
  const spec = (overrides: string, type = ''): unknown => (JSON.parse(run(overrides, type).stdout) as { spec: unknown }).spec;

  it('merges by default: a list in the JSON replaces the generated one, fields a Pod lacks are dropped', () => {
    expect(spec('{"spec":{"replicas":3,"containers":[{"name":"p","image":"nginx","bogus":1,"resources":{"requests":{"cpu":"64"}}}]}}')).toEqual({
      containers: [{ name: 'p', image: 'nginx', resources: { requests: { cpu: '64' } } }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst',
    });
  });

  it('merges a strategic patch into the container of the same name', () => {
    expect(spec('{"spec":{"containers":[{"name":"p","resources":{"limits":{"cpu":"1"}}}]}}', 'strategic')).toEqual({
      containers: [{ name: 'p', image: 'nginx', resources: { limits: { cpu: '1' } } }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst',
    });
  });

  it('applies a JSON patch', () => {
    expect(spec('[{"op":"add","path":"/spec/hostname","value":"h"}]', 'json')).toMatchObject({ hostname: 'h' });
  });

  it.each([
    ['{bad', '', 'error: Invalid JSON Patch\n'],
    ['{bad', 'json', "error: invalid character 'b' looking for beginning of object key string\n"],
    ['{bad', 'strategic', 'error: invalid JSON document\n'],
    ['{}', 'foo', 'error: invalid override type: foo\n'],
    ['[{"op":"remove","path":"/spec/nope"}]', 'json', "error: error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value\n"],
    ['{"spec":{"containers":"x"}}', '', 'error: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container\n'],
  ])('%s (%s) is refused as kubectl refuses it', (overrides, type, message) => {
    expect(run(overrides, type).stderr).toBe(message);
  });
});
