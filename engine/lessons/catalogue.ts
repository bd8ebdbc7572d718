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

/** Read every lesson folder of a bundle (`NN-ID/…` paths). */
export function loadLessons(bundle: LessonBundle): LessonCatalogue {
  const folders = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(bundle)) {
    const slash = path.indexOf('/');
    if (slash < 0) continue;
    const folder = path.slice(0, slash);
    if (!folderPattern.test(folder)) continue;
    if (!folders.has(folder)) folders.set(folder, {});
    folders.get(folder)![path.slice(slash + 1)] = text;
  }
  const lessons: Lesson[] = [];
  const problems: string[] = [];
  for (const folder of [...folders.keys()].sort()) {
    try {
      const lesson = readLesson(folder, folders.get(folder)!);
      if (lessons.some((l) => l.id === lesson.id)) throw new Error(`${folder}: the id "${lesson.id}" is used twice`);
      lessons.push(lesson);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return { lessons, problems };
}
