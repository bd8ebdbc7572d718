/** Reading and printing YAML as kubectl does; see README.md. */
export { parseManifests, flattenList } from './parse.ts';
export type { Manifest, ManifestError, ManifestErrorReason, ParseOptions, ParseResult, ParsedDocument } from './parse.ts';
export type { DuplicateField } from './convert.ts';
export { stringifyYaml } from './stringify.ts';
export { resolvePlain } from './resolve.ts';
export { maxKeysPerMapping, maxNestingDepth, maxRequestBytes } from './limits.ts';
