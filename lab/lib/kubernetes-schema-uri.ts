/**
 * The name of the editor's Kubernetes schema: the page configures monaco-yaml with it
 * (lib/monaco.ts) and the YAML worker answers it from the bundled text (lib/yaml.worker.ts).
 * It also names the schema in hovers.
 */
export const kubernetesSchemaUri = 'file:///kubelab/kubernetes-v1.32.json';
