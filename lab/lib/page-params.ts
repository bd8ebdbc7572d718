/**
 * What the lab page's address asks for: `?lesson=ID`, `#lesson=ID` or `#playground` (as embed.js writes it),
 * `?workspace=NAME` to keep separate files, and `#…&embed=ORIGIN` when a host page embeds the lab
 * (the origin it will talk to over postMessage, contract 3).
 */

/** The page's parameters. */
export interface PageParams {
  /** The workspace (files and cluster journal) this page uses. */
  workspace: string;
  lesson?: string;
  /** The host page's origin, when embedded by embed.js. */
  embedParent?: string;
}

/** An origin as `URL.origin` writes it, or undefined for anything else (`null`, paths, junk). */
export function parseOrigin(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === text ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** A lesson id as lesson folders spell it (`NN-ID`): anything else in the address is ignored. */
const lessonIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Read the page's parameters from its address: `?lesson=ID` or `#lesson=ID` opens a lesson;
 * `playground` (`#playground`, `?playground`, a path ending in `/playground`) opens none; with
 * neither, `firstLesson` opens (DESIGN.md contract 1: the lab opens on the first lesson).
 */
export function pageParams(href: string, firstLesson?: string): PageParams {
  const url = new URL(href);
  const hash = new URLSearchParams(url.hash.replace(/^#/, ''));
  const playground = hash.has('playground') || url.searchParams.has('playground') || /\/playground\/?$/.test(url.pathname);
  const asked = hash.get('lesson') || url.searchParams.get('lesson') || undefined;
  const lesson = playground ? undefined : asked && lessonIdPattern.test(asked) ? asked : firstLesson;
  const named = url.searchParams.get('workspace') || hash.get('workspace');
  const workspace = named || lesson || 'playground';
  const embedParent = parseOrigin(hash.get('embed'));
  return { workspace, ...(lesson ? { lesson } : {}), ...(embedParent ? { embedParent } : {}) };
}
