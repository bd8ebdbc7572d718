// monaco-yaml's worker, wrapped so Vite bundles it as a `?worker` (monaco-yaml's FAQ for Vite).
import 'monaco-yaml/yaml.worker.js';
