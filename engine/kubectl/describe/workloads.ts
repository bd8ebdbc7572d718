/**
 * Describers of the workload controllers: Deployment (with its old and new ReplicaSets),
 * ReplicaSet, StatefulSet, DaemonSet (pod counts by phase among the pods it controls) and Job.
 */
import { humanDuration } from '../../api/table/duration.ts';
import { formatLabelSelector, formatLabels, selectorString } from '../../api/table/format.ts';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { collectionPath, listAll, type DescribeClient } from './client.ts';
import { describeEvents } from './events.ts';
import { arr, controllerOf, intOrString, num, obj, printAnnotations, printLabels, rfc1123z, str, type Obj } from './format.ts';
import { describePodTemplate } from './pod.ts';
import { PrefixWriter } from './writer.ts';

function selectorOf(spec: Obj): string {
  return selectorString(obj(spec.selector) as LabelSelector) ?? '';
}

/** `getPodStatusForController`: pods matched by the selector and controlled by `uid`, counted by phase. */
export function podStatusCounts(client: DescribeClient, namespace: string, selector: string, uid: string): string {
  const pods = listAll(client, collectionPath('', 'v1', 'pods', namespace), selector ? { labelSelector: selector } : {}) ?? [];
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const pod of pods) {
    const owner = arr(obj(pod.metadata).ownerReferences).find((ref) => ref.controller === true);
    if (!owner || owner.uid !== uid) continue;
    const phase = str(obj(pod.status).phase);
    if (phase in counts) counts[phase as keyof typeof counts]++;
  }
  return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

function header(w: PrefixWriter, metadata: Obj): void {
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Namespace:\t${str(metadata.namespace)}\n`);
}

/** `describeDeployment`. */
export function describeDeployment(client: DescribeClient, deployment: Obj, events: Obj[] | undefined, now: number): string {
  const metadata = obj(deployment.metadata);
  const spec = obj(deployment.spec);
  const status = obj(deployment.status);
  const { oldSets, newSet } = deploymentReplicaSets(client, deployment);
  const w = new PrefixWriter();
  header(w, metadata);
  w.write(0, `CreationTimestamp:\t${rfc1123z(metadata.creationTimestamp)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  w.write(0, `Selector:\t${selectorOf(spec)}\n`);
  w.write(0, `Replicas:\t${num(spec.replicas)} desired | ${num(status.updatedReplicas)} updated | ${num(status.replicas)} total | `
    + `${num(status.availableReplicas)} available | ${num(status.unavailableReplicas)} unavailable\n`);
  const strategy = obj(spec.strategy);
  w.write(0, `StrategyType:\t${str(strategy.type)}\n`);
  w.write(0, `MinReadySeconds:\t${num(spec.minReadySeconds)}\n`);
  if (strategy.rollingUpdate) {
    const rolling = obj(strategy.rollingUpdate);
    w.write(0, `RollingUpdateStrategy:\t${intOrString(rolling.maxUnavailable) || '0'} max unavailable, ${intOrString(rolling.maxSurge) || '0'} max surge\n`);
  }
  describePodTemplate(obj(spec.template), w);
  describeConditions(arr(status.conditions), w);
  if (oldSets.length > 0 || newSet) {
    w.write(0, `OldReplicaSets:\t${replicaSetList(oldSets)}\n`);
    w.write(0, `NewReplicaSet:\t${replicaSetList(newSet ? [newSet] : [])}\n`);
  }
  if (events) describeEvents(events, w, now);
  return w.text();
}

function describeConditions(conditions: Obj[], w: PrefixWriter): void {
  if (conditions.length === 0) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  for (const c of conditions) w.write(1, `${str(c.type)} \t${str(c.status)}\t${str(c.reason)}\n`);
}

function replicaSetList(sets: Obj[]): string {
  return sets.map((rs) => `${str(obj(rs.metadata).name)} (${num(obj(rs.status).replicas)}/${num(obj(rs.spec).replicas)} replicas created)`).join(', ') || '<none>';
}

/** deploymentutil.GetAllReplicaSets: owned ReplicaSets; the new one has the Deployment's template. */
function deploymentReplicaSets(client: DescribeClient, deployment: Obj): { oldSets: Obj[]; newSet: Obj | undefined } {
  const metadata = obj(deployment.metadata);
  const spec = obj(deployment.spec);
  const selector = selectorOf(spec);
  const all = listAll(client, collectionPath('apps', 'v1', 'replicasets', str(metadata.namespace)), selector ? { labelSelector: selector } : {});
  if (!all) return { oldSets: [], newSet: undefined };
  const owned = all.filter((rs) => arr(obj(rs.metadata).ownerReferences).some((ref) => ref.controller === true && ref.uid === metadata.uid));
  owned.sort((a, b) => {
    const ta = str(obj(a.metadata).creationTimestamp);
    const tb = str(obj(b.metadata).creationTimestamp);
    if (ta === tb) return str(obj(a.metadata).name) < str(obj(b.metadata).name) ? -1 : 1;
    return Date.parse(ta) - Date.parse(tb);
  });
  const template = withoutHash(obj(spec.template));
  const newSet = owned.find((rs) => semanticEqual(withoutHash(obj(obj(rs.spec).template)), template));
  const oldSets = owned.filter((rs) => rs !== newSet && num(obj(rs.spec).replicas) !== 0);
  return { oldSets, newSet };
}

function withoutHash(template: Obj): Obj {
  const metadata = obj(template.metadata);
  const labels = { ...obj(metadata.labels) };
  delete labels['pod-template-hash'];
  return { ...template, metadata: { ...metadata, labels } };
}

/** apiequality.Semantic.DeepEqual, near enough: empty maps and lists equal absent ones. */
function semanticEqual(a: unknown, b: unknown): boolean {
  const empty = (v: unknown): boolean => v === undefined || v === null || (Array.isArray(v) && v.length === 0)
    || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
  if (empty(a) && empty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => semanticEqual(item, b[i]));
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => semanticEqual((a as Obj)[key], (b as Obj)[key]));
  }
  return a === b;
}

