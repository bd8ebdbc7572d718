/** Describers of Endpoints (subsets) and EndpointSlice (discovery/v1: ports and endpoints). */
import { describeEvents } from './events.ts';
import { arr, num, obj, printAnnotations, printLabels, str, type Obj } from './format.ts';
import { PrefixWriter } from './writer.ts';

function header(w: PrefixWriter, metadata: Obj): void {
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Namespace:\t${str(metadata.namespace)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
}

/** `describeEndpoints`: each subset's ready and not-ready IPs and its ports, then an empty line. */
export function describeEndpoints(endpoints: Obj, events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  header(w, obj(endpoints.metadata));
  w.write(0, 'Subsets:\n');
  for (const subset of arr(endpoints.subsets)) {
    const ready = arr(subset.addresses).map((address) => str(address.ip)).join(',');
    w.write(1, `Addresses:\t${ready || '<none>'}\n`);
    const notReady = arr(subset.notReadyAddresses).map((address) => str(address.ip)).join(',');
    w.write(1, `NotReadyAddresses:\t${notReady || '<none>'}\n`);
    const ports = arr(subset.ports);
    if (ports.length > 0) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const port of ports) w.write(2, `${str(port.name) || '<unset>'}\t${num(port.port)}\t${str(port.protocol)}\n`);
    }
    w.write(0, '\n');
  }
  if (events) describeEvents(events, w, now);
  return w.text();
}

/** `describeEndpointSliceV1`. */
export function describeEndpointSlice(slice: Obj, events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  header(w, obj(slice.metadata));
  w.write(0, `AddressType:\t${str(slice.addressType)}\n`);
  const ports = arr(slice.ports);
  if (ports.length === 0) w.write(0, 'Ports: <unset>\n');
  else {
    w.write(0, 'Ports:\n');
    w.write(1, 'Name\tPort\tProtocol\n');
    w.write(1, '----\t----\t--------\n');
    for (const port of ports) {
      const number = typeof port.port === 'number' ? String(port.port) : '<unset>';
      w.write(1, `${str(port.name) || '<unset>'}\t${number}\t${str(port.protocol)}\n`);
    }
  }
  const endpoints = arr(slice.endpoints);
  if (endpoints.length === 0) w.write(0, 'Endpoints: <none>\n');
  else {
    w.write(0, 'Endpoints:\n');
    for (const endpoint of endpoints) {
      w.write(1, `- Addresses:\t${arr(endpoint.addresses).map(str).join(', ') || '<none>'}\n`);
      w.write(2, 'Conditions:\n');
      const ready = obj(endpoint.conditions).ready;
      w.write(3, `Ready:\t${typeof ready === 'boolean' ? String(ready) : '<unset>'}\n`);
      w.write(2, `Hostname:\t${typeof endpoint.hostname === 'string' ? endpoint.hostname : '<unset>'}\n`);
      if (endpoint.targetRef) w.write(2, `TargetRef:\t${str(obj(endpoint.targetRef).kind)}/${str(obj(endpoint.targetRef).name)}\n`);
      w.write(2, `NodeName:\t${typeof endpoint.nodeName === 'string' ? endpoint.nodeName : '<unset>'}\n`);
      w.write(2, `Zone:\t${typeof endpoint.zone === 'string' ? endpoint.zone : '<unset>'}\n`);
    }
  }
  if (events) describeEvents(events, w, now);
  return w.text();
}
