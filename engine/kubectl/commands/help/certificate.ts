/**
 * `kubectl certificate`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl certificate --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl certificate --help` prints, as data. */
export const certificateHelp: HelpData = {
  "short": "Modify certificate resources",
  "aliases": [],
  "long": "Modify certificate resources.",
  "usage": "kubectl certificate SUBCOMMAND [options]",
  "flags": []
};
