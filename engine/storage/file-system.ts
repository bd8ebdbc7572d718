/**
 * The file operations the shell's commands need (ls, cat, touch, mkdir, rm, cp, mv), on absolute
 * paths. A container with mounted volumes implements them itself (mounted-files.ts); a plain
 * `Map<string, string>` of files (a container in an isolated test) gets a small adapter whose
 * directories are implied by the files' paths.
 */
import type { Errno } from './file-tree.ts';
import { FileSystemError, pathParts } from './file-tree.ts';

/** What `stat` tells about a path. */
export interface FileStat {
  kind: 'file' | 'dir';
  size: number;
  mtime: number;
  mode: number;
}

/** A container's files as its processes see them. */
export interface FileSystem {
  stat(path: string): FileStat | undefined;
  read(path: string): string | undefined;
  /** Write (or with `append`, add to) a file whose directory exists. */
  write(path: string, data: string, append?: boolean): void;
  mkdir(path: string, parents: boolean): void;
  remove(path: string, recursive: boolean): void;
  /** Names directly inside a directory, sorted. */
  list(path: string): string[];
}

/** `/a/b/../c` → `/a/c`: the absolute form every lookup uses. */
export function normalizePath(path: string): string {
  return '/' + pathParts(path).join('/');
}

/** Whether an object offers the file operations (a MountedFiles does). */
export function isFileSystem(files: unknown): files is FileSystem & Map<string, string> {
  return typeof (files as Partial<FileSystem>).stat === 'function' && typeof (files as Partial<FileSystem>).mkdir === 'function';
}

/** Byte length of text as UTF-8: what `ls -l` and `wc -c` count. */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The file operations over a plain map of absolute paths, or the map itself when it has them. */
export function fileSystemOf(files: Map<string, string>, now: () => number): FileSystem {
  if (isFileSystem(files)) return files;
  const isDir = (path: string): boolean => path === '/' || [...files.keys()].some((p) => p.startsWith(path + '/'));
  const fail = (errno: Errno): never => { throw new FileSystemError(errno); };
  return {
    stat(path) {
      const p = normalizePath(path);
      const data = files.get(p);
      if (data !== undefined) return { kind: 'file', size: byteLength(data), mtime: now(), mode: 0o644 };
      return isDir(p) ? { kind: 'dir', size: 4096, mtime: now(), mode: 0o755 } : undefined;
    },
    read: (path) => files.get(normalizePath(path)),
    write(path, data, append) {
      const p = normalizePath(path);
      if (isDir(p)) fail('Is a directory');
      files.set(p, (append ? files.get(p) ?? '' : '') + data);
    },
    mkdir(path, parents) {
      if (!parents && (files.has(normalizePath(path)) || isDir(normalizePath(path)))) fail('File exists');
    },
    remove(path, recursive) {
      const p = normalizePath(path);
      if (files.delete(p)) return;
      if (!isDir(p)) fail('No such file or directory');
      if (!recursive) fail('Is a directory');
      for (const key of [...files.keys()]) if (key.startsWith(p + '/')) files.delete(key);
    },
    list(path) {
      const prefix = normalizePath(path) === '/' ? '/' : normalizePath(path) + '/';
      return [...new Set([...files.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length).split('/')[0]))].sort();
    },
  };
}
