/**
 * `kubectl explain`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl explain --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl explain --help` prints, as data. */
export const explainHelp: HelpData = {
  "short": "Get documentation for a resource",
  "aliases": [],
  "long": "Describe fields and structure of various resources.\n\n This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:\n\n        <type>.<fieldName>[.<fieldName>]\n        \n Information about each field is retrieved from the server in OpenAPI format.\n\nUse \"kubectl api-resources\" for a complete list of supported resources.",
  "examples": "  # Get the documentation of the resource and its fields\n  kubectl explain pods\n  \n  # Get all the fields in the resource\n  kubectl explain pods --recursive\n  \n  # Get the explanation for deployment in supported api versions\n  kubectl explain deployments --api-version=apps/v1\n  \n  # Get the documentation of a specific field of a resource\n  kubectl explain pods.spec.containers\n  \n  # Get the documentation of resources in different format\n  kubectl explain deployment --output=plaintext-openapiv2",
  "usage": "kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]",
  "flags": [
    {
      "name": "api-version",
      "type": "string",
      "default": "''",
      "usage": "Use given api-version (group/version) of the resource."
    },
    {
      "name": "output",
      "shorthand": "o",
      "type": "string",
      "default": "'plaintext'",
      "usage": "Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2)."
    },
    {
      "name": "recursive",
      "type": "bool",
      "default": "false",
      "usage": "When true, print the name of all the fields recursively. Otherwise, print the available fields with their description."
    }
  ]
};
