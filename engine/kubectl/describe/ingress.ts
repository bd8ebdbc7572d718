/**
 * Describers of Ingress (rules table with each backend's ready endpoints, `<default>` for an unset
 * default backend) and IngressClass.
 */
import { collectionPath, type DescribeClient } from './client.ts';
import { describeEvents } from './events.ts';
import { arr, num, obj, printAnnotations, printLabels, sortStrings, str, type Obj } from './format.ts';
import { formatEndpointSlices } from './service.ts';
import { PrefixWriter } from './writer.ts';

/** `serviceBackendStringer`: `name:port`, the port number when set, else its name. */
function serviceBackendString(service: Obj): string {
  const port = obj(service.port);
  return `${str(service.name)}:${num(port.number) !== 0 ? num(port.number) : str(port.name)}`;
}

/**
 * `describeBackendV1`: `svc:port (endpoints)` from the Service's EndpointSlices and the name of
 * the Service port the backend refers to; errors of either read are shown in place.
 */
export function describeBackend(client: DescribeClient, namespace: string, backend: Obj): string {
  if (backend.service) {
    const service = obj(backend.service);
    const text = serviceBackendString(service);
    const slices = client.handle({
      method: 'GET',
      path: collectionPath('discovery.k8s.io', 'v1', 'endpointslices', namespace),
      query: { labelSelector: `kubernetes.io/service-name=${str(service.name)}` },
    });
    if (slices.status !== 200) return `${text} (<error: ${str(obj(slices.body).message)}>)`;
    const got = client.handle({ method: 'GET', path: `${collectionPath('', 'v1', 'services', namespace)}/${encodeURIComponent(str(service.name))}` });
    if (got.status !== 200) return `${text} (<error: ${str(obj(got.body).message)}>)`;
    const port = obj(service.port);
    let portName = '';
    for (const servicePort of arr(obj(obj(got.body).spec).ports)) {
      if (num(port.number) !== 0 && num(port.number) === num(servicePort.port)) portName = str(servicePort.name);
      else if (str(port.name) && str(port.name) === str(servicePort.name)) portName = str(servicePort.name);
    }
    return `${text} (${formatEndpointSlices(arr(obj(slices.body).items), portName)})`;
  }
  if (backend.resource) {
    const resource = obj(backend.resource);
    const group = typeof resource.apiGroup === 'string' ? resource.apiGroup : '<none>';
    return `APIGroup: ${group}, Kind: ${str(resource.kind)}, Name: ${str(resource.name)}`;
  }
  return '';
}

/** `ingressLoadBalancerStatusStringerV1` (wide): unique IPs or hostnames, sorted, joined with `,`. */
function loadBalancerAddresses(status: Obj): string {
  const addresses = new Set<string>();
  for (const entry of arr(obj(status.loadBalancer).ingress)) {
    if (str(entry.ip)) addresses.add(str(entry.ip));
    else if (str(entry.hostname)) addresses.add(str(entry.hostname));
  }
  return sortStrings([...addresses]).join(',');
}

/** `describeIngressV1`. */
export function describeIngress(client: DescribeClient, ingress: Obj, events: Obj[] | undefined, now: number): string {
  const metadata = obj(ingress.metadata);
  const spec = obj(ingress.spec);
  const namespace = str(metadata.namespace);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  w.write(0, `Namespace:\t${namespace}\n`);
  w.write(0, `Address:\t${loadBalancerAddresses(obj(ingress.status))}\n`);
  w.write(0, `Ingress Class:\t${typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>'}\n`);
  const defaultBackend = spec.defaultBackend ? describeBackend(client, namespace, obj(spec.defaultBackend)) : '<default>';
  w.write(0, `Default backend:\t${defaultBackend}\n`);
  const tls = arr(spec.tls);
  if (tls.length > 0) {
    w.write(0, 'TLS:\n');
    for (const entry of tls) {
      const hosts = arr(entry.hosts).map(str).join(',');
      w.write(1, str(entry.secretName) ? `${str(entry.secretName)} terminates ${hosts}\n` : `SNI routes ${hosts}\n`);
    }
  }
  w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of arr(spec.rules)) {
    if (!rule.http) continue;
    count++;
    w.write(1, `${str(rule.host) || '*'}\t\n`);
    for (const path of arr(obj(rule.http).paths)) {
      w.write(2, `\t${str(path.path)} \t${describeBackend(client, namespace, obj(path.backend))}\n`);
    }
  }
  if (count === 0) w.write(1, `*\t*\t${defaultBackend}\n`);
  printAnnotations(w, 'Annotations', metadata.annotations);
  if (events) describeEvents(events, w, now);
  return w.text();
}

/** `describeIngressClassV1`. */
export function describeIngressClass(ingressClass: Obj, events: Obj[] | undefined, now: number): string {
  const metadata = obj(ingressClass.metadata);
  const spec = obj(ingressClass.spec);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  w.write(0, `Controller:\t${str(spec.controller)}\n`);
  if (spec.parameters) {
    const parameters = obj(spec.parameters);
    w.write(0, 'Parameters:\n');
    if (typeof parameters.apiGroup === 'string') w.write(1, `APIGroup:\t${parameters.apiGroup}\n`);
    w.write(1, `Kind:\t${str(parameters.kind)}\n`);
    w.write(1, `Name:\t${str(parameters.name)}\n`);
  }
  if (events) describeEvents(events, w, now);
  return w.text();
}
