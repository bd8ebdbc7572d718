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

export { monaco };
