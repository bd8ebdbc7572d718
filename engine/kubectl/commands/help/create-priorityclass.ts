/**
 * `kubectl create priorityclass`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl create priorityclass --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl create priorityclass --help` prints, as data. */
export const createPriorityclassHelp: HelpData = {
  "short": "Create a priority class with the specified name",
  "aliases": [
    "pc"
  ],
  "long": "Create a priority class with the specified name, value, globalDefault and description.",
  "examples": "  # Create a priority class named high-priority\n  kubectl create priorityclass high-priority --value=1000 --description=\"high priority\"\n  \n  # Create a priority class named default-priority that is considered as the global default priority\n  kubectl create priorityclass default-priority --value=1000 --global-default=true --description=\"default priority\"\n  \n  # Create a priority class named high-priority that cannot preempt pods with lower priority\n  kubectl create priorityclass high-priority --value=1000 --description=\"high priority\" --preemption-policy=\"Never\"",
  "usage": "kubectl create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]",
  "flags": [
    {
      "name": "allow-missing-template-keys",
      "type": "bool",
      "default": "true",
      "usage": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."
    },
    {
      "name": "description",
      "type": "string",
      "default": "''",
      "usage": "description is an arbitrary string that usually provides guidelines on when this priority class should be used."
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
      "name": "global-default",
      "type": "bool",
      "default": "false",
      "usage": "global-default specifies whether this PriorityClass should be considered as the default priority."
    },
    {
      "name": "output",
      "shorthand": "o",
      "type": "string",
      "default": "''",
      "usage": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."
    },
    {
      "name": "preemption-policy",
      "type": "string",
      "default": "'PreemptLowerPriority'",
      "usage": "preemption-policy is the policy for preempting pods with lower priority."
    },
    {
      "name": "save-config",
      "type": "bool",
      "default": "false",
      "usage": "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."
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
    },
    {
      "name": "value",
      "type": "int",
      "default": "0",
      "usage": "the value of this priority class."
    }
  ]
};
