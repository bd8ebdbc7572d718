/**
 * `kubectl apply view-last-applied`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl apply view-last-applied --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl apply view-last-applied --help` prints, as data. */
export const applyViewLastAppliedHelp: HelpData = {
  "short": "View the latest last-applied-configuration annotations of a resource/object",
  "aliases": [],
  "long": "View the latest last-applied-configuration annotations by type/name or file.\n\n The default output will be printed to stdout in YAML format. You can use the -o option to change the output format.",
  "examples": "  # View the last-applied-configuration annotations by type/name in YAML\n  kubectl apply view-last-applied deployment/nginx\n  \n  # View the last-applied-configuration annotations by file in JSON\n  kubectl apply view-last-applied -f deploy.yaml -o json",
  "usage": "kubectl apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME) [options]",
  "flags": [
    {
      "name": "all",
      "type": "bool",
      "default": "false",
      "usage": "Select all resources in the namespace of the specified resource types"
    },
    {
      "name": "filename",
      "shorthand": "f",
      "type": "stringSlice",
      "default": "[]",
      "usage": "Filename, directory, or URL to files that contains the last-applied-configuration annotations"
    },
    {
      "name": "kustomize",
      "shorthand": "k",
      "type": "string",
      "default": "''",
      "usage": "Process the kustomization directory. This flag can't be used together with -f or -R."
    },
    {
      "name": "output",
      "shorthand": "o",
      "type": "string",
      "default": "'yaml'",
      "usage": "Output format. Must be one of (yaml, json)"
    },
    {
      "name": "recursive",
      "shorthand": "R",
      "type": "bool",
      "default": "false",
      "usage": "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."
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
