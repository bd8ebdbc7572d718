/**
 * The last-applied annotation as `kubectl create --save-config`, `replace --save-config` and
 * `apply` write it (GetModifiedConfiguration with annotate=true).
 */
import { buildLastApplied, lastAppliedAnnotation } from '../../api/apply/index.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Json } from './write-support.ts';

/** A copy of the configuration carrying its own last-applied annotation (computed without that annotation). */
export function buildLastAppliedFor(object: Json): Json {
  const modified = structuredClone(object);
  const metadata = (modified.metadata ??= {}) as Json;
  const annotations = { ...((metadata.annotations ?? {}) as Record<string, string>) };
  delete annotations[lastAppliedAnnotation];
  const value = buildLastApplied({ ...modified, metadata: { ...metadata, annotations } } as unknown as KubeObject);
  metadata.annotations = { ...annotations, [lastAppliedAnnotation]: value };
  return modified;
}
