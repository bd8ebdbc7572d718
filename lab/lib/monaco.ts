/**
 * Monaco with YAML, loaded only when the editor pane first opens (a dynamic import, so it is not
 * part of the page's critical JavaScript). monaco-editor 0.52.2 works with monaco-yaml 5.5.1
 * without shims (research/stack-recipe.md §3).
 *
 * The Kubernetes schema (`virtual:kubernetes-schema`, built by vite.config.ts from the engine's
 * OpenAPI documents with scripts/schemas/kubernetes-schema.ts, held by the YAML worker) picks each document's kind by
 * `apiVersion` and `kind`: completion, hover docs, and a marker on every unknown field.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/editor/editor.all.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import { kubernetesSchemaUri } from './kubernetes-schema-uri.ts';
import YamlWorker from './yaml.worker.ts?worker';
// Internal modules, for `prepareEditor` only (typed in monaco-internals.d.ts).
import { PixelRatio } from 'monaco-editor/esm/vs/base/browser/pixelRatio.js';
import { FontMeasurements } from 'monaco-editor/esm/vs/editor/browser/config/fontMeasurements.js';
import { editorOptionsRegistry } from 'monaco-editor/esm/vs/editor/common/config/editorOptions.js';
import { BareFontInfo } from 'monaco-editor/esm/vs/editor/common/config/fontInfo.js';

// monaco's own typings declare the global `MonacoEnvironment`.
self.MonacoEnvironment = {
  getWorker: (_moduleId: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};

// monaco 0.52's WordHighlighter leaves a rejected promise unhandled when the editor switches model
// while a highlight is pending (microsoft/monaco-editor#4702, #5135; fixed upstream by
// microsoft/vscode#285887): an expected cancellation, not an error. Only that one is silenced.
addEventListener('unhandledrejection', (event) => {
  const reason = event.reason as { name?: unknown; message?: unknown } | null;
  if (reason && reason.name === 'Canceled' && reason.message === 'Canceled') event.preventDefault();
});

/** Where the learner's files live in monaco (the schema's fileMatch covers them). */
export const modelRoot = 'file:///workspace/';

// The schema is named, not passed: the YAML worker has it (lib/yaml.worker.ts answers its uri),
// so the page neither parses it nor copies it to the worker.
configureMonacoYaml(monaco, {
  enableSchemaRequest: true,
  validate: true,
  completion: true,
  hover: true,
  format: { enable: false },
  isKubernetes: true,
  schemas: [{ uri: kubernetesSchemaUri, fileMatch: ['*.yaml', '*.yml'] }],
});

/**
 * Does, in a task of its own, the parts of `monaco.editor.create(host, options)` and of its first
 * render that monaco does once per page and then caches: measuring the font (a forced layout of
 * probe elements), the theme's stylesheet, tokenizing the first lines of the model it will show,
 * and compiling the line renderer. Creating the editor and its first frame are then shorter tasks.
 */
export function prepareEditor(options: monaco.editor.IStandaloneEditorConstructionOptions, model: monaco.editor.ITextModel | null): void {
  // The font is measured as the editor's configuration would: its options validated, keyed by the
  // same BareFontInfo, for the window's pixel ratio.
  const validated = { get: (id: number) => editorOptionsRegistry[id].validate((options as Record<string, unknown>)[editorOptionsRegistry[id].name]) };
  FontMeasurements.readFontInfo(window, BareFontInfo.createFromValidatedSettings(validated, PixelRatio.getInstance(window).value, false));
  if (options.theme) monaco.editor.setTheme(options.theme);
  // Colouring a line adds the theme's stylesheet to the page, tokenizes the line and runs the
  // renderer the editor's view lines use: the first frame then finds its tokens ready and its code
  // compiled. A screenful is enough.
  if (!model) return;
  for (let line = 1; line <= Math.min(model.getLineCount(), 60); line++) monaco.editor.colorizeModelLine(model, line, options.tabSize);
}

export { monaco };
