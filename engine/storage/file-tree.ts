/**
 * The contents of one volume (or one container's writable layer): files and directories keyed by
 * their path relative to the volume's root (`a/b.txt`; the root itself is `''`). Plain data, so
 * the lab can snapshot it with the rest of the cluster.
 */

/** One regular file: its text, when it last changed (ms) and its permission bits. */
export interface FileEntry {
  data: string;
  mtime: number;
  mode: number;
}

/** Why a file operation failed, worded as the kernel's errno text (`strerror`). */
export type Errno = 'No such file or directory' | 'Read-only file system' | 'Is a directory' | 'Not a directory' | 'File exists' | 'Directory not empty';

/** A failed file operation; the shell turns it into busybox's message for the command. */
export class FileSystemError extends Error {
  constructor(readonly errno: Errno) {
    super(errno);
  }
}

/** Split a path into its parts, resolving `.` and `..` (`/a/./b/../c` → `['a', 'c']`). */
export function pathParts(path: string): string[] {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts;
}

/** The parent of a relative path (`a/b` → `a`, `a` → `''`). */
export function parentOf(rel: string): string {
  const slash = rel.lastIndexOf('/');
  return slash < 0 ? '' : rel.slice(0, slash);
}

/** A tree of files and directories. */
export class FileTree {
  readonly files = new Map<string, FileEntry>();
  /** Directories other than the root, with their modification time. */
  readonly dirs = new Map<string, number>();

  /** What is at `rel`, if anything. */
  kind(rel: string): 'file' | 'dir' | undefined {
    if (rel === '' || this.dirs.has(rel)) return 'dir';
    return this.files.has(rel) ? 'file' : undefined;
  }

  /** Write a file; `parents` creates missing directories (as a program's own mkdir would). */
  write(rel: string, data: string, now: number, parents: boolean, mode = 0o644): void {
    if (this.kind(rel) === 'dir') throw new FileSystemError('Is a directory');
    const parent = parentOf(rel);
    if (parents) this.mkdir(parent, now, true);
    else if (this.kind(parent) !== 'dir') throw new FileSystemError(this.kind(parent) === 'file' ? 'Not a directory' : 'No such file or directory');
    const before = this.files.get(rel);
    this.files.set(rel, { data, mtime: now, mode: before?.mode ?? mode });
  }

  /** Make a directory; with `parents`, its missing ancestors too and no error when it exists. */
  mkdir(rel: string, now: number, parents: boolean): void {
    const existing = this.kind(rel);
    if (existing === 'dir') {
      if (parents) return;
      throw new FileSystemError('File exists');
    }
    if (existing === 'file') throw new FileSystemError(parents ? 'Not a directory' : 'File exists');
    const parent = parentOf(rel);
    if (parents) this.mkdir(parent, now, true);
    else if (this.kind(parent) !== 'dir') throw new FileSystemError('No such file or directory');
    this.dirs.set(rel, now);
  }

  /** Remove a file, or a directory (with `recursive`, everything under it). */
  remove(rel: string, recursive: boolean): void {
    const kind = this.kind(rel);
    if (!kind) throw new FileSystemError('No such file or directory');
    if (kind === 'file') {
      this.files.delete(rel);
      return;
    }
    const prefix = rel + '/';
    const children = [...this.files.keys(), ...this.dirs.keys()].filter((p) => p.startsWith(prefix));
    if (children.length && !recursive) throw new FileSystemError('Directory not empty');
    for (const child of children) {
      this.files.delete(child);
      this.dirs.delete(child);
    }
    if (rel !== '') this.dirs.delete(rel);
  }

  /** The names directly inside a directory, sorted. */
  list(rel: string): string[] {
    const prefix = rel === '' ? '' : rel + '/';
    const names = new Set<string>();
    for (const path of [...this.files.keys(), ...this.dirs.keys()]) {
      if (!path.startsWith(prefix) || path === rel) continue;
      names.add(path.slice(prefix.length).split('/')[0]);
    }
    return [...names].sort();
  }

  /** Replace the whole contents (a configMap volume's atomic update). */
  replace(files: Map<string, { data: string; mode: number }>, now: number): void {
    this.files.clear();
    this.dirs.clear();
    for (const [rel, file] of files) this.write(rel, file.data, now, true, file.mode);
  }

  /** A deep copy (a subPath mount of a configMap volume is fixed when the container starts). */
  clone(): FileTree {
    const copy = new FileTree();
    for (const [rel, entry] of this.files) copy.files.set(rel, { ...entry });
    for (const [rel, mtime] of this.dirs) copy.dirs.set(rel, mtime);
    return copy;
  }

  /** A tree from the plain data `toJSON` gave (restoring a snapshot). */
  static fromJSON(data: { files: [string, FileEntry][]; dirs: [string, number][] }): FileTree {
    const tree = new FileTree();
    for (const [rel, entry] of data.files) tree.files.set(rel, { ...entry });
    for (const [rel, mtime] of data.dirs) tree.dirs.set(rel, mtime);
    return tree;
  }

  /** Plain data for a snapshot. */
  toJSON(): { files: [string, FileEntry][]; dirs: [string, number][] } {
    return { files: [...this.files], dirs: [...this.dirs] };
  }
}
