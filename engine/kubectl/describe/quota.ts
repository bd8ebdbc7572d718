/** Describers of ResourceQuota and LimitRange (neither shows labels, annotations or events). */
import { newQuantity, quantityString, quantityValue } from '../../api/validation/quantity.ts';
import { arr, obj, sortStrings, str, strMap, type Obj } from './format.ts';
import { quantityText, resourceList, sortedNames, toQuantity } from './resource-list.ts';
import { PrefixWriter } from './writer.ts';

/** `helpTextForResourceQuotaScope`. */
export function quotaScopeHelp(scope: string): string {
  switch (scope) {
    case 'Terminating':
      return 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.';
    case 'NotTerminating':
      return 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.';
    case 'BestEffort':
      return 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.';
    case 'NotBestEffort':
      return 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.';
    default:
      return '';
  }
}

/**
 * `describeQuota`: used against hard per resource. A used quantity in another format than the hard
 * one is reprinted in the hard one's format from its whole value, as kubectl does (absent → `0`).
 */
export function describeResourceQuota(quota: Obj): string {
  const metadata = obj(quota.metadata);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Namespace:\t${str(metadata.namespace)}\n`);
  const scopes = sortStrings(arr(obj(quota.spec).scopes).map(str));
  if (scopes.length > 0) {
    w.write(0, `Scopes:\t${scopes.join(', ')}\n`);
    for (const scope of scopes) {
      const help = quotaScopeHelp(scope);
      if (help) w.write(0, ` * ${help}\n`);
    }
  }
  w.write(0, 'Resource\tUsed\tHard\n');
  w.write(0, '--------\t----\t----\n');
  const status = obj(quota.status);
  const hard = resourceList(status.hard);
  const usedJson = strMap(status.used);
  for (const name of sortedNames(hard)) {
    const hardQuantity = hard.get(name)!;
    // A missing used value is Go's zero Quantity, whose empty format never equals the hard one's.
    let used = name in usedJson ? toQuantity(usedJson[name]) : undefined;
    if (!used || used.format !== hardQuantity.format) used = newQuantity(used ? quantityValue(used) : 0, hardQuantity.format);
    w.write(0, `${name}\t${quantityString(used)}\t${quantityString(hardQuantity)}\n`);
  }
  return w.text();
}

/**
 * `describeLimitRangeSpec`: one row per limit item and resource. kubectl ranges over a Go map here,
 * so its row order within an item varies from run to run; we print resources sorted.
 */
export function describeLimitRangeItems(spec: Obj, prefix: string, w: PrefixWriter): void {
  for (const item of arr(spec.limits)) {
    const columns = ['min', 'max', 'defaultRequest', 'default', 'maxLimitRequestRatio'].map((field) => obj(item[field]));
    const names = sortStrings([...new Set(columns.flatMap((column) => Object.keys(column)))]);
    for (const name of names) {
      const cells = columns.map((column) => (name in column ? quantityText(column[name]) : '-'));
      w.write(0, `${prefix}${str(item.type)}\t${name}\t${cells.join('\t')}\n`);
    }
  }
}

/** `describeLimitRange`. */
export function describeLimitRange(limitRange: Obj): string {
  const metadata = obj(limitRange.metadata);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Namespace:\t${str(metadata.namespace)}\n`);
  w.write(0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  describeLimitRangeItems(obj(limitRange.spec), '', w);
  return w.text();
}
