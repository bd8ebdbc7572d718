/**
 * The text go-spew prints for `%#v` of the few Go structs Kubernetes hashes to order endpoint
 * ports and subsets (`dump.ForHash`): `(type){Field:(type)value …}`, nested values inside a
 * slice without their type, nil pointers and slices as `(type)<nil>`. Field order is the Go
 * struct's, not the JSON's.
 */

/** A core/v1 EndpointPort as the Endpoints controller builds it. */
export interface CorePort {
  name?: string;
  port: number;
  protocol?: string;
  appProtocol?: string;
}

/** A core/v1 EndpointAddress. */
export interface CoreAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind?: string; namespace?: string; name?: string; uid?: string; apiVersion?: string; resourceVersion?: string; fieldPath?: string };
}

/** A core/v1 EndpointSubset; `undefined` lists are Go's nil slices. */
export interface CoreSubset {
  addresses?: CoreAddress[];
  notReadyAddresses?: CoreAddress[];
  ports?: CorePort[];
}

/** A discovery/v1 EndpointPort: every field is a pointer in Go. */
export interface SlicePort {
  name?: string;
  protocol?: string;
  port?: number;
  appProtocol?: string;
}

function pointer(type: string, value: string | number | undefined): string {
  return value === undefined ? `(*${type})<nil>` : `(*${type})${value}`;
}

function corePortFields(port: CorePort): string {
  return `Name:(string)${port.name ?? ''} Port:(int32)${port.port} Protocol:(v1.Protocol)${port.protocol ?? ''} AppProtocol:${pointer('string', port.appProtocol)}`;
}

/** `(v1.EndpointPort){Name:(string)http Port:(int32)80 Protocol:(v1.Protocol)TCP AppProtocol:(*string)<nil>}` */
export function spewCorePort(port: CorePort): string {
  return `(v1.EndpointPort){${corePortFields(port)}}`;
}

/** `(v1.EndpointPort){Name:(*string)http Protocol:(*v1.Protocol)TCP Port:(*int32)80 AppProtocol:(*string)<nil>}` */
export function spewSlicePort(port: SlicePort): string {
  return `(v1.EndpointPort){Name:${pointer('string', port.name)} Protocol:${pointer('v1.Protocol', port.protocol)} Port:${pointer('int32', port.port)} AppProtocol:${pointer('string', port.appProtocol)}}`;
}

function addressFields(address: CoreAddress): string {
  const ref = address.targetRef;
  const target = ref
    ? `(*v1.ObjectReference){Kind:(string)${ref.kind ?? ''} Namespace:(string)${ref.namespace ?? ''} Name:(string)${ref.name ?? ''} UID:(types.UID)${ref.uid ?? ''} APIVersion:(string)${ref.apiVersion ?? ''} ResourceVersion:(string)${ref.resourceVersion ?? ''} FieldPath:(string)${ref.fieldPath ?? ''}}`
    : '(*v1.ObjectReference)<nil>';
  return `IP:(string)${address.ip} Hostname:(string)${address.hostname ?? ''} NodeName:${pointer('string', address.nodeName)} TargetRef:${target}`;
}

function list<T>(type: string, items: T[] | undefined, fields: (item: T) => string): string {
  return items === undefined ? `([]${type})<nil>` : `([]${type})[${items.map((item) => `{${fields(item)}}`).join(' ')}]`;
}

/** The spew text of a whole core/v1 EndpointSubset. */
export function spewSubset(subset: CoreSubset): string {
  return `(v1.EndpointSubset){Addresses:${list('v1.EndpointAddress', subset.addresses, addressFields)} NotReadyAddresses:${list('v1.EndpointAddress', subset.notReadyAddresses, addressFields)} Ports:${list('v1.EndpointPort', subset.ports, corePortFields)}}`;
}
