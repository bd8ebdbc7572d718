/**
 * `kubectl create poddisruptionbudget`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl create poddisruptionbudget --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl create poddisruptionbudget --help` prints, as data. */
export const createPoddisruptionbudgetHelp: HelpData = {
  "short": "Create a pod disruption budget with the specified name",
  "aliases": [
    "pdb"
  ],
  "long": "Create a pod disruption budget with the specified name, selector, and desired minimum available pods.",
  "examples": "  # Create a pod disruption budget named my-pdb that will select all pods with the app=rails label\n  # and require at least one of them being available at any point in time\n  kubectl create poddisruptionbudget my-pdb --selector=app=rails --min-available=1\n  \n  # Create a pod disruption budget named my-pdb that will select all pods with the app=nginx label\n  # and require at least half of the pods selected to be available at any point in time\n  kubectl create pdb my-pdb --selector=app=nginx --min-available=50%",
  "usage": "kubectl create poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none] [options]",
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
      "name": "field-manager",
      "type": "string",
      "default": "'kubectl-create'",
      "usage": "Name of the manager used to track field ownership."
    },
    {
      "name": "max-unavailable",
      "type": "string",
      "default": "''",
      "usage": "The maximum number or percentage of unavailable pods this budget requires."
    },
    {
      "name": "min-available",
      "type": "string",
      "default": "''",
      "usage": "The minimum number or percentage of available pods this budget requires."
    },
    {
      "name": "output",
      "shorthand": "o",
      "type": "string",
      "default": "''",
      "usage": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."
    },
    {
      "name": "save-config",
      "type": "bool",
      "default": "false",
      "usage": "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."
    },
    {
      "name": "selector",
      "type": "string",
      "default": "''",
      "usage": "A label selector to use for this budget. Only equality-based selector requirements are supported."
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
