/**
 * `kubectl exec`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl exec --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl exec --help` prints, as data. */
export const execHelp: HelpData = {
  "short": "Execute a command in a container",
  "aliases": [],
  "long": "Execute a command in a container.",
  "examples": "  # Get output from running the 'date' command from pod mypod, using the first container by default\n  kubectl exec mypod -- date\n  \n  # Get output from running the 'date' command in ruby-container from pod mypod\n  kubectl exec mypod -c ruby-container -- date\n  \n  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod\n  # and sends stdout/stderr from 'bash' back to the client\n  kubectl exec mypod -c ruby-container -i -t -- bash -il\n  \n  # List contents of /usr from the first container of pod mypod and sort by modification time\n  # If the command you want to execute in the pod has any flags in common (e.g. -i),\n  # you must use two dashes (--) to separate your command's flags/arguments\n  # Also note, do not surround your command and its flags/arguments with quotes\n  # unless that is how you would execute it normally (i.e., do ls -t /usr, not \"ls -t /usr\")\n  kubectl exec mypod -i -t -- ls -t /usr\n  \n  # Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default\n  kubectl exec deploy/mydeployment -- date\n  \n  # Get output from running 'date' command from the first pod of the service myservice, using the first container by default\n  kubectl exec svc/myservice -- date",
  "usage": "kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]",
  "flags": [
    {
      "name": "container",
      "shorthand": "c",
      "type": "string",
      "default": "''",
      "usage": "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen"
    },
    {
      "name": "filename",
      "shorthand": "f",
      "type": "stringSlice",
      "default": "[]",
      "usage": "to use to exec into the resource"
    },
    {
      "name": "pod-running-timeout",
      "type": "string",
      "default": "1m0s",
      "usage": "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running"
    },
    {
      "name": "quiet",
      "shorthand": "q",
      "type": "bool",
      "default": "false",
      "usage": "Only print output from the remote session"
    },
    {
      "name": "stdin",
      "shorthand": "i",
      "type": "bool",
      "default": "false",
      "usage": "Pass stdin to the container"
    },
    {
      "name": "tty",
      "shorthand": "t",
      "type": "bool",
      "default": "false",
      "usage": "Stdin is a TTY"
    }
  ]
};
