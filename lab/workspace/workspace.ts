/**
 * The learner's files: a git repository in IndexedDB (isomorphic-git over lightning-fs), one
 * database per workspace (`kubelab-<workspace>`). Edits are saved to the working tree as they are
 * typed; every Apply commits the file (`apply FILE`), so the history lists what was applied and a
 * file can be brought back from any commit. Writes check that the file still holds what this tab
 * last saw, so a second tab never silently overwrites the first.
 */
import './polyfills.ts';
import FS from '@isomorphic-git/lightning-fs';
import git from 'isomorphic-git';

const dir = '/workspace';
/** Where the workspace notes which lesson's starting files its working tree began from (git ignores it). */
const lessonRecord = `${dir}/.git/kubelab-lesson`;
const author = { name: 'Learner', email: 'learner@kubelab.local' };

/** A commit as the history lists it. */
export interface CommitInfo {
  oid: string;
  message: string;
  /** Seconds since the epoch (git's author time). */
  time: number;
}

/** One file a commit changed: its text before (the parent's) and after. */
export interface FileChange {
  path: string;
  before: string;
  after: string;
}

/** How a write ended: saved, refused because another tab changed the file, or failed (a full disk). */
export type WriteResult =
  | { ok: true }
  | { ok: false; reason: 'conflict'; disk: string | undefined }
  | { ok: false; reason: 'quota' | 'error'; message: string };

/** The IndexedDB name of a workspace: `kubelab-` and the workspace name in safe characters. */
export function databaseName(workspace: string): string {
  return `kubelab-${workspace.toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 60) || 'default'}`;
}

/** A file name the workspace accepts: one plain name (no folders), as `kubectl apply -f NAME` reads it. */
export function validFileName(name: string): boolean {
  return /^[\w][\w.-]{0,99}$/.test(name) && name !== '.git';
}

/** True when an error says the browser's storage quota is used up. */
export function isQuotaError(error: unknown): boolean {
  const e = error as { name?: unknown; message?: unknown } | undefined;
  return e?.name === 'QuotaExceededError' || /quota/i.test(String(e?.message ?? ''));
}

function failure(error: unknown): WriteResult {
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, reason: isQuotaError(error) ? 'quota' : 'error', message };
}

/** How switching the working tree to a lesson's starting files ended. */
export type LessonStartResult =
  | { ok: true; changed: boolean }
  | Exclude<WriteResult, { ok: true }>;

export class Workspace {
  private fs: FS;

  private constructor(readonly name: string, private starter: Record<string, string>, private starterLesson: string) {
    this.fs = new FS(databaseName(name));
  }

  /**
   * Open (or create, with the starter files committed as `start`) a workspace. `lesson` names the
   * lesson the starter files are from ('' or none: the playground's, or the default file).
   */
  static async open(name: string, starter: Record<string, string>, lesson = ''): Promise<Workspace> {
    const workspace = new Workspace(name, starter, lesson);
    await workspace.ensureRepository();
    return workspace;
  }

  private async ensureRepository(): Promise<void> {
    try {
      await this.fs.promises.stat(`${dir}/.git`);
      return;
    } catch {
      // A new workspace: make the repository.
    }
    await git.init({ fs: this.fs, dir, defaultBranch: 'main' });
    for (const [path, text] of Object.entries(this.starter)) {
      await this.fs.promises.writeFile(`${dir}/${path}`, text, 'utf8');
      await git.add({ fs: this.fs, dir, filepath: path });
    }
    await git.commit({ fs: this.fs, dir, author, message: 'start' });
    await this.fs.promises.writeFile(lessonRecord, this.starterLesson, 'utf8');
  }

  /**
   * The lesson whose starting files the working tree began from ('' for none), or undefined for a
   * workspace made before the lab noted it.
   */
  async lesson(): Promise<string | undefined> {
    try {
      return (await this.fs.promises.readFile(lessonRecord, 'utf8')) as string;
    } catch {
      return undefined;
    }
  }

  /** Note the lesson the working tree belongs to, leaving the files as they are. */
  async adoptLesson(lesson: string): Promise<void> {
    await this.fs.promises.writeFile(lessonRecord, lesson, 'utf8');
  }

  /**
   * Commit every change of the working tree (new, changed and deleted files) as one commit. The
   * answer's oid is undefined when nothing had changed since the last commit.
   */
  async commitAll(message: string): Promise<{ ok: true; oid: string | undefined } | Exclude<WriteResult, { ok: true }>> {
    try {
      let changed = false;
      // Each row is [file, HEAD, working tree, index]: 1 = as in HEAD, 0 = absent, 2 = different.
      for (const [path, head, tree, index] of await git.statusMatrix({ fs: this.fs, dir })) {
        if (tree === 0 && (head !== 0 || index !== 0)) await git.remove({ fs: this.fs, dir, filepath: path });
        else if (tree !== 0 && !(head === 1 && tree === 1 && index === 1)) await git.add({ fs: this.fs, dir, filepath: path });
        else continue;
        changed = true;
      }
      return { ok: true, oid: changed ? await git.commit({ fs: this.fs, dir, author, message }) : undefined };
    } catch (error) {
      return failure(error) as Exclude<WriteResult, { ok: true }>;
    }
  }

