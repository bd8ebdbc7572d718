/// <reference types="vite/client" />
/// <reference types="svelte" />

declare module 'virtual:kubernetes-schema' {
  /** The editor's JSON schema of every built-in kind (scripts/schemas/kubernetes-schema.ts). */
  const schema: Record<string, unknown>;
  export default schema;
}
