/**
 * `kubectl plugin`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl plugin --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl plugin --help` prints, as data. */
export const pluginHelp: HelpData = {
  "short": "Provides utilities for interacting with plugins",
  "aliases": [],
  "long": "Provides utilities for interacting with plugins.\n\n Plugins provide extended functionality that is not part of the major command-line distribution. Please refer to the documentation and examples for more information about how write your own plugins.\n\n The easiest way to discover and install plugins is via the kubernetes sub-project krew: [krew.sigs.k8s.io]. To install krew, visit https://krew.sigs.k8s.io/docs/user-guide/setup/install",
  "examples": "  # List all available plugins\n  kubectl plugin list\n  \n  # List only binary names of available plugins without paths\n  kubectl plugin list --name-only",
  "usage": "kubectl plugin [flags] [options]",
  "flags": []
};
