/**
 * `virtual:monaco-stages` (build only): a list of `() => import(…)`, one per stage of the editor's
 * modules, for the page to import one after another, a task apart, before it imports monaco itself
 * (plan.ts says why and how the stages keep the evaluation order), and `files`, the URLs of every
 * chunk the stages load, for the page to fetch at once. Each stage is one chunk, but in the offline
 * build's one file.
 *
 * The list is empty under `vite` (dev), which pre-bundles monaco into one file: the stages' own
 * copies of its modules would be a second monaco.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAst, type Plugin } from 'vite';
import { evaluationUnits, stagesOf, type EvaluationUnit } from './plan.ts';

type Resolve = (source: string, importer?: string) => Promise<string | undefined>;

const listId = '\0virtual:monaco-stages';
const stagePrefix = '\0virtual:monaco-stage-';
const filesMarker = 'kubelab:monaco-stage-files';

/** `fileName` (a path in the bundle) as a URL relative to the folder `base` (ending in `/`, or empty). */
function relativeTo(base: string, fileName: string): string {
  if (fileName.startsWith(base)) return `./${fileName.slice(base.length)}`;
  return `${'../'.repeat(base.split('/').length - 1)}${fileName}`;
}

/** The static import sources of a module's text, in source order (`fileName`'s extension says JS or TS). */
export function staticImports(code: string, fileName: string): string[] {
  const sources: string[] = [];
  for (const statement of parseAst(code, { lang: fileName.endsWith('.ts') ? 'ts' : 'js' }, fileName).body) {
    const from = statement.type === 'ImportDeclaration' || statement.type === 'ExportAllDeclaration' || statement.type === 'ExportNamedDeclaration' ? statement : undefined;
    // A type-only import is erased: it evaluates nothing.
    if (!from?.source || ('importKind' in from && from.importKind === 'type') || ('exportKind' in from && from.exportKind === 'type')) continue;
    sources.push(String(from.source.value));
  }
  return sources;
}

/** Every module `entries` reach, with its resolved imports in order, and its size in bytes. */
async function moduleGraph(entries: readonly string[], resolve: Resolve): Promise<{ roots: string[]; importsOf: Map<string, string[]>; bytes: Map<string, number> }> {
  const importsOf = new Map<string, string[]>();
  const bytes = new Map<string, number>();
  const roots: string[] = [];
  for (const entry of entries) {
    const id = await resolve(entry);
    if (!id) throw new Error(`monaco stages: cannot resolve ${entry}`);
    roots.push(id);
  }
  // Modules are read, and their imports resolved, concurrently: one after another, the ~1,200
  // modules' resolutions took most of the build.
  const visit = async (id: string): Promise<void> => {
    if (importsOf.has(id)) return;
    importsOf.set(id, []);
    const path = id.split('?')[0]!;
    if (id.startsWith('\0') || !/\.m?js$/.test(path)) return; // a stylesheet or a virtual module: no imports to follow
    const code = readFileSync(path, 'utf8');
    bytes.set(id, code.length);
    const resolved = await Promise.all(staticImports(code, path).map(async (source) => {
      const dependency = await resolve(source, id);
      if (!dependency) throw new Error(`monaco stages: cannot resolve ${source} from ${id}`);
      return dependency;
    }));
    importsOf.set(id, resolved);
    await Promise.all(resolved.map(visit));
  };
  await Promise.all(roots.map(visit));
  return { roots, importsOf, bytes };
}

/**
 * The plugin. `monacoModule` is the page's module that imports monaco (lib/monaco.ts): the stages
 * cover the packages it imports, in its order, but not its workers (`?worker`) or its own files,
 * in `count` stages (1 or more).
 * `chunks: false` when the build makes one file (offline): the stages still evaluate apart there,
 * as the bundler keeps each dynamically imported module's code behind its own first call.
 */
