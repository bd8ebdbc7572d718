/**
 * `kubectl taint`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl taint --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl taint --help` prints, as data. */
export const taintHelp: HelpData = {
  "short": "Update the taints on one or more nodes",
  "aliases": [],
  "long": "Update the taints on one or more nodes.\n\n  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.\n  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.\n  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.\n  *  The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.\n  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.\n  *  Currently taint can only apply to node.",
  "examples": "  # Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'\n  # If a taint with that key and effect already exists, its value is replaced as specified\n  kubectl taint nodes foo dedicated=special-user:NoSchedule\n  \n  # Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists\n  kubectl taint nodes foo dedicated:NoSchedule-\n  \n  # Remove from node 'foo' all the taints with key 'dedicated'\n  kubectl taint nodes foo dedicated-\n  \n  # Add a taint with key 'dedicated' on nodes having label myLabel=X\n  kubectl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule\n  \n  # Add to node 'foo' a taint with key 'bar' and no value\n  kubectl taint nodes foo bar:NoSchedule",
  "usage": "kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]",
  "flags": [
    {
      "name": "all",
      "type": "bool",
      "default": "false",
      "usage": "Select all nodes in the cluster"
    },
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
      "name": "field-manager",
      "type": "string",
      "default": "'kubectl-taint'",
      "usage": "Name of the manager used to track field ownership."
    },
    {
      "name": "output",
      "shorthand": "o",
      "type": "string",
      "default": "''",
      "usage": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."
    },
    {
      "name": "overwrite",
      "type": "bool",
      "default": "false",
      "usage": "If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints."
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
    },
    {
      "name": "validate",
      "type": "string",
      "default": "'strict'",
      "usage": "Must be one of: strict (or true), warn, ignore (or false). \"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. \"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. \"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."
    }
  ]
};
