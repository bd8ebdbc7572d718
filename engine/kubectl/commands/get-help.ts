/**
 * `kubectl get`: flags, help text and examples of kubectl 1.32, as data (copied from `kubectl get --help`).
 */
import type { FlagSpec } from '../flags.ts';

export const getLong = `Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace if you don't specify any namespace.

 By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.

Use "kubectl api-resources" for a complete list of supported resources.`;

const example = (comment: string, command: string): string => `  # ${comment}\n  kubectl ${command}`;

export const getExamples = [
  example('List all pods in ps output format', 'get pods'),
  example('List all pods in ps output format with more information (such as node name)', 'get pods -o wide'),
  example('List a single replication controller with specified NAME in ps output format', 'get replicationcontroller web'),
  example('List deployments in JSON output format, in the "v1" version of the "apps" API group', 'get deployments.v1.apps -o json'),
  example('List a single pod in JSON output format', 'get -o json pod web-pod-13je7'),
  example('List a pod identified by type and name specified in "pod.yaml" in JSON output format', 'get -f pod.yaml -o json'),
  example('List resources from a directory with kustomization.yaml - e.g. dir/kustomization.yaml', 'get -k dir/'),
  example('Return only the phase value of the specified pod', 'get -o template pod/web-pod-13je7 --template={{.status.phase}}'),
  example('List resource information in custom columns', 'get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image'),
  example('List all replication controllers and services together in ps output format', 'get rc,services'),
  example('List one or more resources by their type and names', 'get rc/web service/frontend pods/web-pod-13je7'),
  example("List the 'status' subresource for a single pod", 'get pod web-pod-13je7 --subresource status'),
  example("List all deployments in namespace 'backend'", 'get deployments.apps --namespace backend'),
  example('List all pods existing in all namespaces', 'get pods --all-namespaces'),
].join('\n  \n');

export const getUsage = 'kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]';

/** Shared by get and other printing commands. */
export const noHeadersFlag: FlagSpec = { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." };
export const allowMissingTemplateKeysFlag: FlagSpec = { name: 'allow-missing-template-keys', type: 'bool', default: 'true', usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' };
export const showManagedFieldsFlag: FlagSpec = { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' };
export const templateFlag: FlagSpec = { name: 'template', type: 'string', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' };

export const getFlags: FlagSpec[] = [
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
  allowMissingTemplateKeysFlag,
  { name: 'chunk-size', type: 'int', default: '500', usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
  { name: 'field-selector', type: 'string', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' },
  { name: 'ignore-not-found', type: 'bool', usage: 'If the requested object does not exist the command will return exit code 0.' },
  { name: 'kustomize', shorthand: 'k', type: 'string', usage: "Process the kustomization directory. This flag can't be used together with -f or -R." },
  { name: 'label-columns', shorthand: 'L', type: 'stringSlice', usage: 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...' },
  noHeadersFlag,
  { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].' },
  { name: 'output-watch-events', type: 'bool', usage: 'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.' },
  { name: 'raw', type: 'string', usage: 'Raw URI to request from the server.  Uses the transport specified by the kubeconfig file.' },
  { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
  { name: 'server-print', type: 'bool', default: 'true', usage: 'If true, have the server return the appropriate table output. Supports extension APIs and CRDs.' },
  { name: 'show-kind', type: 'bool', usage: 'If present, list the resource type for the requested object(s).' },
  { name: 'show-labels', type: 'bool', usage: 'When printing, show all labels as the last column (default hide labels column)' },
  showManagedFieldsFlag,
  { name: 'sort-by', type: 'string', usage: "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string." },
  { name: 'subresource', type: 'string', usage: 'If specified, gets the subresource of the requested object. This flag is beta and may change in the future.' },
  templateFlag,
  { name: 'watch', shorthand: 'w', type: 'bool', usage: 'After listing/getting the requested object, watch for changes.' },
  { name: 'watch-only', type: 'bool', usage: 'Watch for changes to the requested object(s), without listing/getting first.' },
];
