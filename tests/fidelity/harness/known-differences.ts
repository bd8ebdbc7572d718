/**
 * Every command of the scenarios whose output still differs between the real kubectl and the
 * emulator, with the reason. The harness fails on a difference that is not listed here, so a new
 * regression cannot hide; tests/fidelity/README.md explains each group.
 */
import type { CommandResult } from './runner.ts';

/** The key of a command in the table: `scenario: kubectl …`. */
export function differenceKey(result: Pick<CommandResult, 'scenario' | 'line'>): string {
  return `${result.scenario}: ${result.line}`;
}

const sort_ties =
  "events with the same name suffix: --sort-by ties come out in a different order (kubectl sorts with an unstable sort)";
const kubeconfig_path =
  "config delete-context is not in the lab (its message names the kubeconfig file)";
const cluster_info_dump =
  "cluster-info dump is not in the lab";
const logs_order =
  "kubectl logs --all-containers reads the containers from a Go map, so the real order changes from run to run; the emulator prints them in pod order";

/** `scenario: kubectl …` → why it still differs. */
export const knownDifferences: Record<string, string> = {
  "06-nodes-wait-events: kubectl get events -o custom-columns=REASON:.reason,OBJECT:.involvedObject.name --sort-by=.metadata.name": sort_ties,
  "07-logs-config-discovery: kubectl config delete-context dev": kubeconfig_path,
  "07-logs-config-discovery: kubectl cluster-info dump --output-directory=/nonexistent --namespaces=none": cluster_info_dump,
  "07-logs-config-discovery: kubectl logs web --all-containers": logs_order,
  "07-logs-config-discovery: kubectl logs web --all-containers --prefix": logs_order,
};
