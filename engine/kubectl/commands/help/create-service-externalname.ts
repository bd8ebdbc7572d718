/**
 * `kubectl create service externalname`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl create service externalname --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl create service externalname --help` prints, as data. */
export const createServiceExternalnameHelp: HelpData = {
  "short": "Create an ExternalName service",
  "aliases": [],
  "long": "Create an ExternalName service with the specified name.\n\n ExternalName service references to an external DNS address instead of only pods, which will allow application authors to reference services that exist off platform, on other clusters, or locally.",
  "examples": "  # Create a new ExternalName service named my-ns\n  kubectl create service externalname my-ns --external-name bar.com",
  "usage": "kubectl create service externalname NAME --external-name external.name [--dry-run=server|client|none] [options]",
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
      "name": "external-name",
      "type": "string",
      "default": "''",
      "usage": "External name of service"
    },
    {
      "name": "field-manager",
      "type": "string",
      "default": "'kubectl-create'",
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
      "name": "tcp",
      "type": "stringSlice",
      "default": "[]",
      "usage": "Port pairs can be specified as '<port>:<targetPort>'."
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
