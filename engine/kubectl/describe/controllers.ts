/** Describers of CronJob (with its Job template) and ReplicationController. */
import { formatLabels, selectorString } from '../../api/table/format.ts';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { DescribeClient } from './client.ts';
import { describeEvents } from './events.ts';
import { arr, num, obj, printAnnotations, printLabels, rfc1123z, str, type Obj } from './format.ts';
import { describePodTemplate } from './pod.ts';
import { podStatusCounts } from './workloads.ts';
import { PrefixWriter } from './writer.ts';

/** `%d` of an optional integer field, or `<unset>`. */
function intOrUnset(value: unknown, suffix = ''): string {
  return typeof value === 'number' ? `${value}${suffix}` : '<unset>';
}

/** `describeCronJob`. */
export function describeCronJob(cronJob: Obj, events: Obj[] | undefined, now: number): string {
  const metadata = obj(cronJob.metadata);
  const spec = obj(cronJob.spec);
  const status = obj(cronJob.status);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Namespace:\t${str(metadata.namespace)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  w.write(0, `Schedule:\t${str(spec.schedule)}\n`);
  w.write(0, `Concurrency Policy:\t${str(spec.concurrencyPolicy)}\n`);
  w.write(0, `Suspend:\t${typeof spec.suspend === 'boolean' ? (spec.suspend ? 'True' : 'False') : '<unset>'}\n`);
  w.write(0, `Successful Job History Limit:\t${intOrUnset(spec.successfulJobsHistoryLimit)}\n`);
  w.write(0, `Failed Job History Limit:\t${intOrUnset(spec.failedJobsHistoryLimit)}\n`);
  w.write(0, `Starting Deadline Seconds:\t${intOrUnset(spec.startingDeadlineSeconds, 's')}\n`);
  describeJobTemplate(obj(spec.jobTemplate), w);
  w.write(0, `Last Schedule Time:\t${status.lastScheduleTime ? rfc1123z(status.lastScheduleTime) : '<unset>'}\n`);
  w.write(0, 'Active Jobs:\t');
  const active = arr(status.active).map((ref) => str(ref.name));
  w.writeLine(active.length > 0 ? active.join(', ') : '<none>');
  if (events) describeEvents(events, w, now);
  return w.text();
}

function describeJobTemplate(template: Obj, w: PrefixWriter): void {
  const spec = obj(template.spec);
  if (spec.selector) {
    const selector = selectorString(obj(spec.selector) as LabelSelector);
    w.write(0, selector === undefined ? 'Selector:\tFailed to get selector\n' : `Selector:\t${selector}\n`);
  } else w.write(0, 'Selector:\t<unset>\n');
  w.write(0, `Parallelism:\t${intOrUnset(spec.parallelism)}\n`);
  w.write(0, `Completions:\t${intOrUnset(spec.completions)}\n`);
  if (typeof spec.activeDeadlineSeconds === 'number') w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  describePodTemplate(obj(spec.template), w);
}

/** `describeReplicationController`: like a ReplicaSet, with an equality-based selector. */
export function describeReplicationController(client: DescribeClient, controller: Obj, events: Obj[] | undefined, now: number): string {
  const metadata = obj(controller.metadata);
  const spec = obj(controller.spec);
  const selector = obj(spec.selector) as Record<string, string>;
  const counts = podStatusCounts(client, str(metadata.namespace), Object.keys(selector).length > 0 ? formatLabels(selector) : '', str(metadata.uid));
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Namespace:\t${str(metadata.namespace)}\n`);
  w.write(0, `Selector:\t${formatLabels(selector)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  w.write(0, `Replicas:\t${num(obj(controller.status).replicas)} current / ${num(spec.replicas)} desired\n`);
  w.write(0, `Pods Status:\t${counts}\n`);
  describePodTemplate(spec.template ? obj(spec.template) : undefined, w);
  const conditions = arr(obj(controller.status).conditions);
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of conditions) w.write(1, `${str(c.type)} \t${str(c.status)}\t${str(c.reason)}\n`);
  }
  if (events) describeEvents(events, w, now);
  return w.text();
}
