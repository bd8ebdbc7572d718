/**
 * `kubectl rollout restart`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl rollout restart --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl rollout restart --help` prints, as data. */
export const rolloutRestartHelp: HelpData = {
  "short": "Restart a resource",
  "aliases": [],
  "long": "Restart a resource.\n\n        Resource rollout will be restarted.",
  "examples": "  # Restart all deployments in the test-namespace namespace\n  kubectl rollout restart deployment -n test-namespace\n  \n  # Restart a deployment\n  kubectl rollout restart deployment/nginx\n  \n  # Restart a daemon set\n  kubectl rollout restart daemonset/abc\n  \n  # Restart deployments with the app=nginx label\n  kubectl rollout restart deployment --selector=app=nginx",
  "usage": "kubectl rollout restart RESOURCE [options]",
  "flags": [
    {
      "name": "allow-missing-template-keys",
      "type": "bool",
      "default": "true",
      "usage": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."
    },
    {
      "name": "field-manager",
      "type": "string",
      "default": "'kubectl-rollout'",
      "usage": "Name of the manager used to track field ownership."
    },
    {
      "name": "filename",
      "shorthand": "f",
      "type": "stringSlice",
      "default": "[]",
      "usage": "Filename, directory, or URL to files identifying the resource to get from a server."
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
      "name": "selector",
      "shorthand": "l",
      "type": "string",
      "default": "''",
      "usage": "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."
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