/** `describeReplicaSet`. */
export function describeReplicaSet(client: DescribeClient, rs: Obj, events: Obj[] | undefined, now: number): string {
  const metadata = obj(rs.metadata);
  const spec = obj(rs.spec);
  const counts = podStatusCounts(client, str(metadata.namespace), selectorOf(spec), str(metadata.uid));
  const w = new PrefixWriter();
  header(w, metadata);
  w.write(0, `Selector:\t${formatLabelSelector(obj(spec.selector) as LabelSelector)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  const controlledBy = controllerOf(metadata);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  w.write(0, `Replicas:\t${num(obj(rs.status).replicas)} current / ${num(spec.replicas)} desired\n`);
  w.write(0, 'Pods Status:\t');
  w.write(0, `${counts}\n`);
  describePodTemplate(obj(spec.template), w);
  describeConditions(arr(obj(rs.status).conditions), w);
  if (events) describeEvents(events, w, now);
  return w.text();
}

/** `describeStatefulSet`. */
export function describeStatefulSet(client: DescribeClient, set: Obj, events: Obj[] | undefined, now: number): string {
  const metadata = obj(set.metadata);
  const spec = obj(set.spec);
  const selector = selectorOf(spec);
  const counts = podStatusCounts(client, str(metadata.namespace), selector, str(metadata.uid));
  const w = new PrefixWriter();
  header(w, metadata);
  w.write(0, `CreationTimestamp:\t${rfc1123z(metadata.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${selector}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  w.write(0, `Replicas:\t${num(spec.replicas)} desired | ${num(obj(set.status).replicas)} total\n`);
  const strategy = obj(spec.updateStrategy);
  w.write(0, `Update Strategy:\t${str(strategy.type)}\n`);
  const rolling = obj(strategy.rollingUpdate);
  if (strategy.rollingUpdate && typeof rolling.partition === 'number') {
    w.write(1, `Partition:\t${rolling.partition}\n`);
    if (rolling.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${intOrString(rolling.maxUnavailable)}\n`);
  }
  w.write(0, `Pods Status:\t${counts}\n`);
  describePodTemplate(obj(spec.template), w);
  const claims = arr(spec.volumeClaimTemplates);
  if (claims.length === 0) w.write(0, 'Volume Claims:\t<none>\n');
  else {
    w.write(0, 'Volume Claims:\n');
    for (const claim of claims) {
      const claimSpec = obj(claim.spec);
      const claimMeta = obj(claim.metadata);
      w.write(1, `Name:\t${str(claimMeta.name)}\n`);
      const legacyClass = obj(claimMeta.annotations)['volume.beta.kubernetes.io/storage-class'];
      w.write(1, `StorageClass:\t${legacyClass !== undefined ? str(legacyClass) : str(claimSpec.storageClassName)}\n`);
      printLabels(w, 'Labels', claimMeta.labels, '  ');
      printLabels(w, 'Annotations', claimMeta.annotations, '  ');
      const capacity = obj(obj(claimSpec.resources).requests).storage;
      w.write(1, `Capacity:\t${capacity !== undefined ? str(capacity) : '<default>'}\n`);
      w.write(1, `Access Modes:\t[${arr(claimSpec.accessModes).map(str).join(' ')}]\n`);
    }
  }
  if (events) describeEvents(events, w, now);
  return w.text();
}

/** `describeDaemonSet` (it has no Namespace line). */
export function describeDaemonSet(client: DescribeClient, set: Obj, events: Obj[] | undefined, now: number): string {
  const metadata = obj(set.metadata);
  const spec = obj(set.spec);
  const status = obj(set.status);
  const selector = selectorOf(spec);
  const counts = podStatusCounts(client, str(metadata.namespace), selector, str(metadata.uid));
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Selector:\t${selector}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(obj(obj(obj(spec.template).spec).nodeSelector) as Record<string, string>)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${num(status.desiredNumberScheduled)}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${num(status.currentNumberScheduled)}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${num(status.updatedNumberScheduled)}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${num(status.numberAvailable)}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${num(status.numberMisscheduled)}\n`);
  w.write(0, `Pods Status:\t${counts}\n`);
  describePodTemplate(obj(spec.template), w);
  if (events) describeEvents(events, w, now);
  return w.text();
}

/** `describeJob`. */
export function describeJob(job: Obj, events: Obj[] | undefined, now: number): string {
  const metadata = obj(job.metadata);
  const spec = obj(job.spec);
  const status = obj(job.status);
  const w = new PrefixWriter();
  header(w, metadata);
  w.write(0, `Selector:\t${selectorOf(spec)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  const controlledBy = controllerOf(metadata);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  if (typeof spec.parallelism === 'number') w.write(0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(0, `Completions:\t${typeof spec.completions === 'number' ? spec.completions : '<unset>'}\n`);
  if (typeof spec.completionMode === 'string') w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
  if (typeof spec.suspend === 'boolean') w.write(0, `Suspend:\t${spec.suspend}\n`);
  if (typeof spec.backoffLimit === 'number') w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (typeof spec.ttlSecondsAfterFinished === 'number') w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  if (status.completionTime) w.write(0, `Completed At:\t${rfc1123z(status.completionTime)}\n`);
  if (status.startTime && status.completionTime) {
    w.write(0, `Duration:\t${humanDuration(Date.parse(str(status.completionTime)) - Date.parse(str(status.startTime)))}\n`);
  }
  if (typeof spec.activeDeadlineSeconds === 'number') w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const ready = typeof status.ready === 'number' ? ` (${status.ready} Ready)` : '';
  w.write(0, `Pods Statuses:\t${num(status.active)} Active${ready} / ${num(status.succeeded)} Succeeded / ${num(status.failed)} Failed\n`);
  if (spec.completionMode === 'Indexed') w.write(0, `Completed Indexes:\t${str(status.completedIndexes) || '<none>'}\n`);
  describePodTemplate(obj(spec.template), w);
  if (events) describeEvents(events, w, now);
  return w.text();
}
