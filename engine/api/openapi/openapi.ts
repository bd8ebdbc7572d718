/**
 * The API server's `/openapi/v3` endpoints: the index of group-version documents with their
 * `?hash=`, and the documents themselves. Built-in documents are generated at `npm install` time
 * (bin/gen-openapi.js → engine/api/openapi/generated/); custom resource documents are built from
 * their CRDs and passed in.
 */
import generatedIndex from './generated/index.json' with { type: 'json' };
import { customResourceDocument } from './document.ts';
import type { CustomResourceVersion, OpenapiDocument } from './document.ts';
import { contentHash } from './hash.ts';
import { schedulingDecisionsDocument, schedulingDecisionsPath, schedulingDecisionsSchemaText } from './scheduling-decisions.ts';

/** `{"paths": {"apis/apps/v1": {"serverRelativeURL": "/openapi/v3/apis/apps/v1?hash=…"}}}`. */
export interface OpenapiIndex {
  paths: Record<string, { serverRelativeURL: string }>;
}

const generatedHashes = (generatedIndex as { hashes: Record<string, string> }).hashes;
let builtinHashCache: Record<string, string> | undefined;

/**
 * Generated documents' hashes plus Kubelab's own scheduling.kubelab.dev, whose shared schemas are
 * apps/v1's. Computed on first use: hashing that group's schema text cost the lab's worker ~15 ms
 * at import, before its first kubectl answer, and only `/openapi/v3` (kubectl explain) reads it.
 */
function builtinHashes(): Record<string, string> {
  builtinHashCache ??= {
    ...generatedHashes,
    [schedulingDecisionsPath]: contentHash(schedulingDecisionsSchemaText() + (generatedHashes['apis/apps/v1'] ?? '')),
  };
  return builtinHashCache;
}
let builtinDocuments: Record<string, OpenapiDocument> | undefined;

/** The URL kubectl fetches for a document: `/openapi/v3/apis/apps/v1?hash=<HEX>`. */
export function serverRelativeURL(groupVersionPath: string, hash: string): string {
  return `/openapi/v3/${groupVersionPath}?hash=${hash}`;
}

/**
 * The `/openapi/v3` index: every built-in group-version plus `custom` documents (from
 * customResourceDocument), whose hashes are computed from their JSON.
 */
export function openapiIndex(custom: Record<string, OpenapiDocument> = {}): OpenapiIndex {
  const paths: OpenapiIndex['paths'] = {};
  for (const [path, hash] of Object.entries(builtinHashes())) paths[path] = { serverRelativeURL: serverRelativeURL(path, hash) };
  for (const [path, document] of Object.entries(custom)) {
    paths[path] = { serverRelativeURL: serverRelativeURL(path, contentHash(JSON.stringify(document))) };
  }
  return { paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

/**
 * Loads the generated built-in documents (several megabytes, so only when first needed: the HTTP
 * adapter calls this at start-up; the browser lab never needs it).
 */
export async function loadOpenapiDocuments(): Promise<void> {
  if (builtinDocuments) return;
  const module = await import('./generated/documents.json', { with: { type: 'json' } });
  const generated = module.default as unknown as Record<string, OpenapiDocument>;
  const shared = generated['apis/apps/v1']?.components.schemas ?? {};
  builtinDocuments = { ...generated, [schedulingDecisionsPath]: schedulingDecisionsDocument(shared) };
}

/**
 * The document for `api/v1` or `apis/apps/v1`, or undefined for a group-version not served.
 * Custom resource documents come from `custom`. Throws if loadOpenapiDocuments has not finished.
 */
export function openapiDocument(groupVersionPath: string, custom: Record<string, OpenapiDocument> = {}): OpenapiDocument | undefined {
  if (custom[groupVersionPath]) return custom[groupVersionPath];
  if (!builtinDocuments) throw new Error('openapiDocument: call loadOpenapiDocuments() first');
  return builtinDocuments[groupVersionPath];
}

/**
 * The document of a custom group-version, with ObjectMeta and the other shared schemas taken from
 * the loaded built-in apps/v1 document.
 */
export function customResourceOpenapi(crds: readonly CustomResourceVersion[]): OpenapiDocument {
  const base = openapiDocument('apis/apps/v1');
  return customResourceDocument(crds, base?.components.schemas ?? {});
}
