/**
 * `kubectl drain`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl drain --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl drain --help` prints, as data. */
export const drainHelp: HelpData = {
  "short": "Drain node in preparation for maintenance",
  "aliases": [],
  "long": "Drain node in preparation for maintenance.\n\n The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the API server supports https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ eviction https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ . Otherwise, it will use normal DELETE to delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server).  If there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which ignores unschedulable markings.  If there are any pods that are neither mirror pods nor managed by a replication controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.  --force will also allow deletion to proceed if the managing resource of one or more pods is missing.\n\n 'drain' waits for graceful termination. You should not operate on the machine until the command completes.\n\n When you are ready to put the node back into service, use kubectl uncordon, which will make the node schedulable again.\n\nhttps://kubernetes.io/images/docs/kubectl_drain.svg Workflowhttps://kubernetes.io/images/docs/kubectl_drain.svg",
  "examples": "  # Drain node \"foo\", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it\n  kubectl drain foo --force\n  \n  # As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes\n  kubectl drain foo --grace-period=900",
  "usage": "kubectl drain NODE [options]",
  "flags": [
    {
      "name": "chunk-size",
      "type": "int",
      "default": "500",
      "usage": "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future."
    },
    {
      "name": "delete-emptydir-data",
      "type": "bool",
      "default": "false",
      "usage": "Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained)."
    },
    {
      "name": "disable-eviction",
      "type": "bool",
      "default": "false",
      "usage": "Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution."
    },
    {
      "name": "dry-run",
      "type": "string",
      "default": "'none'",
      "usage": "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."
    },
    {
      "name": "force",
      "type": "bool",
      "default": "false",
      "usage": "Continue even if there are pods that do not declare a controller."
    },
    {
      "name": "grace-period",
      "type": "int",
      "default": "-1",
      "usage": "Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used."
    },
    {
      "name": "ignore-daemonsets",
      "type": "bool",
      "default": "false",
      "usage": "Ignore DaemonSet-managed pods."
    },
    {
      "name": "pod-selector",
      "type": "string",
      "default": "''",
      "usage": "Label selector to filter pods on the node"
    },
    {
      "name": "selector",
      "shorthand": "l",
      "type": "string",
      "default": "''",
      "usage": "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."
    },
    {
      "name": "skip-wait-for-delete-timeout",
      "type": "int",
      "default": "0",
      "usage": "If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip."
    },
    {
      "name": "timeout",
      "type": "string",
      "default": "0s",
      "usage": "The length of time to wait before giving up, zero means infinite"
    }
  ]
};
