/**
 * A container's files as its processes see them: absolute paths routed through the container's
 * volumeMounts (the longest mountPath that contains the path wins, `subPath` picks a directory or
 * file inside the volume, `readOnly` refuses writes) to the volumes' trees, and everything else to
 * the container's own writable layer, which a restarted container gets afresh. It is a
 * `Map<string, string>` too, so image behaviours keep calling `files.get/set/has/delete/keys`.
 */
import type { FileStat, FileSystem } from './file-system.ts';
import { byteLength, normalizePath } from './file-system.ts';
import { FileSystemError, FileTree, parentOf, pathParts } from './file-tree.ts';

/** One volumeMount, resolved to its volume's tree. */
export interface Mount {
  mountPath: string;
  tree: FileTree;
  /** The subPath inside the volume (`''` for the whole volume). */
  root: string;
  readOnly: boolean;
}

/** The directories every image has: a fresh writable layer starts with these. */
const imageDirs = ['bin', 'dev', 'etc', 'home', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'];

/** A new container's writable layer. */
export function containerLayer(now: number): FileTree {
  const layer = new FileTree();
  for (const dir of imageDirs) layer.dirs.set(dir, now);
  return layer;
}

/** Files of one container: mounts over its writable layer, with the kubelet's managed files on top. */
export class MountedFiles extends Map<string, string> implements FileSystem {
  readonly mounts: Mount[];

  constructor(mounts: Mount[], readonly layer: FileTree, private readonly clock: () => number, private readonly managed = new Map<string, string>()) {
    super();
    this.mounts = mounts.map((m) => ({ ...m, mountPath: normalizePath(m.mountPath) })).sort((a, b) => b.mountPath.length - a.mountPath.length);
  }

  /** The same files with the kubelet's /etc/hosts, /etc/hostname and /etc/resolv.conf on top (what exec sees). */
  withManaged(managed: Map<string, string>): MountedFiles {
    return new MountedFiles(this.mounts, this.layer, this.clock, managed);
  }

  private resolve(path: string): { tree: FileTree; rel: string; readOnly: boolean } {
    const p = normalizePath(path);
    for (const m of this.mounts) {
      if (p === m.mountPath || m.mountPath === '/' || p.startsWith(m.mountPath + '/')) {
        return { tree: m.tree, rel: pathParts(m.root + '/' + p.slice(m.mountPath.length)).join('/'), readOnly: m.readOnly };
      }
    }
    return { tree: this.layer, rel: pathParts(p).join('/'), readOnly: false };
  }

  /** Whether a mount point lies below `path` (then `path` is a directory even if the layer lacks it). */
  private holdsMount(path: string): boolean {
    const p = normalizePath(path);
    return p === '/' || this.mounts.some((m) => m.mountPath.startsWith(p + '/'));
  }

  stat(path: string): FileStat | undefined {
    const managed = this.managed.get(normalizePath(path));
    if (managed !== undefined) return { kind: 'file', size: byteLength(managed), mtime: this.clock(), mode: 0o644 };
    const { tree, rel } = this.resolve(path);
    const file = tree.files.get(rel);
    if (file) return { kind: 'file', size: byteLength(file.data), mtime: file.mtime, mode: file.mode };
    if (tree.kind(rel) === 'dir' || this.holdsMount(path)) return { kind: 'dir', size: 4096, mtime: tree.dirs.get(rel) ?? this.clock(), mode: 0o755 };
    return undefined;
  }

  read(path: string): string | undefined {
    const p = normalizePath(path);
    const managed = this.managed.get(p);
    if (managed !== undefined) return managed;
    const { tree, rel } = this.resolve(p);
    return tree.files.get(rel)?.data;
  }

  write(path: string, data: string, append = false, parents = false): void {
    const p = normalizePath(path);
    if (this.managed.has(p)) {
      this.managed.set(p, (append ? this.managed.get(p) : '') + data);
      return;
    }
    const { tree, rel, readOnly } = this.resolve(p);
    if (readOnly) throw new FileSystemError('Read-only file system');
    const parent = this.stat(parentOf(p.slice(1)) === '' ? '/' : '/' + parentOf(p.slice(1)));
    if (!parents && parent?.kind !== 'dir') throw new FileSystemError(parent ? 'Not a directory' : 'No such file or directory');
    tree.write(rel, (append ? tree.files.get(rel)?.data ?? '' : '') + data, this.clock(), true);
  }

  mkdir(path: string, parents: boolean): void {
    const p = normalizePath(path);
    const existing = this.stat(p);
    if (existing) {
      if (parents && existing.kind === 'dir') return;
      throw new FileSystemError('File exists');
    }
    const { tree, rel, readOnly } = this.resolve(p);
    if (readOnly) throw new FileSystemError('Read-only file system');
    const parentPath = '/' + parentOf(p.slice(1));
    if (!parents && this.stat(parentPath)?.kind !== 'dir') throw new FileSystemError('No such file or directory');
    tree.mkdir(rel, this.clock(), true);
  }

  remove(path: string, recursive: boolean): void {
    const p = normalizePath(path);
    if (this.managed.delete(p)) return;
    const { tree, rel, readOnly } = this.resolve(p);
    if (!tree.kind(rel) && !this.holdsMount(p)) throw new FileSystemError('No such file or directory');
    if (readOnly) throw new FileSystemError('Read-only file system');
    if (tree.kind(rel)) tree.remove(rel, recursive);
  }

  list(path: string): string[] {
    const p = normalizePath(path);
    const { tree, rel } = this.resolve(p);
    const names = new Set(tree.kind(rel) === 'dir' ? tree.list(rel) : []);
    const prefix = p === '/' ? '/' : p + '/';
    for (const other of [...this.mounts.map((m) => m.mountPath), ...this.managed.keys()]) {
      if (other.startsWith(prefix) && other !== p) names.add(other.slice(prefix.length).split('/')[0]);
    }
    return [...names].sort();
  }

  // The Map face, for image behaviours: absolute paths of regular files.

  override get(path: string): string | undefined {
    return this.read(path);
  }

  override has(path: string): boolean {
    return this.stat(path)?.kind === 'file';
  }

  /** Programs create the directories they write into, so `set` makes missing parents. */
  override set(path: string, value: string): this {
    this.write(path, value, false, true);
    return this;
  }

  override delete(path: string): boolean {
    if (!this.has(path)) return false;
    try {
      this.remove(path, false);
      return true;
    } catch {
      return false;
    }
  }

  override clear(): void {
    for (const path of [...this.keys()]) this.delete(path);
  }

  override get size(): number {
    return [...this.keys()].length;
  }

  override *keys(): MapIterator<string> {
    const seen = new Set<string>();
    for (const path of this.managed.keys()) {
      seen.add(path);
      yield path;
    }
    const roots: { tree: FileTree; root: string; at: string }[] = [...this.mounts.map((m) => ({ tree: m.tree, root: m.root, at: m.mountPath })), { tree: this.layer, root: '', at: '/' }];
    for (const { tree, root, at } of roots) {
      for (const rel of tree.files.keys()) {
        if (root !== '' && rel !== root && !rel.startsWith(root + '/')) continue;
        const path = normalizePath(at + '/' + rel.slice(root.length));
        // A path is shown once, by the mount that owns it (a layer file under a mount point is hidden).
        if (seen.has(path) || this.resolve(path).tree !== tree) continue;
        seen.add(path);
        yield path;
      }
    }
  }

  override *values(): MapIterator<string> {
    for (const path of this.keys()) yield this.read(path)!;
  }

  override *entries(): MapIterator<[string, string]> {
    for (const path of this.keys()) yield [path, this.read(path)!];
  }

  override [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  override forEach(callback: (value: string, key: string, map: Map<string, string>) => void): void {
    for (const [path, value] of this.entries()) callback(value, path, this);
  }
}
