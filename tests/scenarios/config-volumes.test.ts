/**
 * Configuration and scratch volumes through the real kubectl (issue #4 item 8), one lab for the file:
 * an emptyDir survives a container restart (liveness failure) but not the pod; a ConfigMap's
 * volume file follows an update after the kubelet's sync while env and subPath keep the old
 * value until the pod is replaced; a Secret volume holds decoded values with 0644 or defaultMode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, noKubectlMessage, startRealKubectl, type RealKubectl } from '../support/kubectl.ts';
import { advance } from '../support/scenario.ts';

const scratch = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: scratch
spec:
  replicas: 1
  selector:
    matchLabels: {app: scratch}
  template:
    metadata:
      labels: {app: scratch}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: box
        image: busybox:1.36
        command: [sh, -c, 'touch /tmp/healthy; sleep 3600']
        livenessProbe:
          exec: {command: [cat, /tmp/healthy]}
          periodSeconds: 5
          failureThreshold: 1
        volumeMounts:
        - {name: cache, mountPath: /cache}
      volumes:
      - name: cache
        emptyDir: {}
`;

const config = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  color: blue
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
data:
  password: czNjcjN0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: reader
spec:
  replicas: 1
  selector:
    matchLabels: {app: reader}
  template:
    metadata:
      labels: {app: reader}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: box
        image: busybox:1.36
        command: [sleep, "3600"]
        envFrom:
        - configMapRef: {name: settings}
          prefix: CFG_
        env:
        - name: COLOR
          valueFrom:
            configMapKeyRef: {name: settings, key: color}
        volumeMounts:
        - {name: cfg, mountPath: /etc/cfg}
        - {name: cfg, mountPath: /etc/sub/color, subPath: color}
        - {name: creds, mountPath: /etc/creds}
        - {name: private, mountPath: /etc/private}
      volumes:
      - name: cfg
        configMap: {name: settings}
      - name: creds
        secret: {secretName: creds}
      - name: private
        secret: {secretName: creds, defaultMode: 0400}
`;

/** What `kubectl exec` prints for a command that exits 1 after writing `stderr`. */
const failed = (stderr: string, stdout = '') => ({ stdout, stderr: `${stderr}command terminated with exit code 1\n`, exitCode: 1 });

describe.skipIf(!kubectlPath)('configuration and scratch volumes through the real kubectl', () => {
  let k: RealKubectl;
  beforeAll(async () => {
    k = await startRealKubectl({ seed: 11 });
    if ((await k.run('apply -f scratch.yaml -f config.yaml', { files: { 'scratch.yaml': scratch, 'config.yaml': config } })).exitCode) {
      throw new Error('apply failed');
    }
    advance(k, 60);
  }, 120_000);
  afterAll(async () => { await k?.stop(); });

  /** The newest running pod of an app (a replaced one may still be terminating). */
  const podName = async (app: string): Promise<string> =>
    (await k.run(['get', 'pods', '-l', `app=${app}`, '--field-selector=status.phase=Running', '--sort-by=.metadata.creationTimestamp',
      '-o', 'jsonpath={.items[-1:].metadata.name}'])).stdout;

  it('keeps an emptyDir file across a container restart, and loses it with the pod', async () => {
    if (!kubectlPath) throw new Error(noKubectlMessage);
    const first = await podName('scratch');
    // The container's own layer (/tmp) is lost on restart; the emptyDir (/cache) is not.
    expect(await k.run(['exec', first, '--', 'sh', '-c', 'echo kept > /cache/f; echo lost > /tmp/layer; rm /tmp/healthy'])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    advance(k, 30);
    expect((await k.run(['get', 'pod', first, '-o', 'jsonpath={.status.containerStatuses[0].restartCount}'])).stdout).toBe('1');
    expect(await k.run(['exec', first, '--', 'cat', '/cache/f', '/tmp/layer'])).toEqual(failed("cat: can't open '/tmp/layer': No such file or directory\n", 'kept\n'));

    expect((await k.run(['delete', 'pod', first, '--wait=false'])).stdout).toBe(`pod "${first}" deleted\n`);
    advance(k, 30);
    const second = await podName('scratch');
    expect(second).not.toBe(first);
    expect(await k.run(['exec', second, '--', 'cat', '/cache/f'])).toEqual(failed("cat: can't open '/cache/f': No such file or directory\n"));
  }, 120_000);

  it('updates a ConfigMap volume after the sync, but not env or a subPath until the pod is replaced', async () => {
    if (!kubectlPath) throw new Error(noKubectlMessage);
    const show = ['sh', '-c', 'cat /etc/cfg/color; echo; cat /etc/sub/color; echo; echo $COLOR $CFG_color'];
    const first = await podName('reader');
    expect(await k.run(['exec', first, '--', ...show])).toEqual({ stdout: 'blue\nblue\nblue blue\n', stderr: '', exitCode: 0 });

    const manifest = await k.run('create configmap settings --from-literal=color=green --dry-run=client -o yaml');
    expect(manifest.stdout).toBe('apiVersion: v1\ndata:\n  color: green\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: settings\n');
    expect(await k.run('apply -f -', { stdin: manifest.stdout })).toEqual({ stdout: 'configmap/settings configured\n', stderr: '', exitCode: 0 });
    // The kubelet has not synced the pod yet: the file still holds the old value.
    advance(k, 5);
    expect((await k.run(['exec', first, '--', ...show])).stdout).toBe('blue\nblue\nblue blue\n');
    advance(k, 85);
    expect((await k.run(['exec', first, '--', ...show])).stdout).toBe('green\nblue\nblue blue\n');

    expect((await k.run('rollout restart deployment/reader')).stdout).toBe('deployment.apps/reader restarted\n');
    advance(k, 60);
    const second = await podName('reader');
    expect(second).not.toBe(first);
    expect((await k.run(['exec', second, '--', ...show])).stdout).toBe('green\ngreen\ngreen green\n');
  }, 120_000);

  it('mounts a Secret decoded, 0644 by default and defaultMode otherwise', async () => {
    if (!kubectlPath) throw new Error(noKubectlMessage);
    const pod = await podName('reader');
    const listing = await k.run(['exec', pod, '--', 'sh', '-c', 'cat /etc/creds/password; echo; ls /etc/creds; ls -lL /etc/creds /etc/private']);
    expect(listing.stderr).toBe('');
    expect(listing.stdout.replace(/ [A-Z][a-z]{2} [ \d]\d \d\d:\d\d /g, ' <time> ')).toBe([
      's3cr3t', 'password',
      '/etc/creds:', 'total 4', '-rw-r--r--    1 root     root             6 <time> password', '',
      '/etc/private:', 'total 4', '-r--------    1 root     root             6 <time> password', '',
    ].join('\n'));
  }, 120_000);
});
