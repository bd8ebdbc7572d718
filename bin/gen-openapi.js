#!/usr/bin/env node
// npm's postinstall: generate the OpenAPI v3 documents of the built-in kinds from kubernetes-types
// (engine/api/openapi/generated/, git-ignored). The generator is TypeScript, so run it with tsx.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/openapi/generate.ts')], {
  cwd: root,
  stdio: 'inherit',
});
if (result.error) {
  console.error(`openapi: could not run the generator: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
