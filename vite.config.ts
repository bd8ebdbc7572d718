/// <reference types="vitest/config" />
// The lab's build (DESIGN.md contract 6): `vite build` → dist/ with relative paths; `--mode offline`
// → dist-offline/index.html, one file that works from file:// (workers inlined as classic blob
// workers: Chromium refuses module blob workers and file workers there). See
// research/stack-recipe.md §6.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { buildKubernetesSchema, type OpenapiDocumentLike } from './scripts/schemas/kubernetes-schema.ts';
import { lessonsDir, readLessonBundle } from './server/lessons.ts';
import { monacoStages } from './scripts/monaco-stages/plugin.ts';

/** Offline: every `?worker` import becomes `?worker&inline` (a blob: URL). */
function inlineWorkers(): Plugin {
  return {
    name: 'kubelab:inline-workers',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (/[?&]worker$/.test(source)) return this.resolve(`${source}&inline`, importer, { ...options, skipSelf: true });
      return null;
    },
  };
}

/**
 * The engine's OpenAPI documents (3.4 MB of JSON) serve only `kubelab serve`'s /openapi/v3; the
 * browser never loads them, so the bundle gets an empty stand-in instead of a dead chunk (which
 * the single-file build would otherwise inline).
 */
function noOpenapiDocuments(): Plugin {
  const id = '\0kubelab:no-openapi-documents';
  return {
    name: 'kubelab:no-openapi-documents',
    enforce: 'pre',
    resolveId(source) {
      return source.endsWith('/generated/documents.json') ? id : null;
    },
    load(loaded) {
      return loaded === id ? 'export default {};' : null;
    },
  };
}

/**
 * `virtual:kubernetes-schema`: the editor's JSON schema of every built-in kind as JSON text, built
 * from the OpenAPI documents `npm install` generated (scripts/schemas/kubernetes-schema.ts). Only
 * the YAML language worker imports it (lab/lib/yaml.worker.ts) and parses it there: 800 KB of
 * JSON parsed on the page's main thread was a long task while the editor loaded.
 */
function kubernetesSchema(): Plugin {
  const id = '\0virtual:kubernetes-schema';
  const documents = fileURLToPath(new URL('./engine/api/openapi/generated/documents.json', import.meta.url));
  return {
    name: 'kubelab:kubernetes-schema',
    resolveId(source) {
      return source === 'virtual:kubernetes-schema' ? id : null;
    },
    load(loaded) {
      if (loaded !== id) return null;
      let text: string;
      try {
        text = readFileSync(documents, 'utf8');
      } catch {
        throw new Error(`${documents} is missing: run \`node bin/gen-openapi.js\` (npm install runs it)`);
      }
      this.addWatchFile(documents);
      const schema = buildKubernetesSchema(JSON.parse(text) as Record<string, OpenapiDocumentLike>);
      return `export default ${JSON.stringify(JSON.stringify(schema))};`;
    },
  };
}

/**
 * `virtual:kubelab-lessons`: every file of lessons/ as one bundle (`01-apply/lesson.md` → text),
 * the same bundle `kubelab serve` reads from disk, for the worker (14 KB of text; the worker parses
 * it only when a lesson is asked for). `virtual:kubelab-lesson-ids`: just the ids, for the page.
 */
