import { describe, expect, it } from 'vitest';
import { LessonShelf, loadLessons } from './catalogue.ts';
import type { LessonBundle } from './types.ts';

const checks = '- {id: done, title: Done, type: rollout, resource: deployments, name: web}\n';

/** A lesson folder's files under `folder/`, valid unless `files` overrides one. */
function folder(name: string, id: string, files: Record<string, string> = {}): LessonBundle {
  const all: Record<string, string> = {
    'lesson.md': `---\nid: ${id}\ntitle: Title of ${name}\nsummary: S\ntime: 5\n---\n# ${id}\n`,
    'checks.yaml': checks,
    'solution.sh': 'kubectl apply -f files/web.yaml\n',
    ...files,
  };
  return Object.fromEntries(Object.entries(all).map(([path, text]) => [`${name}/${path}`, text]));
}

// Out of order on purpose: the list follows the folders' numbers, not the bundle's key order.
const bundle: LessonBundle = {
  ...folder('03-scale', 'scale'),
  ...folder('01-apply', 'apply'),
  ...folder('02-broken', 'broken', { 'checks.yaml': 'id: x' }),
  ...folder('04-twice', 'twice', { 'checks.yaml': '- {id: a, title: A, type: regex}' }),
  ...folder('05-twice', 'twice'),
  ...folder('06-apply', 'apply'),
  'README.md': 'not a lesson',
};

const problems = [
  '02-broken/checks.yaml: checks.yaml must be a list of checks',
  '04-twice/checks.yaml: check "a": unknown type "regex" (known: object, count, rollout, audit, http)',
  '06-apply: the id "apply" is used twice',
];

describe('loadLessons', () => {
  it('reads the folders in number order and says why the others did not load', () => {
    const { lessons, problems: found } = loadLessons(bundle);
    expect({ lessons: lessons.map((l) => [l.folder, l.title.en]), problems: found }).toEqual({
      lessons: [['01-apply', 'Title of 01-apply'], ['03-scale', 'Title of 03-scale'], ['05-twice', 'Title of 05-twice']],
      problems,
    });
  });
});

describe('LessonShelf', () => {
  it.each([
    ['apply', '01-apply', ['01-apply']],
    // The first folder with the id failed, so the lesson is the next one, as the whole list has it.
    ['twice', '05-twice', ['04-twice', '05-twice']],
    ['broken', undefined, ['02-broken']],
    ['nope', undefined, []],
  ])('finds %s by reading only the folders named for it', (id, expected, read) => {
    const told: (readonly string[])[] = [];
    const shelf = new LessonShelf(bundle, (found) => told.push(found));
    expect(shelf.find(id)?.folder).toBe(expected);
    expect({ read: [...(shelf as unknown as { read: Map<string, unknown> }).read.keys()], told }).toEqual({ read, told: [] });
  });

  it('lists what loadLessons lists, tells the problems once, and keeps the lessons it found first', () => {
    const told: (readonly string[])[] = [];
    const shelf = new LessonShelf(bundle, (found) => told.push(found));
    const apply = shelf.find('apply');
    expect(shelf.list()).toEqual(loadLessons(bundle).lessons);
    expect(shelf.list()[0]).toBe(apply);
    expect(shelf.find('apply')).toBe(apply);
    expect(shelf.find('scale')?.folder).toBe('03-scale');
    expect(told).toEqual([problems]);
  });
});
