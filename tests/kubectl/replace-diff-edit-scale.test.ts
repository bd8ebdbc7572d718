/**
 * Real kubectl: `replace` (and its optimistic-concurrency Conflict), `diff` (exit 1 with a unified
 * diff, 0 without), `edit` through KUBE_EDITOR, and `scale`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubectlPath, startRealKubectl, type RealKubectl } from '../support/kubectl.ts';

const configMap = (name: string, mode: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  mode: ${mode}\n`;

/**
 * An external diff with fixed labels, so the output does not carry kubectl's temporary paths.
 * KUBECTL_EXTERNAL_DIFF must name an executable: kubectl drops arguments that contain '/' or '.'.
 */
const diffScript = '#!/bin/sh\nfor f in $(ls "$1"); do diff -u --label "live/$f" --label "merged/$f" "$1/$f" "$2/$f"; done\n';

describe.skipIf(!kubectlPath)('real kubectl: replace, diff, edit, scale', () => {
  let k: RealKubectl;
  beforeAll(async () => {
    k = await startRealKubectl();
    await k.run('create -f cms.yaml', { files: { 'cms.yaml': [configMap('swap', 'fast'), configMap('diffme', 'fast'), configMap('editme', 'fast')].join('---\n') } });
    await k.run('create deployment web --image=nginx:1.27 --replicas=1');
    writeFileSync(join(k.workdir, 'diff.sh'), diffScript, { mode: 0o755 });
  }, 120_000);
  afterAll(async () => {
    await k.stop();
  });

  it('replaces an object, then refuses a replace carrying the old resourceVersion', async () => {
    const live = (await k.run('get configmap swap -o yaml')).stdout;
    expect(live).toMatch(/resourceVersion: "\d+"/);
    const edited = live.replace('mode: fast', 'mode: slow');
    expect(await k.run('replace -f swap.yaml', { files: { 'swap.yaml': edited } })).toEqual({ stdout: 'configmap/swap replaced\n', stderr: '', exitCode: 0 });
    expect((await k.run(['get', 'configmap', 'swap', '-o', 'jsonpath={.data.mode}'])).stdout).toBe('slow');
    expect(await k.run('replace -f stale.yaml', { files: { 'stale.yaml': live.replace('mode: fast', 'mode: stale') } })).toEqual({
      stdout: '',
      stderr: 'Error from server (Conflict): error when replacing "stale.yaml": Operation cannot be fulfilled on configmaps "swap": '
        + 'the object has been modified; please apply your changes to the latest version and try again\n',
      exitCode: 1,
    });
    // Without a resourceVersion a replace is unconditional.
    expect(await k.run('replace -f plain.yaml', { files: { 'plain.yaml': configMap('swap', 'plain') } }))
      .toEqual({ stdout: 'configmap/swap replaced\n', stderr: '', exitCode: 0 });
    expect((await k.run(['get', 'configmap', 'swap', '-o', 'jsonpath={.data.mode}'])).stdout).toBe('plain');
  });

  it('reports a replace of a missing object as NotFound', async () => {
    expect(await k.run('replace -f ghost.yaml', { files: { 'ghost.yaml': configMap('ghost', 'x') } })).toEqual({
      stdout: '', stderr: 'Error from server (NotFound): error when replacing "ghost.yaml": configmaps "ghost" not found\n', exitCode: 1,
    });
  });

  it('diffs: exit 0 and no output when nothing would change, exit 1 and a unified diff when something would', async () => {
    const env = { KUBECTL_EXTERNAL_DIFF: join(k.workdir, 'diff.sh') };
    const files = { 'same.yaml': configMap('diffme', 'fast'), 'changed.yaml': configMap('diffme', 'slow') };
    expect(await k.run('diff -f same.yaml', { files, env })).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(await k.run('diff -f changed.yaml', { env })).toEqual({
      stdout: '--- live/v1.ConfigMap.default.diffme\n+++ merged/v1.ConfigMap.default.diffme\n@@ -1,6 +1,6 @@\n apiVersion: v1\n data:\n'
        + '-  mode: fast\n+  mode: slow\n kind: ConfigMap\n metadata:\n   creationTimestamp: "2026-01-01T00:00:00Z"\n',
      stderr: '',
      exitCode: 1,
    });
    // diff asks the server for a dry run: nothing was stored.
    expect((await k.run(['get', 'configmap', 'diffme', '-o', 'jsonpath={.data.mode}'])).stdout).toBe('fast');
  });

  it('diffs a new object against nothing', async () => {
    const env = { KUBECTL_EXTERNAL_DIFF: join(k.workdir, 'diff.sh') };
    const result = await k.run('diff -f new.yaml', { files: { 'new.yaml': configMap('brand-new', 'x') }, env });
    expect(result.exitCode).toBe(1);
    expect(result.stdout.replace(/uid: [0-9a-f-]+/, 'uid: <uid>')).toBe('--- live/v1.ConfigMap.default.brand-new\n+++ merged/v1.ConfigMap.default.brand-new\n'
      + '@@ -0,0 +1,9 @@\n+apiVersion: v1\n+data:\n+  mode: x\n+kind: ConfigMap\n+metadata:\n+  creationTimestamp: "2026-01-01T00:00:00Z"\n'
      + '+  name: brand-new\n+  namespace: default\n+  uid: <uid>\n');
    expect((await k.run('get configmap brand-new')).exitCode).toBe(1);
  });

  it('edits through KUBE_EDITOR', async () => {
    const files = { 'edit.sh': "#!/bin/sh\nsed -i 's/mode: fast/mode: edited/' \"$1\"\n" };
    const env = { KUBE_EDITOR: `sh ${join(k.workdir, 'edit.sh')}` };
    expect(await k.run('edit configmap editme', { files, env })).toEqual({ stdout: 'configmap/editme edited\n', stderr: '', exitCode: 0 });
    expect((await k.run(['get', 'configmap', 'editme', '-o', 'jsonpath={.data.mode}'])).stdout).toBe('edited');
    expect(await k.run('edit configmap editme', { env: { KUBE_EDITOR: 'true' } }))
      .toEqual({ stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 });
  });

  it('scales a Deployment through its scale subresource', async () => {
    expect(await k.run('scale deployment web --replicas=5')).toEqual({ stdout: 'deployment.apps/web scaled\n', stderr: '', exitCode: 0 });
    expect((await k.run(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas} {.metadata.generation}'])).stdout).toBe('5 2');
    // scale wraps the server's NotFound in its own message.
    expect(await k.run('scale deployment ghost --replicas=2')).toEqual({
      stdout: '', stderr: 'error: no objects passed to scale deployments.apps "ghost" not found\n', exitCode: 1,
    });
  });
});
