/**
 * Volumes through the real kubectl: a file written with `kubectl exec … -- sh -c 'echo hi > /data/f'`
 * into a claim (local-path, kind's default StorageClass) is read back from the pod that replaces
 * the deleted one; a configMap volume is read-only; a missing ConfigMap key shows in `get pods`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachVolumes } from '../../engine/storage/volume-manager.ts';
import { kubectlPath, noKubectlMessage, startRealKubectl, type RealKubectl } from '../support/kubectl.ts';

const app = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  greeting: hello
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: keeper
spec:
  replicas: 1
  selector:
    matchLabels: {app: keeper}
  template:
    metadata:
      labels: {app: keeper}
    spec:
      containers:
      - name: box
        image: busybox:1.36
        command: [sleep, "3600"]
        env:
        - name: GREETING
          valueFrom:
            configMapKeyRef: {name: cfg, key: greeting}
        volumeMounts:
        - {name: data, mountPath: /data}
        - {name: cfg, mountPath: /etc/cfg}
      volumes:
      - name: data
        persistentVolumeClaim: {claimName: data}
      - name: cfg
        configMap: {name: cfg}
`;

describe.skipIf(!kubectlPath)('volumes through the real kubectl', () => {
  let k: RealKubectl;
  beforeAll(async () => {
    k = await startRealKubectl({ seed: 7 });
    attachVolumes(k.lab.control.cluster);
  }, 120_000);
  afterAll(async () => { await k?.stop(); });

  const podName = async (): Promise<string> => (await k.run(['get', 'pods', '-l', 'app=keeper', '-o', 'jsonpath={.items[0].metadata.name}'])).stdout;

  it('keeps a claim\'s file for the replacement pod; the configMap volume is read-only', async () => {
    if (!kubectlPath) throw new Error(noKubectlMessage);
    const cluster = k.lab.control.cluster;
    expect((await k.run('apply -f app.yaml', { files: { 'app.yaml': app } })).exitCode).toBe(0);
    cluster.advance(60_000);
    const first = await podName();
    expect(await k.run(['exec', first, '--', 'sh', '-c', 'echo hi > /data/f && echo $GREETING && cat /etc/cfg/greeting'])).toEqual({ stdout: 'hello\nhello', stderr: '', exitCode: 0 });
    expect(await k.run(['exec', first, '--', 'sh', '-c', 'echo x > /etc/cfg/x'])).toEqual({
      stdout: '', stderr: "sh: can't create /etc/cfg/x: Read-only file system\ncommand terminated with exit code 1\n", exitCode: 1,
    });
    expect((await k.run(['delete', 'pod', first, '--wait=false'])).stdout).toBe(`pod "${first}" deleted\n`);
    cluster.advance(60_000);
    const second = await podName();
    expect(second).not.toBe(first);
    expect(await k.run(['exec', second, '--', 'cat', '/data/f'])).toEqual({ stdout: 'hi\n', stderr: '', exitCode: 0 });
  }, 120_000);
});
