/**
 * `kubectl auth`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl auth --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl auth --help` prints, as data. */
export const authHelp: HelpData = {
  "short": "Inspect authorization",
  "aliases": [],
  "long": "Inspect authorization.",
  "usage": "kubectl auth [flags] [options]",
  "flags": []
};
