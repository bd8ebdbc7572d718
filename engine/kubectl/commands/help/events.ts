/**
 * `kubectl events`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl events --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl events --help` prints, as data. */
export const eventsHelp: HelpData = {
  "short": "List events",
  "aliases": [],
  "long": "Display events.\n\n Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.",
  "examples": "  # List recent events in the default namespace\n  kubectl events\n  \n  # List recent events in all namespaces\n  kubectl events --all-namespaces\n  \n  # List recent events for the specified pod, then wait for more events and list them as they arrive\n  kubectl events --for pod/web-pod-13je7 --watch\n  \n  # List recent events in YAML format\n  kubectl events -oyaml\n  \n  # List recent only events of type 'Warning' or 'Normal'\n  kubectl events --types=Warning,Normal",
  "usage": "kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]",
  "flags": [
    {
      "name": "all-namespaces",
      "shorthand": "A",
      "type": "bool",
      "default": "false",
      "usage": "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace."
    },
    {
      "name": "allow-missing-template-keys",
      "type": "bool",
      "default": "true",
      "usage": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."
    },
    {
      "name": "chunk-size",
      "type": "int",
      "default": "500",
      "usage": "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future."
    },
    {
      "name": "for",
      "type": "string",
      "default": "''",
      "usage": "Filter events to only those pertaining to the specified resource."
    },
    {
      "name": "no-headers",
      "type": "bool",
      "default": "false",
      "usage": "When using the default output format, don't print headers."
    },
    {
      "name": "output",
      "shorthand": "o",
      "type": "string",
      "default": "''",
      "usage": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."
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
      "name": "types",
      "type": "stringSlice",
      "default": "[]",
      "usage": "Output only events of given types."
    },
    {
      "name": "watch",
      "shorthand": "w",
      "type": "bool",
      "default": "false",
      "usage": "After listing the requested events, watch for more events."
    }
  ]
};
