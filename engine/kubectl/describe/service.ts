/** `kubectl describe service`: ports with the ready endpoints of the Service's EndpointSlices. */
import { formatLabels } from '../../api/table/format.ts';
import { collectionPath, type DescribeClient } from './client.ts';
import { describeEvents } from './events.ts';
import { arr, num, obj, printAnnotations, printLabels, str, type Obj } from './format.ts';
import { PrefixWriter } from './writer.ts';

/** `describeService`. */
export function describeService(client: DescribeClient, service: Obj, events: Obj[] | undefined, now: number): string {
  const metadata = obj(service.metadata);
  const spec = obj(service.spec);
  const response = client.handle({
    method: 'GET',
    path: collectionPath('discovery.k8s.io', 'v1', 'endpointslices', str(metadata.namespace)),
    query: { labelSelector: `kubernetes.io/service-name=${str(metadata.name)}` },
  });
  const slices = response.status === 200 ? arr(obj(response.body).items) : [];
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Namespace:\t${str(metadata.namespace)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(obj(spec.selector) as Record<string, string>)}\n`);
  w.write(0, `Type:\t${str(spec.type)}\n`);
  if (typeof spec.ipFamilyPolicy === 'string') w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  const families = arr(spec.ipFamilies).map(str);
  w.write(0, `IP Families:\t${families.length > 0 ? families.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${str(spec.clusterIP)}\n`);
  const clusterIPs = arr(spec.clusterIPs).map(str);
  w.write(0, `IPs:\t${clusterIPs.length > 0 ? clusterIPs.join(',') : '<none>'}\n`);
  const externalIPs = arr(spec.externalIPs).map(str);
  if (externalIPs.length > 0) w.write(0, `External IPs:\t${externalIPs.join(',')}\n`);
  if (str(spec.loadBalancerIP)) w.write(0, `Desired LoadBalancer IP:\t${str(spec.loadBalancerIP)}\n`);
  if (str(spec.externalName)) w.write(0, `External Name:\t${str(spec.externalName)}\n`);
  const ingress = arr(obj(obj(service.status).loadBalancer).ingress);
  if (ingress.length > 0) {
    const list = ingress.map((entry) => (str(entry.ip) ? `${str(entry.ip)}${entry.ipMode ? ` (${str(entry.ipMode)})` : ''}` : str(entry.hostname)));
    w.write(0, `LoadBalancer Ingress:\t${list.join(', ')}\n`);
  }
  for (const port of arr(spec.ports)) {
    const name = str(port.name) || '<unset>';
    const protocol = str(port.protocol);
    w.write(0, `Port:\t${name}\t${num(port.port)}/${protocol}\n`);
    w.write(0, `TargetPort:\t${str(port.targetPort)}/${protocol}\n`);
    if (num(port.nodePort) !== 0) w.write(0, `NodePort:\t${name}\t${num(port.nodePort)}/${protocol}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(slices, str(port.name))}\n`);
  }
  w.write(0, `Session Affinity:\t${str(spec.sessionAffinity)}\n`);
  if (str(spec.externalTrafficPolicy)) w.write(0, `External Traffic Policy:\t${str(spec.externalTrafficPolicy)}\n`);
  if (typeof spec.internalTrafficPolicy === 'string') w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (num(spec.healthCheckNodePort) !== 0) w.write(0, `HealthCheck NodePort:\t${num(spec.healthCheckNodePort)}\n`);
  const ranges = arr(spec.loadBalancerSourceRanges).map(str);
  if (ranges.length > 0) w.write(0, `LoadBalancer Source Ranges:\t${ranges.join(',')}\n`);
  if (events) describeEvents(events, w, now);
  return w.text();
}

/**
 * `formatEndpointSlices`: ready endpoints of the ports named like the Service port, `ip:port`, at
 * most three then ` + N more...`; `<none>` without slices.
 */
export function formatEndpointSlices(slices: Obj[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const add = (endpoint: Obj, text: (address: string) => string): void => {
    if (list.length === max) more = true;
    const ready = obj(endpoint.conditions).ready;
    if (ready === false) return;
    if (!more) list.push(text(str(arr(endpoint.addresses)[0])));
    count++;
  };
  for (const slice of slices) {
    const ports = arr(slice.ports);
    if (ports.length === 0) {
      for (const endpoint of arr(slice.endpoints)) add(endpoint, (address) => address);
      continue;
    }
    for (const port of ports) {
      if (str(port.name) !== portName) continue;
      const hostPort = (address: string): string => `${address.includes(':') ? `[${address}]` : address}:${num(port.port)}`;
      for (const endpoint of arr(slice.endpoints)) add(endpoint, hostPort);
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}
