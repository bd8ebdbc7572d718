/**
 * `lesson.md` front matter: a YAML mapping between `---` lines at the top of the file, then the
 * Markdown body (the steps).
 */
import { parse } from 'yaml';

/** The front matter's fields and the body after it. */
export interface FrontMatter {
  fields: Record<string, unknown>;
  body: string;
}

/** Split front matter from the body; throws when the file does not start with a closed `---` block. */
export function parseFrontMatter(source: string, name: string): FrontMatter {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!match) throw new Error(`${name}: a lesson starts with front matter between --- lines`);
  const fields: unknown = parse(match[1], { maxAliasCount: 0 });
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) throw new Error(`${name}: the front matter must be a mapping`);
  return { fields: fields as Record<string, unknown>, body: source.slice(match[0].length) };
}
