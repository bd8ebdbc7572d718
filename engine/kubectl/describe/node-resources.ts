/**
 * The pod half of `kubectl describe node` (`describeNodeResource`): one row per non-terminated pod
 * with its CPU and memory requests and limits as a share of the node's allocatable, then the
 * "Allocated resources" totals.
 */
import { timestampSince } from '../../api/table/duration.ts';
import { milliValue, quantityString, quantityValue, type Quantity } from '../../api/validation/quantity.ts';
import { obj, sortStrings, str, type Obj } from './format.ts';
import { addResourceList, goInt64, podLimits, podRequests, quantityOf, resourceList, type ResourceList } from './resource-list.ts';
import type { PrefixWriter } from './writer.ts';

/** `quantity (percent%)`; the share is a float64 truncated to int64 as Go does (no zero guard). */
function share(quantity: Quantity, value: (q: Quantity) => number, total: number): string {
  return `${quantityString(quantity)} (${goInt64((value(quantity) / total) * 100)}%)`;
}

/** A share that is 0 when the node has none of the resource (the totals guard against zero). */
function guardedShare(quantity: Quantity, value: (q: Quantity) => number, total: number): string {
  return `${quantityString(quantity)} (${goInt64(total !== 0 ? (value(quantity) / total) * 100 : 0)}%)`;
}

const standardResources = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isHugePages = (name: string): boolean => name.startsWith('hugepages-');

/** `describeNodeResource`: the Non-terminated Pods table and the Allocated resources table. */
export function describeNodeResource(pods: Obj[], node: Obj, w: PrefixWriter, now: number): void {
  const status = obj(node.status);
  const allocatable: ResourceList = resourceList(Object.keys(obj(status.allocatable)).length > 0 ? status.allocatable : status.capacity);
  const cpu = milliValue(quantityOf(allocatable, 'cpu'));
  const memory = quantityValue(quantityOf(allocatable, 'memory'));
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const requests: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const pod of pods) {
    const metadata = obj(pod.metadata);
    const podReqs = podRequests(pod);
    const podLims = podLimits(pod);
    addResourceList(requests, podReqs);
    addResourceList(limits, podLims);
    w.write(1, `${str(metadata.namespace)}\t${str(metadata.name)}\t\t`
      + `${share(quantityOf(podReqs, 'cpu'), milliValue, cpu)}\t${share(quantityOf(podLims, 'cpu'), milliValue, cpu)}\t`
      + `${share(quantityOf(podReqs, 'memory'), quantityValue, memory)}\t${share(quantityOf(podLims, 'memory'), quantityValue, memory)}\t`
      + `${timestampSince(metadata.creationTimestamp, now)}\n`);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const row = (name: string, value: (q: Quantity) => number, total: number): void => {
    w.write(1, `${name}\t${guardedShare(quantityOf(requests, name), value, total)}\t${guardedShare(quantityOf(limits, name), value, total)}\n`);
  };
  row('cpu', milliValue, cpu);
  row('memory', quantityValue, memory);
  row('ephemeral-storage', quantityValue, quantityValue(quantityOf(allocatable, 'ephemeral-storage')));
  const names = [...allocatable.keys()];
  for (const name of sortStrings(names.filter(isHugePages))) row(name, quantityValue, quantityValue(quantityOf(allocatable, name)));
  const extended = sortStrings(names.filter((name) => !isHugePages(name) && !standardResources.has(name) && name !== 'pods'));
  for (const name of extended) {
    w.write(1, `${name}\t${quantityString(quantityOf(requests, name))}\t${quantityString(quantityOf(limits, name))}\n`);
  }
}
