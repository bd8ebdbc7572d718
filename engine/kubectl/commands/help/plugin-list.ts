/**
 * `kubectl plugin list`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl plugin list --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl plugin list --help` prints, as data. */
export const pluginListHelp: HelpData = {
  "short": "List all visible plugin executables on a user's PATH",
  "aliases": [],
  "long": "List all available plugin files on a user's PATH. To see plugins binary names without the full path use --name-only flag.\n\n Available plugin files are those that are: - executable - anywhere on the user's PATH - begin with \"kubectl-\"",
  "examples": "  # List all available plugins\n  kubectl plugin list\n  \n  # List only binary names of available plugins without paths\n  kubectl plugin list --name-only",
  "usage": "kubectl plugin list [flags] [options]",
  "flags": [
    {
      "name": "name-only",
      "type": "bool",
      "default": "false",
      "usage": "If true, display only the binary name of each plugin, rather than its full path"
    }
  ]
};
