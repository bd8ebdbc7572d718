/// <reference types="vite/client" />
/// <reference types="svelte" />

declare module 'virtual:kubernetes-schema' {
  /** The editor's JSON schema of every built-in kind, as JSON text (scripts/schemas/kubernetes-schema.ts). */
  const text: string;
  export default text;
}

declare module 'virtual:kubelab-lessons' {
  /** Every file of lessons/, by path relative to it (vite.config.ts `lessonBundle`). */
  const bundle: Record<string, string>;
  export default bundle;
}

declare module 'virtual:kubelab-lesson-ids' {
  /** The lesson ids in their folders' `NN` order. */
  const ids: string[];
  export default ids;
}

declare module 'virtual:monaco-stages' {
  /** Imports of the editor's modules in stages, in evaluation order (scripts/monaco-stages); empty under `vite` dev. */
  const stages: (() => Promise<unknown>)[];
  export default stages;
  /** The URLs of every JavaScript file the stages load, to fetch at once. */
  export const files: string[];
}
