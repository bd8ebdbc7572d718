/**
 * `spec.podFailurePolicy` (pod_failure_policy.go): the first rule that matches a failed pod
 * decides — FailJob fails the whole Job at once, Ignore does not count the failure against
 * backoffLimit, Count counts it as usual. A rule matches on a container's non-zero exit code
 * (`onExitCodes`) or on a pod condition (`onPodConditions`, e.g. DisruptionTarget).
 */
import type { KubeObject } from '../../api/types.ts';
import { podStatus } from '../replicaset/types.ts';
import type { PodFailurePolicyRule } from './types.ts';

/** What the policy says about one failed pod. */
export interface PolicyMatch {
  /** The Job failure message, for a FailJob rule. */
  failJobMessage?: string;
  /** Whether the failure counts against backoffLimit. */
  countFailed: boolean;
  action?: PodFailurePolicyRule['action'];
}

interface TerminatedView {
  name: string;
  state?: { terminated?: { exitCode?: number } };
}

/** The first terminated container (then init container) whose non-zero exit code the rule names. */
function matchingContainer(pod: KubeObject, rule: NonNullable<PodFailurePolicyRule['onExitCodes']>): { name: string; exitCode: number } | undefined {
  const status = (pod.status ?? {}) as { containerStatuses?: TerminatedView[]; initContainerStatuses?: TerminatedView[] };
  for (const list of [status.containerStatuses ?? [], status.initContainerStatuses ?? []]) {
    for (const container of list) {
      const exitCode = container.state?.terminated?.exitCode;
      if (exitCode === undefined || exitCode === 0) continue;
      if (rule.containerName && rule.containerName !== container.name) continue;
      if (rule.values.includes(exitCode) === (rule.operator === 'In')) return { name: container.name, exitCode };
    }
  }
  return undefined;
}

/** `matchPodFailurePolicy`: the decision of the first matching rule, or "count it" when none matches. */
export function matchPodFailurePolicy(rules: PodFailurePolicyRule[], pod: KubeObject): PolicyMatch {
  const where = `${pod.metadata.namespace}/${pod.metadata.name}`;
  for (const [index, rule] of rules.entries()) {
    let subject: string | undefined;
    if (rule.onExitCodes) {
      const container = matchingContainer(pod, rule.onExitCodes);
      if (container) subject = `Container ${container.name} for pod ${where} failed with exit code ${container.exitCode}`;
    } else if (rule.onPodConditions) {
      const conditions = podStatus(pod).conditions ?? [];
      const hit = rule.onPodConditions.find((p) => conditions.some((c) => c.type === p.type && c.status === (p.status ?? 'True')));
      if (hit) subject = `Pod ${where} has condition ${hit.type}`;
    }
    if (subject === undefined) continue;
    switch (rule.action) {
      case 'FailJob': return { failJobMessage: `${subject} matching FailJob rule at index ${index}`, countFailed: true, action: rule.action };
      case 'Ignore': return { countFailed: false, action: rule.action };
      // FailIndex needs backoffLimitPerIndex, which this lab does not model yet: count it.
      default: return { countFailed: true, action: rule.action };
    }
  }
  return { countFailed: true };
}
