/**
 * `kubectl wait`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl wait --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl wait --help` prints, as data. */
export const waitHelp: HelpData = {
  "short": "Experimental: Wait for a specific condition on one or many resources",
  "aliases": [],
  "long": "Experimental: Wait for a specific condition on one or many resources.\n\n The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.\n\n Alternatively, the command can wait for the given set of resources to be created or deleted by providing the \"create\" or \"delete\" keyword as the value to the --for flag.\n\n A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.",
  "examples": "  # Wait for the pod \"busybox1\" to contain the status condition of type \"Ready\"\n  kubectl wait --for=condition=Ready pod/busybox1\n  \n  # The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)\n  kubectl wait --for=condition=Ready=false pod/busybox1\n  \n  # Wait for the pod \"busybox1\" to contain the status phase to be \"Running\"\n  kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1\n  \n  # Wait for pod \"busybox1\" to be Ready\n  kubectl wait --for='jsonpath={.status.conditions[?(@.type==\"Ready\")].status}=True' pod/busybox1\n  \n  # Wait for the service \"loadbalancer\" to have ingress\n  kubectl wait --for=jsonpath='{.status.loadBalancer.ingress}' service/loadbalancer\n  \n  # Wait for the secret \"busybox1\" to be created, with a timeout of 30s\n  kubectl create secret generic busybox1\n  kubectl wait --for=create secret/busybox1 --timeout=30s\n  \n  # Wait for the pod \"busybox1\" to be deleted, with a timeout of 60s, after having issued the \"delete\" command\n  kubectl delete pod/busybox1\n  kubectl wait --for=delete pod/busybox1 --timeout=60s",
  "usage": "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
  "flags": [
    {
      "name": "all",
      "type": "bool",
      "default": "false",
      "usage": "Select all resources in the namespace of the specified resource types"
    },
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
      "name": "field-selector",
      "type": "string",
      "default": "''",
      "usage": "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type."
    },
    {
      "name": "filename",
      "shorthand": "f",
      "type": "stringSlice",
      "default": "[]",
      "usage": "identifying the resource."
    },
    {
      "name": "for",
      "type": "string",
      "default": "''",
      "usage": "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity."
    },
    {
      "name": "local",
      "type": "bool",
      "default": "false",
      "usage": "If true, annotation will NOT contact api-server but run locally."
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
      "default": "true",
      "usage": "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."
    },
    {
      "name": "selector",
      "shorthand": "l",
      "type": "string",
      "default": "''",
      "usage": "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)"
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
      "name": "timeout",
      "type": "string",
      "default": "30s",
      "usage": "The length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week."
    }
  ]
};
