import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { runKubectl } from '../kubectl/index.ts';
import { machineIdOf } from '../kubelet/nodes.ts';
import { FileTree } from './file-tree.ts';
import { setUpHostPath, type HostTrees } from './host-path.ts';

/** A volume manager's trees, nothing else. */
function hostTrees(): HostTrees & { trees: Map<string, FileTree> } {
  const trees = new Map<string, FileTree>();
  return { trees, tree: (id) => trees.get(id) ?? trees.set(id, new FileTree()).get(id)! };
}

/** Set up `path` with `type`; the file's text when it mounts as a file, `dir` for a directory, or the error. */
function setUp(path: string, type?: string, before?: (trees: HostTrees) => void): string {
  const trees = hostTrees();
  before?.(trees);
  const mount = setUpHostPath(trees, 'node-1', { path, type }, 0);
  if ('error' in mount) return mount.error;
  return mount.root ? `file:${mount.tree.files.get(mount.root)?.data}` : 'dir';
}

describe('hostPath type', () => {
  it.each<[string, string | undefined, string]>([
    ['/etc/machine-id', 'File', `file:${machineIdOf('node-1')}\n`],
    ['/etc/hostname', undefined, 'file:node-1\n'],
    ['/etc/os-release', 'FileOrCreate', 'file:PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n'],
    ['/etc/foo', 'File', 'hostPath type check failed: /etc/foo is not a file'],
    ['/etc', 'File', 'hostPath type check failed: /etc is not a file'],
    ['/etc/foo', 'FileOrCreate', 'file:'],
    ['/nope/foo', 'FileOrCreate', 'open /nope/foo: no such file or directory'],
    ['/var/log', 'Directory', 'dir'],
    ['/var/log/', 'Directory', 'dir'],
    ['/data', 'Directory', 'hostPath type check failed: /data is not a directory'],
    ['/data', 'DirectoryOrCreate', 'dir'],
    ['/data', undefined, 'dir'],
    ['/etc/machine-id', 'Directory', 'hostPath type check failed: /etc/machine-id is not a directory'],
    ['/etc/machine-id', 'DirectoryOrCreate', 'hostPath type check failed: /etc/machine-id is not a directory'],
    ['/run/containerd/containerd.sock', 'Socket', 'file:'],
    ['/var/run/docker.sock', 'Socket', 'hostPath type check failed: /var/run/docker.sock is not a socket file'],
    ['/dev/null', 'CharDevice', 'file:'],
    ['/dev/null', 'File', 'file:'],
    ['/dev/kmsg', 'BlockDevice', 'hostPath type check failed: /dev/kmsg is not a block device'],
    ['/etc/hostname', 'CharDevice', 'hostPath type check failed: /etc/hostname is not a character device'],
  ])('%s type %s → %s', (path, type, want) => {
    expect(setUp(path, type)).toBe(want);
  });

  it('sees a file a pod wrote into a mounted host directory', () => {
    const written = (trees: HostTrees): void => trees.tree('host:node-1:/srv').write('app.conf', 'x=1\n', 0, false);
    expect(setUp('/srv/app.conf', 'File', written)).toBe('file:x=1\n');
    expect(setUp('/srv/app.conf', 'Directory', written)).toBe('hostPath type check failed: /srv/app.conf is not a directory');
  });
});

describe('hostPath in a cluster', () => {
  it('runs the docs\' basic-daemonset.yaml: the init container copies the node\'s machine-id into /var/log', () => {
    const cluster = new Cluster({ seed: 1, addons: false });
    const manifest = readFileSync('/work/shared/corpus/k8s-website-examples/application/basic-daemonset.yaml', 'utf8');
    expect(runKubectl(cluster, 'kubectl apply -f ds.yaml', { files: { 'ds.yaml': manifest } }).stdout).toBe('daemonset.apps/example-daemonset created\n');
    cluster.advance(60_000);
    expect(runKubectl(cluster, 'kubectl get ds example-daemonset').stdout).toBe(
      'NAME                DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\nexample-daemonset   3         3         3       3            3           <none>          60s\n',
    );
    const logs = ['node-1', 'node-2', 'node-3'].map((node) => cluster.volumes.trees.get(`host:${node}:/var/log`)?.files.get('machine-id.log')?.data);
    expect(logs).toEqual(['node-1', 'node-2', 'node-3'].map((node) => `${machineIdOf(node)}\n`));
  });

  it('keeps a pod ContainerCreating with FailedMount when a File hostPath is missing', () => {
    const cluster = new Cluster({ seed: 1, addons: false });
    const pod = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'reader' },
      spec: {
        nodeName: 'node-1', containers: [{ name: 'c', image: 'busybox:1.37', command: ['sleep', '3600'], volumeMounts: [{ name: 'conf', mountPath: '/conf' }] }],
        volumes: [{ name: 'conf', hostPath: { path: '/etc/foo', type: 'File' } }],
      },
    };
    expect(cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod }).status).toBe(201);
    cluster.advance(20_000);
    const events = (cluster.handle({ method: 'GET', path: '/api/v1/namespaces/default/events' }).body as { items: { reason: string; message: string }[] }).items;
    expect(events.find((e) => e.reason === 'FailedMount')?.message).toBe('MountVolume.SetUp failed for volume "conf" : hostPath type check failed: /etc/foo is not a file');
    expect(runKubectl(cluster, 'kubectl get pod reader').stdout).toBe('NAME     READY   STATUS              RESTARTS   AGE\nreader   0/1     ContainerCreating   0          20s\n');
  });
});
