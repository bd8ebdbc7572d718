/**
 * `kubectl auth can-i`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl auth can-i --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl auth can-i --help` prints, as data. */
export const authCanIHelp: HelpData = {
  "short": "Check whether an action is allowed",
  "aliases": [],
  "long": "Check whether an action is allowed.\n\n VERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc. TYPE is a Kubernetes resource. Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that starts with \"/\". NAME is the name of a particular Kubernetes resource. This command pairs nicely with impersonation. See --as global flag.",
  "examples": "  # Check to see if I can create pods in any namespace\n  kubectl auth can-i create pods --all-namespaces\n  \n  # Check to see if I can list deployments in my current namespace\n  kubectl auth can-i list deployments.apps\n  \n  # Check to see if service account \"foo\" of namespace \"dev\" can list pods in the namespace \"prod\"\n  # You must be allowed to use impersonation for the global option \"--as\"\n  kubectl auth can-i list pods --as=system:serviceaccount:dev:foo -n prod\n  \n  # Check to see if I can do everything in my current namespace (\"*\" means all)\n  kubectl auth can-i '*' '*'\n  \n  # Check to see if I can get the job named \"bar\" in namespace \"foo\"\n  kubectl auth can-i list jobs.batch/bar -n foo\n  \n  # Check to see if I can read pod logs\n  kubectl auth can-i get pods --subresource=log\n  \n  # Check to see if I can access the URL /logs/\n  kubectl auth can-i get /logs/\n  \n  # Check to see if I can approve certificates.k8s.io\n  kubectl auth can-i approve certificates.k8s.io\n  \n  # List all allowed actions in namespace \"foo\"\n  kubectl auth can-i --list --namespace=foo",
  "usage": "kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]",
  "flags": [
    {
      "name": "all-namespaces",
      "shorthand": "A",
      "type": "bool",
      "default": "false",
      "usage": "If true, check the specified action in all namespaces."
    },
    {
      "name": "list",
      "type": "bool",
      "default": "false",
      "usage": "If true, prints all allowed actions."
    },
    {
      "name": "no-headers",
      "type": "bool",
      "default": "false",
      "usage": "If true, prints allowed actions without headers"
    },
    {
      "name": "quiet",
      "shorthand": "q",
      "type": "bool",
      "default": "false",
      "usage": "If true, suppress output and just return the exit code."
    },
    {
      "name": "subresource",
      "type": "string",
      "default": "''",
      "usage": "SubResource such as pod/log or deployment/scale"
    }
  ]
};
