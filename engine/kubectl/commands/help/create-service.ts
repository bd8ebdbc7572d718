/**
 * `kubectl create service`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl create service --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl create service --help` prints, as data. */
export const createServiceHelp: HelpData = {
  "short": "Create a service using a specified subcommand",
  "aliases": [
    "svc"
  ],
  "long": "Create a service using a specified subcommand.",
  "usage": "kubectl create service [flags] [options]",
  "flags": []
};
