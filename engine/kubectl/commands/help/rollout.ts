/**
 * `kubectl rollout`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl rollout --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl rollout --help` prints, as data. */
export const rolloutHelp: HelpData = {
  "short": "Manage the rollout of a resource",
  "aliases": [],
  "long": "Manage the rollout of one or many resources.\n        \n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets",
  "examples": "  # Rollback to the previous deployment\n  kubectl rollout undo deployment/abc\n  \n  # Check the rollout status of a daemonset\n  kubectl rollout status daemonset/foo\n  \n  # Restart a deployment\n  kubectl rollout restart deployment/abc\n  \n  # Restart deployments with the 'app=nginx' label\n  kubectl rollout restart deployment --selector=app=nginx",
  "usage": "kubectl rollout SUBCOMMAND [options]",
  "flags": []
};
