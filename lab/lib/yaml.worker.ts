// monaco-yaml's worker, wrapped so Vite bundles it as a `?worker` (monaco-yaml's FAQ for Vite).
// The Kubernetes schema travels with the worker as JSON text and is parsed here, off the page's
// main thread: monaco-yaml's worker asks for a schema by `fetch(uri)`, so that one uri is answered
// from the bundle, and any other (a `$schema` modeline in a learner's file) is refused: the lab
// asks nothing of any host but its own.
import 'monaco-yaml/yaml.worker.js';
import schemaText from 'virtual:kubernetes-schema';
import { kubernetesSchemaUri } from './kubernetes-schema-uri.ts';

const fetchAnything = globalThis.fetch.bind(globalThis);
globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const url = input instanceof Request ? input.url : String(input);
  if (url === kubernetesSchemaUri) return Promise.resolve(new Response(schemaText, { headers: { 'content-type': 'application/json' } }));
  // monaco-yaml only fetches schemas; a relative or same-origin one would still be the lab's own.
  let ownOrigin = false;
  try {
    ownOrigin = new URL(url, location.href).origin === location.origin;
  } catch {
    // Not a URL this worker could load anyway.
  }
  return ownOrigin ? fetchAnything(input, init) : Promise.reject(new Error(`the lab loads no schema from ${url}`));
};