function lessonBundle(): Plugin {
  const modules = ['virtual:kubelab-lessons', 'virtual:kubelab-lesson-ids'];
  return {
    name: 'kubelab:lessons',
    resolveId(source) {
      return modules.includes(source) ? `\0${source}` : null;
    },
    load(loaded) {
      if (!modules.includes(loaded.slice(1))) return null;
      const bundle = readLessonBundle();
      for (const path of Object.keys(bundle)) this.addWatchFile(`${lessonsDir}/${path}`);
      // The page needs only the ids, in order (the default lesson is the first): a few bytes.
      if (loaded.endsWith('ids')) {
        const ids = [...new Set(Object.keys(bundle).map((path) => /^\d{2,}-([a-z0-9-]+)\//.exec(path)?.[1]).filter(Boolean))];
        return `export default ${JSON.stringify(ids)};`;
      }
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(bundle))});`;
    },
  };
}

/**
 * `import.meta.env.KUBELAB_BOOTSTRAP_IMAGE` in the built worker: the default cluster's bootstrap
 * image (seed 1, default start and history) as engine/bootstrap-image.ts writes it, computed by
 * running this very engine in Node at build time, so the browser's first cluster copies it instead of
 * running ~370 objects through the API pipeline (engine/bootstrap-image.test.ts proves the copy is
 * the same cluster). `import.meta.env.KUBELAB_FIRST_ANSWER_IMAGE`: the API objects of the labs that
 * start the same every time (the playground, the first lesson) once built, as the difference from
 * that bootstrap image, so the worker answers a first `kubectl get` while it builds the lab
 * (worker/first-answers.ts; first-answers.test.ts proves the answers are the lab's). Build only:
 * under `vite` (dev) the engine may change under a running server, so the worker computes all
 * of it itself there.
 */
function shippedImages(): Plugin {
  const script = [
    "import { Cluster } from './engine/cluster.ts';",
    "import { bootstrapImageKey, encodeBootstrapImage } from './engine/bootstrap-image.ts';",
    "import { readLessonBundle } from './server/lessons.ts';",
    "import { firstAnswerImageText } from './worker/first-answer-image.ts';",
    'const cluster = new Cluster({ seed: 1, controllers: false });',
    'const bootstrap = encodeBootstrapImage(bootstrapImageKey(cluster.seed, cluster.now(), undefined));',
    'process.stdout.write(JSON.stringify({ bootstrap, firstAnswers: firstAnswerImageText(readLessonBundle()) }));',
  ].join('\n');
  return {
    name: 'kubelab:shipped-images',
    apply: 'build',
    config() {
      const root = fileURLToPath(new URL('.', import.meta.url));
      const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
      const { bootstrap, firstAnswers } = JSON.parse(out) as { bootstrap?: string; firstAnswers: string };
      if (!bootstrap?.startsWith('{')) throw new Error(`the bootstrap image came out empty: ${out.slice(0, 200)}`);
      return {
        define: {
          'import.meta.env.KUBELAB_BOOTSTRAP_IMAGE': JSON.stringify(bootstrap),
          'import.meta.env.KUBELAB_FIRST_ANSWER_IMAGE': JSON.stringify(firstAnswers),
        },
      };
    },
  };
}

export default defineConfig(({ mode }) => {
  const offline = mode === 'offline';
  return {
    base: './',
    // embed.js (contract 3) ships in dist/; the single offline file has no use for it.
    publicDir: offline ? false : 'lab/public',
    plugins: [noOpenapiDocuments(), kubernetesSchema(), lessonBundle(), shippedImages(), monacoStages(fileURLToPath(new URL('./lab/lib/monaco.ts', import.meta.url)), { count: 16, chunks: !offline }), svelte(), ...(offline ? [inlineWorkers(), viteSingleFile()] : [])],
    worker: {
      format: offline ? 'iife' : 'es',
      plugins: () => [noOpenapiDocuments(), kubernetesSchema(), lessonBundle()],
      // ASCII only (non-ASCII escaped): Blink then decodes the 1.7 MB cluster worker script on its
      // one-byte fast path, and V8 scans a one-byte string; the lessons' Chinese text made it two-byte.
      // The offline build's classic (iife) worker cannot load chunks: entry.ts's import() is inlined.
      rolldownOptions: { output: { charset: 'ascii', ...(offline ? { codeSplitting: false } : {}) } },
    },
    optimizeDeps: { include: ['yaml', 'comlink', 'monaco-yaml/yaml.worker.js'] },
    build: {
      outDir: offline ? 'dist-offline' : 'dist',
      emptyOutDir: true,
      chunkSizeWarningLimit: 5000,
      reportCompressedSize: false,
      rolldownOptions: { output: { charset: 'ascii' } },
    },
  };
});
