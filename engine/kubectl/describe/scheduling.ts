/** Describers of PodDisruptionBudget (policy/v1) and PriorityClass. */
import { formatLabels, formatLabelSelector } from '../../api/table/format.ts';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { describeEvents } from './events.ts';
import { intOrString, num, obj, str, strMap, type Obj } from './format.ts';
import { PrefixWriter } from './writer.ts';

/** `describePodDisruptionBudgetV1`: the budget (min available, else max unavailable) and its status counts. */
export function describePodDisruptionBudget(budget: Obj, events: Obj[] | undefined, now: number): string {
  const metadata = obj(budget.metadata);
  const spec = obj(budget.spec);
  const status = obj(budget.status);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Namespace:\t${str(metadata.namespace)}\n`);
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.write(0, `Min available:\t${intOrString(spec.minAvailable)}\n`);
  else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.write(0, `Max unavailable:\t${intOrString(spec.maxUnavailable)}\n`);
  w.write(0, spec.selector ? `Selector:\t${formatLabelSelector(obj(spec.selector) as LabelSelector)}\n` : 'Selector:\t<unset>\n');
  w.write(0, 'Status:\n');
  w.write(2, `Allowed disruptions:\t${num(status.disruptionsAllowed)}\n`);
  w.write(2, `Current:\t${num(status.currentHealthy)}\n`);
  w.write(2, `Desired:\t${num(status.desiredHealthy)}\n`);
  w.write(2, `Total:\t${num(status.expectedPods)}\n`);
  if (events) describeEvents(events, w, now);
  return w.text();
}

/** `describePriorityClass`: annotations as a `k=v` list. */
export function describePriorityClass(priorityClass: Obj, events: Obj[] | undefined, now: number): string {
  const metadata = obj(priorityClass.metadata);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Value:\t${num(priorityClass.value)}\n`);
  w.write(0, `GlobalDefault:\t${priorityClass.globalDefault === true}\n`);
  w.write(0, `PreemptionPolicy:\t${str(priorityClass.preemptionPolicy)}\n`);
  w.write(0, `Description:\t${str(priorityClass.description)}\n`);
  w.write(0, `Annotations:\t${formatLabels(strMap(metadata.annotations))}\n`);
  if (events) describeEvents(events, w, now);
  return w.text();
}
