/**
 * `kubectl auth reconcile`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl auth reconcile --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl auth reconcile --help` prints, as data. */
export const authReconcileHelp: HelpData = {
  "short": "Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects",
  "aliases": [],
  "long": "Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects.\n\n Missing objects are created, and the containing namespace is created for namespaced objects, if required.\n\n Existing roles are updated to include the permissions in the input objects, and remove extra permissions if --remove-extra-permissions is specified.\n\n Existing bindings are updated to include the subjects in the input objects, and remove extra subjects if --remove-extra-subjects is specified.\n\n This is preferred to 'apply' for RBAC resources so that semantically-aware merging of rules and subjects is done.",
  "examples": "  # Reconcile RBAC resources from a file\n  kubectl auth reconcile -f my-rbac-rules.yaml",
  "usage": "kubectl auth reconcile -f FILENAME [options]",
  "flags": [
    {
      "name": "allow-missing-template-keys",
      "type": "bool",
      "default": "true",
      "usage": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."
    },
    {
      "name": "dry-run",
      "type": "string",
      "default": "'none'",
      "usage": "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."
    },
    {
      "name": "filename",
      "shorthand": "f",
      "type": "stringSlice",
      "default": "[]",
      "usage": "Filename, directory, or URL to files identifying the resource to reconcile."
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
      "name": "remove-extra-permissions",
      "type": "bool",
      "default": "false",
      "usage": "If true, removes extra permissions added to roles"
    },
    {
      "name": "remove-extra-subjects",
      "type": "bool",
      "default": "false",
      "usage": "If true, removes extra subjects added to rolebindings"
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