export function monacoStages(monacoModule: string, { count, chunks }: { count: number; chunks: boolean }): Plugin {
  const entries = staticImports(readFileSync(monacoModule, 'utf8'), monacoModule).filter((source) => !source.startsWith('.') && !source.includes('?'));
  let building = false;
  let plan: Promise<EvaluationUnit[][]> | undefined;
  // Each stage's modules make one chunk: left to itself, the bundler cut monaco into ~100 shared
  // chunks, and a browser fetches 6 at a time from an HTTP/1.1 server such as `kubelab serve`. A
  // stage's imports are in earlier stages already; by default a group would take them too, and with
  // them the bundler's runtime helpers, which the page's first chunk shares.
  const stageOf = new Map<string, number>();
  const groups = Array.from({ length: count }, (_, i) => ({ name: `monaco-stage-${i}`, test: (id: string) => stageOf.get(id) === i, includeDependenciesRecursively: false }));
  return {
    name: 'kubelab:monaco-stages',
    config() {
      if (!chunks) return;
      return { build: { rolldownOptions: { output: { codeSplitting: { groups } } } } };
    },
    configResolved(config) {
      building = config.command === 'build';
    },
    resolveId(source) {
      return source === 'virtual:monaco-stages' || source.startsWith('virtual:monaco-stage-') ? `\0${source}` : null;
    },
    async load(id) {
      if (id === listId) {
        // Monaco's ~5,000 imports between its own files are relative paths with their extension: a
        // path join gives the bundler's id without a round trip through every plugin's resolver.
        const resolve: Resolve = async (source, importer) => {
          const joined = importer && /^\.\.?\//.test(source) && source.endsWith('.js') ? join(dirname(importer), source) : undefined;
          if (joined && existsSync(joined)) return joined;
          return (await this.resolve(source, importer))?.id;
        };
        plan ??= building
          ? moduleGraph(entries, resolve).then(({ roots, importsOf, bytes }) => stagesOf(evaluationUnits(roots, importsOf), (module) => bytes.get(module) ?? 0, count))
          : Promise.resolve([]);
        const stages = await plan;
        stages.forEach((stage, i) => {
          for (const unit of stage) for (const module of unit.modules) stageOf.set(module, i);
        });
        // generateBundle writes the chunk files in place of the marker, once there are chunks.
        return [
          `export const files = ${stages.length ? JSON.stringify(filesMarker) : '[]'};`,
          `export default [${stages.map((_, i) => `() => import('virtual:monaco-stage-${i}')`).join(', ')}];`,
        ].join('\n');
      }
      if (!id.startsWith(stagePrefix)) return null;
      const stage = (await plan)?.[Number(id.slice(stagePrefix.length))];
      if (!stage) throw new Error(`monaco stages: no ${id.slice(1)}`);
      return stage.map((unit) => `import ${JSON.stringify(unit.root)};`).join('\n');
    },
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      const list = chunks.find((chunk) => chunk.moduleIds.includes(listId));
      if (!list || !building) return;
      // The minifier may quote the marker with any of JavaScript's three quotes.
      const marker = new RegExp(`([\`'"])${filesMarker}\\1`);
      if (!marker.test(list.code)) this.error(`monaco stages: ${list.fileName} lost the files marker`);
      // Every JavaScript file the stages load, so the page can fetch them all at once (the
      // stages' own imports would fetch them a stage at a time).
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const files = new Set<string>();
      const add = (fileName: string): void => {
        if (files.has(fileName)) return;
        files.add(fileName);
        for (const imported of byName.get(fileName)?.imports ?? []) add(imported);
      };
      for (const chunk of chunks) if (chunk.facadeModuleId?.startsWith(stagePrefix)) add(chunk.fileName);
      const base = list.fileName.slice(0, list.fileName.lastIndexOf('/') + 1);
      const urls = [...files].map((fileName) => `new URL(${JSON.stringify(relativeTo(base, fileName))}, import.meta.url).href`);
      list.code = list.code.replace(marker, `[${urls.join(',')}]`);
    },
  };
}
