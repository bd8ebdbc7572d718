/**
 * hostPath volumes as the kubelet sets them up: the node's own files (a kind node is a Debian 12
 * container: /etc/machine-id, /etc/hostname, /etc/os-release, containerd's socket, /dev/null…),
 * and the `type` check of pkg/volume/hostpath before the mount — `Directory` and `File` must
 * already be one, `DirectoryOrCreate` and `FileOrCreate` make an empty one (0755 / 0644), `Socket`,
 * `CharDevice` and `BlockDevice` must be one. A failed check is the volume's FailedMount error:
 * `hostPath type check failed: /etc/foo is not a file`.
 *
 * Contents live in the volume manager's trees, one per host directory mounted (`host:NODE:/PATH`);
 * a file is mounted as its name inside its directory's tree, so two pods mounting /etc/machine-id
 * and /etc see the same file.
 */
import { machineIdOf } from '../kubelet/nodes.ts';
import { normalizePath } from './file-system.ts';
import type { FileTree } from './file-tree.ts';
import { parentOf, pathParts } from './file-tree.ts';

/** What a path on the node is, in the words of v1.HostPathType. */
export type HostFileType = 'Directory' | 'File' | 'Socket' | 'CharDevice' | 'BlockDevice';

/** The trees a hostPath is made of (the volume manager's `tree` and `trees`). */
export interface HostTrees {
  readonly trees: ReadonlyMap<string, FileTree>;
  tree(identity: string): FileTree;
}

/** A hostPath resolved for a mount: the tree of the path's directory, and the file's name in it for a file. */
export interface HostMount {
  tree: FileTree;
  /** `''` for a directory; the file's name in `tree` for a file, socket or device. */
  root: string;
}

/** Directories every kind node has (beyond the parents of its files). */
const nodeDirectories = [
  '/bin', '/dev', '/etc/cni/net.d', '/etc/containerd', '/etc/kubernetes/manifests', '/etc/kubernetes/pki', '/etc/ssl/certs',
  '/home', '/lib/modules', '/mnt', '/opt/cni/bin', '/proc', '/root', '/run/containerd', '/sbin', '/srv', '/sys/fs/cgroup', '/tmp',
  '/usr/bin', '/usr/lib', '/usr/local/bin', '/usr/share/ca-certificates', '/var/lib/containerd', '/var/lib/kubelet', '/var/log/containers',
  '/var/log/pods', '/var/run/containerd',
];

/** Paths that are not regular files; each also appears as an empty entry in its directory. */
const specialFiles: Record<string, HostFileType> = {
  '/run/containerd/containerd.sock': 'Socket', '/var/run/containerd/containerd.sock': 'Socket',
  '/dev/null': 'CharDevice', '/dev/zero': 'CharDevice', '/dev/random': 'CharDevice', '/dev/urandom': 'CharDevice',
  '/dev/kmsg': 'CharDevice', '/dev/tty': 'CharDevice', '/dev/fuse': 'CharDevice',
};

/** Debian 12's /usr/lib/os-release (kindest/node v1.32.2 is built on debian:bookworm-slim). */
const osRelease = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\n'
  + 'VERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\n'
  + 'BUG_REPORT_URL="https://bugs.debian.org/"\n';

/** The regular files of a node that pods commonly mount, by absolute path. */
export function nodeFiles(nodeName: string): Map<string, string> {
  const files = new Map<string, string>([
    ['/etc/machine-id', `${machineIdOf(nodeName)}\n`],
    ['/etc/hostname', `${nodeName}\n`],
    ['/etc/os-release', osRelease],
    ['/etc/debian_version', '12.9\n'],
    ['/etc/timezone', 'Etc/UTC\n'],
  ]);
  for (const path of Object.keys(specialFiles)) files.set(path, '');
  return files;
}

/** Whether `path` is one of the node's base directories (or a parent of one of its files). */
function isNodeDirectory(nodeName: string, path: string): boolean {
  if (path === '/') return true;
  const prefix = path + '/';
  return nodeDirectories.some((d) => d === path || d.startsWith(prefix)) || [...nodeFiles(nodeName).keys()].some((f) => f.startsWith(prefix));
}

/** The tree of a host directory; on first use it starts with the node's files below that directory. */
function hostTree(trees: HostTrees, nodeName: string, dir: string, now: number): FileTree {
  const identity = `host:${nodeName}:${dir}`;
  const fresh = !trees.trees.has(identity);
  const tree = trees.tree(identity);
  if (!fresh) return tree;
  const prefix = dir === '/' ? '/' : dir + '/';
  for (const [path, data] of nodeFiles(nodeName)) if (path.startsWith(prefix)) tree.write(path.slice(prefix.length), data, now, true);
  for (const path of nodeDirectories) if (path.startsWith(prefix)) tree.mkdir(path.slice(prefix.length), now, true);
  return tree;
}

/** What is at `path` on the node, if anything. */
export function hostFileType(trees: HostTrees, nodeName: string, path: string, now: number): HostFileType | undefined {
  const p = normalizePath(path);
  if (specialFiles[p]) return specialFiles[p];
  if (trees.trees.has(`host:${nodeName}:${p}`) || isNodeDirectory(nodeName, p)) return 'Directory';
  if (p === '/') return 'Directory';
  const parent = '/' + parentOf(p.slice(1));
  if (!hostFileType(trees, nodeName, parent, now)) return undefined;
  const kind = hostTree(trees, nodeName, parent, now).kind(pathParts(p).pop()!);
  return kind === 'dir' ? 'Directory' : kind === 'file' ? 'File' : undefined;
}

/** checkType's messages for a path that is not what the volume's `type` asks for. */
const notA: Record<string, string> = {
  Directory: 'directory', DirectoryOrCreate: 'directory', File: 'file', FileOrCreate: 'file',
  Socket: 'socket file', CharDevice: 'character device', BlockDevice: 'block device',
};

/**
 * Check and set up a hostPath volume on `nodeName` as the kubelet's hostPath plugin does, or
 * the error its SetUp returns (the FailedMount message after `MountVolume.SetUp failed for volume "x" : `).
 */
export function setUpHostPath(trees: HostTrees, nodeName: string, source: { path: string; type?: string }, now: number): HostMount | { error: string } {
  const p = normalizePath(source.path);
  const type = source.type ?? '';
  let found = hostFileType(trees, nodeName, p, now);
  if (!found && type === 'DirectoryOrCreate') found = 'Directory';
  if (!found && type === 'FileOrCreate') {
    const parent = '/' + parentOf(p.slice(1));
    // os.OpenFile(O_CREATE) does not make missing parents.
    if (hostFileType(trees, nodeName, parent, now) !== 'Directory') return { error: `open ${p}: no such file or directory` };
    hostTree(trees, nodeName, parent, now).write(pathParts(p).pop()!, '', now, false);
    found = 'File';
  }
  if (type !== '') {
    const wanted = type.replace(/OrCreate$/, '');
    if (!notA[type]) return { error: `${type} is an invalid volume type` };
    // v1.32's IsFile is "exists and is not a directory": a socket or a device passes `File` too.
    const matches = wanted === 'File' ? found !== undefined && found !== 'Directory' : found === wanted;
    if (!matches) return { error: `hostPath type check failed: ${p} is not a ${notA[type]}` };
  }
  // An untyped path that does not exist becomes a directory, as containerd creates a missing bind source.
  if (!found || found === 'Directory') return { tree: hostTree(trees, nodeName, p, now), root: '' };
  return { tree: hostTree(trees, nodeName, '/' + parentOf(p.slice(1)), now), root: pathParts(p).pop()! };
}
