/**
 * Limits that keep a pasted manifest from hurting the simulated cluster. The size limit is the API
 * server's own request limit; the others are far above what any Kubernetes object needs.
 */

/** The API server refuses bodies over 3 MiB: `Request entity too large: limit is 3145728`. */
export const maxRequestBytes = 3 * 1024 * 1024;

/**
 * Deepest nesting of mappings, sequences and flow brackets accepted. Real objects stay under ~15;
 * the `yaml` package plus V8 can abort the whole process on a few thousand, so we screen first.
 */
export const maxNestingDepth = 64;

/** Most keys one mapping may hold (a 1 MiB ConfigMap of one-byte entries stays well under this). */
export const maxKeysPerMapping = 100_000;
