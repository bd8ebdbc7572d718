/**
 * `kubectl set`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl set --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl set --help` prints, as data. */
export const setHelp: HelpData = {
  "short": "Set specific features on objects",
  "aliases": [],
  "long": "Configure application resources.\n\n These commands help you make changes to existing application resources.",
  "usage": "kubectl set SUBCOMMAND [options]",
  "flags": []
};
