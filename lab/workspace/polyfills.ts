// isomorphic-git reads a global Buffer at call time, and lightning-fs's text encoder probes
// `global` (undefined in browsers and workers). Imported before either (research/stack-recipe.md §4).
import { Buffer } from 'buffer';

const scope = globalThis as { Buffer?: unknown; global?: unknown };
scope.Buffer ??= Buffer;
scope.global ??= globalThis;
