// One-way imports (DESIGN.md "Layout"): the engine is plain TypeScript that runs in a browser
// worker and in Node, so it must not reach into the adapters or any UI library.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const adapters = ['**/lab/**', '**/worker/**', '**/server/**', '**/bin/**'];
const uiLibraries = ['svelte', 'svelte/*', 'comlink', 'monaco-editor', 'monaco-editor/*', 'monaco-yaml', '@xterm/*'];
const nodeOnly = ['node:*', 'fs', 'path', 'http', 'child_process', 'os', 'net'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-offline/**', 'engine/api/openapi/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['engine/**/*.ts'],
    ignores: ['engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: adapters, message: 'engine/ imports nothing of lab, worker, server or bin.' },
          { group: uiLibraries, message: 'engine/ is UI-free.' },
          { group: nodeOnly, message: 'engine/ runs in the browser too: no Node built-ins.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'setTimeout', message: 'Time is virtual: use the engine clock.' },
        { name: 'setInterval', message: 'Time is virtual: use the engine clock.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Time is virtual: use the engine clock.' },
        { object: 'Math', property: 'random', message: 'Use the seeded random source.' },
      ],
    },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
