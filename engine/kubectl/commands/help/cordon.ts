/**
 * `kubectl cordon`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl cordon --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl cordon --help` prints, as data. */
export const cordonHelp: HelpData = {
  "short": "Mark node as unschedulable",
  "aliases": [],
  "long": "Mark node as unschedulable.",
  "examples": "  # Mark node \"foo\" as unschedulable\n  kubectl cordon foo",
  "usage": "kubectl cordon NODE [options]",
  "flags": [
    {
      "name": "dry-run",
      "type": "string",
      "default": "'none'",
      "usage": "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."
    },
    {
      "name": "selector",
      "shorthand": "l",
      "type": "string",
      "default": "''",
      "usage": "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."
    }
  ]
};
