/**
 * `kubectl create secret tls`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl create secret tls --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl create secret tls --help` prints, as data. */
export const createSecretTlsHelp: HelpData = {
  "short": "Create a TLS secret",
  "aliases": [],
  "long": "Create a TLS secret from the given public/private key pair.\n\n The public/private key pair must exist beforehand. The public key certificate must be .PEM encoded and match the given private key.",
  "examples": "  # Create a new TLS secret named tls-secret with the given key pair\n  kubectl create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key",
  "usage": "kubectl create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]",
  "flags": [
    {
      "name": "allow-missing-template-keys",
      "type": "bool",
      "default": "true",
      "usage": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."
    },
    {
      "name": "append-hash",
      "type": "bool",
      "default": "false",
      "usage": "Append a hash of the secret to its name."
    },
    {
      "name": "cert",
      "type": "string",
      "default": "''",
      "usage": "Path to PEM encoded public key certificate."
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
      "name": "key",
      "type": "string",
      "default": "''",
      "usage": "Path to private key associated with given certificate."
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
