/**
 * Lessons from their folders: a bundle of files (read from disk by `kubelab serve`, bundled by vite
 * for the lab) parsed into `Lesson`s, validated at load, ordered by their `NN-` prefix.
 */
import { parseChecks } from './checks.ts';
import { parseFrontMatter } from './front-matter.ts';
import { parseScript } from './script.ts';
import type { Lesson, LessonBundle, LocalizedText } from './types.ts';

/** Lessons that loaded, and why the others did not. */
export interface LessonCatalogue {
  lessons: Lesson[];
  problems: string[];
}

const folderPattern = /^(\d{2,})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

function localized(en: unknown, zh: unknown, what: string, folder: string): LocalizedText {
  if (typeof en !== 'string' || !en.trim()) throw new Error(`${folder}/lesson.md: front matter needs ${what}`);
  return { en, 'zh-CN': typeof zh === 'string' && zh.trim() ? zh : undefined };
}

/** Files under `prefix` (a folder inside the lesson), keyed by the rest of their path. */
function under(files: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([path]) => path.startsWith(prefix)).map(([path, text]) => [path.slice(prefix.length), text]));
}

/** One lesson from its folder's files (paths relative to the folder); throws on the first problem. */
function readLesson(folder: string, files: Record<string, string>): Lesson {
  const match = folderPattern.exec(folder)!;
  const en = files['lesson.md'];
  if (en === undefined) throw new Error(`${folder}: lesson.md is missing`);
  const english = parseFrontMatter(en, `${folder}/lesson.md`);
  const chinese = files['lesson.zh-CN.md'] === undefined ? undefined : parseFrontMatter(files['lesson.zh-CN.md'], `${folder}/lesson.zh-CN.md`);
  const id = english.fields.id;
  if (id !== match[2]) throw new Error(`${folder}/lesson.md: id must be "${match[2]}", the folder's name after its number`);
  const time = english.fields.time;
  if (typeof time !== 'number' || time <= 0) throw new Error(`${folder}/lesson.md: time must be the minutes the lesson takes`);
  if (files['checks.yaml'] === undefined) throw new Error(`${folder}: checks.yaml is missing`);
  if (files['solution.sh'] === undefined) throw new Error(`${folder}: solution.sh is missing`);
  let checks;
  try {
    checks = parseChecks(files['checks.yaml']);
  } catch (error) {
    throw new Error(`${folder}/checks.yaml: ${(error as Error).message}`, { cause: error });
  }
  parseScript(files['solution.sh'], `${folder}/solution.sh`);
  const wrong = under(files, 'wrong/');
  for (const [name, text] of Object.entries(wrong)) parseScript(text, `${folder}/wrong/${name}`);
  return {
    id: match[2],
    folder,
    title: localized(english.fields.title, chinese?.fields.title, 'a title', folder),
    summary: localized(english.fields.summary, chinese?.fields.summary, 'a summary', folder),
    time,
    body: { en: english.body, 'zh-CN': chinese?.body },
    checks,
    start: under(files, 'start/'),
    files: under(files, 'files/'),
    folderFiles: files,
    solution: files['solution.sh'],
    wrong,
  };
}

/** A bundle's lesson folders (`NN-ID/…` paths grouped by folder), in `NN` order. */
function foldersOf(bundle: LessonBundle): Map<string, Record<string, string>> {
  const folders = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(bundle)) {
    const slash = path.indexOf('/');
    if (slash < 0) continue;
    const folder = path.slice(0, slash);
    if (!folderPattern.test(folder)) continue;
    if (!folders.has(folder)) folders.set(folder, {});
    folders.get(folder)![path.slice(slash + 1)] = text;
  }
  return new Map([...folders.keys()].sort().map((folder) => [folder, folders.get(folder)!]));
}

/** Read every lesson folder of a bundle (`NN-ID/…` paths). */
export function loadLessons(bundle: LessonBundle): LessonCatalogue {
  return new LessonShelf(bundle).catalogue();
}

/** Where lessons are looked up: by id, or the whole list in `NN` order (LabControl reads one). */
export interface LessonSource {
  find(id: string): Lesson | undefined;
  list(): readonly Lesson[];
}

/**
 * A bundle's lessons, each folder parsed the first time it is needed: `find(id)` reads only the
 * folders named for that id, so a lab that opens one lesson does not parse all of them before its
 * first answer (~50 ms cold in the worker); `list()` reads the rest, once. Both answer exactly what
 * `loadLessons` would: a folder that fails to parse is skipped, a second folder with a used id too.
 */
export class LessonShelf implements LessonSource {
  private readonly folders: Map<string, Record<string, string>>;
  /** Each folder read so far: its lesson, or why it did not load. */
  private readonly read = new Map<string, Lesson | Error>();
  private loaded: LessonCatalogue | undefined;

  /** `onLoaded` is told the problems once, when the whole list is first read. */
  constructor(bundle: LessonBundle, private readonly onLoaded?: (problems: readonly string[]) => void) {
    this.folders = foldersOf(bundle);
  }

  private readFolder(folder: string): Lesson | Error {
    let lesson = this.read.get(folder);
    if (lesson === undefined) {
      try {
        lesson = readLesson(folder, this.folders.get(folder)!);
      } catch (error) {
        lesson = error as Error;
      }
      this.read.set(folder, lesson);
    }
    return lesson;
  }

  /**
   * The lesson `id`. A lesson's id is its folder's name after the number, so only those folders are
   * read; the first that loads is the one the whole list keeps (an earlier one with the id failed).
   */
  find(id: string): Lesson | undefined {
    if (this.loaded) return this.loaded.lessons.find((l) => l.id === id);
    for (const folder of this.folders.keys()) {
      if (folderPattern.exec(folder)![2] !== id) continue;
      const lesson = this.readFolder(folder);
      if (!(lesson instanceof Error)) return lesson;
    }
    return undefined;
  }

  list(): readonly Lesson[] {
    return this.catalogue().lessons;
  }

  /** Every lesson that loaded, in order, and the problems of the others. */
  catalogue(): LessonCatalogue {
    if (this.loaded) return this.loaded;
    const lessons: Lesson[] = [];
    const problems: string[] = [];
    for (const folder of this.folders.keys()) {
      const lesson = this.readFolder(folder);
      if (lesson instanceof Error) problems.push(lesson.message);
      else if (lessons.some((l) => l.id === lesson.id)) problems.push(`${folder}: the id "${lesson.id}" is used twice`);
      else lessons.push(lesson);
    }
    this.loaded = { lessons, problems };
    this.onLoaded?.(problems);
    return this.loaded;
  }
}
