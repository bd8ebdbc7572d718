/** Describers of ConfigMap, Secret and Namespace. */
import { collectionPath, listAll, type DescribeClient } from './client.ts';
import { describeEvents } from './events.ts';
import { arr, obj, printAnnotations, printLabels, rfc1123z, sortStrings, str, strMap, type Obj } from './format.ts';
import { describeLimitRangeItems, quotaScopeHelp } from './quota.ts';
import { PrefixWriter } from './writer.ts';

function base64Length(value: string): number {
  const clean = value.replace(/=+$/, '');
  return Math.floor((clean.length * 3) / 4);
}

/** The ConfigMap describer: each data key and value, BinaryData sizes, then Events. */
export function describeConfigMap(configMap: Obj, events: Obj[] | undefined, now: number): string {
  const metadata = obj(configMap.metadata);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Namespace:\t${str(metadata.namespace)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  w.write(0, '\nData\n====\n');
  // Go ranges over the map in random order; sorted keys are one of the orders kubectl prints.
  const data = strMap(configMap.data);
  for (const key of sortStrings(Object.keys(data))) {
    w.write(0, `${key}:\n----\n`);
    w.write(0, `${data[key]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  const binary = strMap(configMap.binaryData);
  for (const key of sortStrings(Object.keys(binary))) w.write(0, `${key}: ${base64Length(binary[key])} bytes\n`);
  w.write(0, '\n');
  if (events) describeEvents(events, w, now);
  return w.text();
}

/** `describeSecret`: sizes of the data values (a service-account token is shown), no Events. */
export function describeSecret(secret: Obj): string {
  const metadata = obj(secret.metadata);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Namespace:\t${str(metadata.namespace)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  w.write(0, `\nType:\t${str(secret.type)}\n`);
  w.write(0, '\nData\n====\n');
  const data = strMap(secret.data);
  for (const key of sortStrings(Object.keys(data))) {
    if (key === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(0, `${key}:\t${atob(data[key])}\n`);
    else w.write(0, `${key}:\t${base64Length(data[key])} bytes\n`);
  }
  return w.text();
}

/** `describeNamespace`: status, conditions, then ResourceQuotas and LimitRanges of the namespace. */
export function describeNamespace(client: DescribeClient, namespace: Obj): string {
  const metadata = obj(namespace.metadata);
  const name = str(metadata.name);
  const quotas = listAll(client, collectionPath('', 'v1', 'resourcequotas', name));
  const limits = listAll(client, collectionPath('', 'v1', 'limitranges', name));
  const w = new PrefixWriter();
  w.write(0, `Name:\t${name}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  const status = obj(namespace.status);
  w.write(0, `Status:\t${str(status.phase)}\n`);
  const conditions = arr(status.conditions);
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(1, `${str(c.type)}\t${str(c.status)}\t${rfc1123z(c.lastTransitionTime)}\t${str(c.reason)}\t${str(c.message)}\n`);
    }
  }
  if (quotas) {
    w.write(0, '\n');
    describeResourceQuotas(quotas, w);
  }
  if (limits) {
    w.write(0, '\n');
    describeLimitRanges(limits, w);
  }
  return w.text();
}

function describeResourceQuotas(quotas: Obj[], w: PrefixWriter): void {
  if (quotas.length === 0) {
    w.write(0, 'No resource quota.\n');
    return;
  }
  w.write(0, 'Resource Quotas\n');
  for (const quota of [...quotas].sort((a, b) => (str(obj(a.metadata).name) < str(obj(b.metadata).name) ? -1 : 1))) {
    w.write(1, `Name:\t${str(obj(quota.metadata).name)}\n`);
    const scopes = sortStrings(arr(obj(quota.spec).scopes).map(str));
    if (scopes.length > 0) {
      w.write(1, `Scopes:\t${scopes.join(', ')}\n`);
      for (const scope of scopes) {
        const help = quotaScopeHelp(scope);
        if (help) w.write(1, `* ${help}\n`);
      }
    }
    w.write(1, 'Resource\tUsed\tHard\n');
    w.write(1, '--------\t---\t---\n');
    const hard = strMap(obj(quota.status).hard);
    const used = strMap(obj(quota.status).used);
    for (const resource of sortStrings(Object.keys(hard))) w.write(1, `${resource}\t${used[resource] ?? '0'}\t${hard[resource]}\n`);
  }
}

function describeLimitRanges(limitRanges: Obj[], w: PrefixWriter): void {
  if (limitRanges.length === 0) {
    w.write(0, 'No LimitRange resource.\n');
    return;
  }
  w.write(0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const range of limitRanges) describeLimitRangeItems(obj(range.spec), ' ', w);
}
