import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { KubectlSession } from '../session.ts';

/** An isolated cluster with ConfigMaps `one` and `two`, and a session whose editor changes `a: "1"` to `a: "2"`. */
function lab(): KubectlSession {
  const session = new KubectlSession(new Cluster({ seed: 5, addons: false }), { editor: (text) => text.replace('a: "1"', 'a: "2"') });
  for (const line of ['kubectl create cm one --from-literal=a=1', 'kubectl create cm two --from-literal=b=1']) expect(session.run(line).exitCode).toBe(0);
  return session;
}

const annotations = (session: KubectlSession, name: string): string => session.run(`kubectl get cm ${name} -o jsonpath={.metadata.annotations}`).stdout;
const deprecation = 'Flag --record has been deprecated, --record will be removed in the future\n';

// Change causes and patches as the real kubectl 1.32 wrote them (`kubectl edit cm c --record -n default --output-patch`).
describe('kubectl edit --record', () => {
  it.each([
    ['edit cm one --record', 'kubectl edit cm one --record=true'],
    ['edit cm one --record -n default --output-patch', 'kubectl edit cm one --record=true --namespace=default --output-patch=true'],
    ['edit --record=true cm/one', 'kubectl edit cm/one --record=true'],
  ])('%s', (line, cause) => {
    const session = lab();
    const result = session.run(`kubectl ${line}`);
    const patch = line.includes('--output-patch') ? `Patch: {"data":{"a":"2"},"metadata":{"annotations":{"kubernetes.io/change-cause":"${cause}"}}}\n` : '';
    expect(result).toEqual({ stdout: `${patch}configmap/one edited\n`, stderr: deprecation, exitCode: 0 });
    expect(annotations(session, 'one')).toBe(JSON.stringify({ 'kubernetes.io/change-cause': cause }));
  });

  it('records nothing with --record=false or without the flag', () => {
    const session = lab();
    expect(session.run('kubectl edit cm one --record=false')).toEqual({ stdout: 'configmap/one edited\n', stderr: deprecation, exitCode: 0 });
    expect(annotations(session, 'one')).toBe('');
  });

  it('patches every object of the List, even one left unchanged, to carry the cause (visitAnnotation runs first)', () => {
    const session = lab();
    expect(session.run('kubectl edit cm one two --record')).toEqual({ stdout: 'configmap/one edited\nconfigmap/two edited\n', stderr: deprecation, exitCode: 0 });
    expect(annotations(session, 'two')).toBe(JSON.stringify({ 'kubernetes.io/change-cause': 'kubectl edit cm one two --record=true' }));
  });

  it('keeps the cause out of the last-applied annotation of --save-config', () => {
    const session = lab();
    expect(session.run('kubectl edit cm one --save-config --record').exitCode).toBe(0);
    const lastApplied = session.kubectl(['get', 'cm', 'one', '-o', 'jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}']).stdout;
    expect(lastApplied).toContain('"a":"2"');
    expect(lastApplied).not.toContain('change-cause');
    expect(annotations(session, 'one')).toContain('"kubernetes.io/change-cause":"kubectl edit cm one --save-config=true --record=true"');
  });
});
