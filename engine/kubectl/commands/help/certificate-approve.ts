/**
 * `kubectl certificate approve`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl certificate approve --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl certificate approve --help` prints, as data. */
export const certificateApproveHelp: HelpData = {
  "short": "Approve a certificate signing request",
  "aliases": [],
  "long": "Approve a certificate signing request.\n\n kubectl certificate approve allows a cluster admin to approve a certificate signing request (CSR). This action tells a certificate signing controller to issue a certificate to the requester with the attributes requested in the CSR.\n\n SECURITY NOTICE: Depending on the requested attributes, the issued certificate can potentially grant a requester access to cluster resources or to authenticate as a requested identity. Before approving a CSR, ensure you understand what the signed certificate can do.",
  "examples": "  # Approve CSR 'csr-sqgzp'\n  kubectl certificate approve csr-sqgzp",
  "usage": "kubectl certificate approve (-f FILENAME | NAME) [options]",
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
      "usage": "Update the CSR even if it is already approved."
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
