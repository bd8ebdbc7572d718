/**
 * `kubectl certificate deny`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl certificate deny --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl certificate deny --help` prints, as data. */
export const certificateDenyHelp: HelpData = {
  "short": "Deny a certificate signing request",
  "aliases": [],
  "long": "Deny a certificate signing request.\n\n kubectl certificate deny allows a cluster admin to deny a certificate signing request (CSR). This action tells a certificate signing controller to not to issue a certificate to the requester.",
  "examples": "  # Deny CSR 'csr-sqgzp'\n  kubectl certificate deny csr-sqgzp",
  "usage": "kubectl certificate deny (-f FILENAME | NAME) [options]",
  "flags": [
    {
      "name": "allow-missing-template-keys",
      "type": "bool",
      "default": "true",
      "usage": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."
    },
    {
      "name": "filename",
      "shorthand": "f",
      "type": "stringSlice",
      "default": "[]",
      "usage": "Filename, directory, or URL to files identifying the resource to update"
    },
    {
      "name": "force",
      "type": "bool",
      "default": "false",
      "usage": "Update the CSR even if it is already denied."
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
      "default": "''",
      "usage": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."
    },
    {
      "name": "recursive",
      "shorthand": "R",
      "type": "bool",
      "default": "false",
      "usage": "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."
    },
    {
      "name": "show-managed-fields",
      "type": "bool",
      "default": "false",
      "usage": "If true, keep the managedFields when printing objects in JSON or YAML format."
    },
    {
      "name": "template",
      "type": "string",
      "default": "''",
      "usage": "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."
    }
  ]
};