  /**
   * Give the working tree a lesson's starting files: when it holds another lesson's files (or
   * `restart`, the learner's "Start over"), first commit what is there as `save files of lesson X`
   * so the history keeps it, then replace every file with the lesson's and commit
   * `start lesson ID`. A workspace that does not know its lesson yet adopts this one as it is.
   */
  async startLesson(lesson: string, files: Record<string, string>, restart = false): Promise<LessonStartResult> {
    const recorded = await this.lesson();
    if (recorded === undefined) await this.adoptLesson(lesson);
    if ((recorded === undefined || recorded === lesson) && !restart) return { ok: true, changed: false };
    const saved = await this.commitAll(recorded ? `save files of lesson ${recorded}` : 'save files');
    if (!saved.ok) return saved;
    try {
      for (const path of await this.files()) if (!(path in files)) await this.remove(path);
      for (const [path, text] of Object.entries(files)) await this.fs.promises.writeFile(`${dir}/${path}`, text, 'utf8');
    } catch (error) {
      return failure(error) as Exclude<WriteResult, { ok: true }>;
    }
    const started = await this.commitAll(`start lesson ${lesson}`);
    if (!started.ok) return started;
    await this.adoptLesson(lesson);
    // "Reset files" in the history starts again from this lesson's files now.
    this.starter = files;
    this.starterLesson = lesson;
    return { ok: true, changed: true };
  }

  /** The files in the working tree, sorted. */
  async files(): Promise<string[]> {
    const names = await this.fs.promises.readdir(dir);
    return names.filter((n) => n !== '.git').sort();
  }

  /** A file's text in the working tree, or undefined when there is no such file. */
  async read(path: string): Promise<string | undefined> {
    try {
      return (await this.fs.promises.readFile(`${dir}/${path}`, 'utf8')) as string;
    } catch {
      return undefined;
    }
  }

  /**
   * Save a file. With `expected` (the text this tab last read or wrote; null for "no such file"),
   * the write happens only if the file still holds it; otherwise the answer is a conflict with
   * what is on disk now, and nothing is overwritten.
   */
  async write(path: string, text: string, expected?: string | null): Promise<WriteResult> {
    if (!validFileName(path)) return { ok: false, reason: 'error', message: `not a file name: ${path}` };
    try {
      if (expected !== undefined) {
        const disk = await this.read(path);
        if ((disk ?? null) !== expected && disk !== text) return { ok: false, reason: 'conflict', disk };
      }
      await this.fs.promises.writeFile(`${dir}/${path}`, text, 'utf8');
      return { ok: true };
    } catch (error) {
      return failure(error);
    }
  }

  /** Delete a file from the working tree (the history keeps it). */
  async remove(path: string): Promise<void> {
    await this.fs.promises.unlink(`${dir}/${path}`);
  }

  /** Commit one file as it is in the working tree; the answer is the new commit's id. */
  async commit(path: string, message: string): Promise<{ ok: true; oid: string } | Exclude<WriteResult, { ok: true }>> {
    try {
      await git.add({ fs: this.fs, dir, filepath: path });
      return { ok: true, oid: await git.commit({ fs: this.fs, dir, author, message }) };
    } catch (error) {
      return failure(error) as Exclude<WriteResult, { ok: true }>;
    }
  }

  /** The newest commits first. */
  async log(depth = 100): Promise<CommitInfo[]> {
    const commits = await git.log({ fs: this.fs, dir, depth });
    return commits.map((c) => ({ oid: c.oid, message: c.commit.message.trim(), time: c.commit.author.timestamp }));
  }

  /** A file's text as a commit recorded it, or undefined when the commit had no such file. */
  async fileAt(oid: string, path: string): Promise<string | undefined> {
    try {
      const { blob } = await git.readBlob({ fs: this.fs, dir, oid, filepath: path });
      return new TextDecoder().decode(blob);
    } catch {
      return undefined;
    }
  }

  /** The files a commit changed, with their text before and after it. */
  async changes(oid: string): Promise<FileChange[]> {
    const { commit } = await git.readCommit({ fs: this.fs, dir, oid });
    const parent = commit.parent[0];
    const after = await git.listFiles({ fs: this.fs, dir, ref: oid });
    const before = parent ? await git.listFiles({ fs: this.fs, dir, ref: parent }) : [];
    const out: FileChange[] = [];
    for (const path of [...new Set([...before, ...after])].sort()) {
      const old = parent ? ((await this.fileAt(parent, path)) ?? '') : '';
      const now = (await this.fileAt(oid, path)) ?? '';
      if (old !== now) out.push({ path, before: old, after: now });
    }
    return out;
  }

  /** Throw away every file and the history, and start again from the starter files. */
  async reset(): Promise<void> {
    this.fs = new FS(databaseName(this.name), { wipe: true });
    await this.ensureRepository();
  }
}
