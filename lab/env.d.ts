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
