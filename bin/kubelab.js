#!/usr/bin/env node
// The `kubelab` command. The engine and server are TypeScript; tsx runs them directly, so the
// command works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli.ts');
process.exitCode = await main(process.argv.slice(2));
