import { describe, expect, it } from 'vitest';
import { fnv128aHex, md5Hex } from './go-hash.ts';
import { spewCorePort, spewSlicePort, spewSubset } from './spew.ts';

describe('Go hashes', () => {
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['The quick brown fox jumps over the lazy dog', '9e107d9d372bb6826bd81d3542a419d6'],
    ['a'.repeat(100), '36a92cc94a9e0fa21f625f8bfb007adf'],
  ])('md5(%j) is the RFC 1321 digest', (text, hex) => {
    expect(md5Hex(text)).toBe(hex);
  });

  it.each([
    ['', '6c62272e07bb014262b821756295c58d'],
    ['a', 'd228cb696f1a8caf78912b704e4a8964'],
  ])('fnv128a(%j) is hash/fnv New128a', (text, hex) => {
    expect(fnv128aHex(text)).toBe(hex);
  });
});

describe('spew %#v text', () => {
  it('prints ports and subsets with Go types, nil pointers and nil slices', () => {
    expect(spewCorePort({ name: 'http', port: 80, protocol: 'TCP' })).toBe('(v1.EndpointPort){Name:(string)http Port:(int32)80 Protocol:(v1.Protocol)TCP AppProtocol:(*string)<nil>}');
    expect(spewSlicePort({ name: '', protocol: 'UDP', port: 53, appProtocol: 'dns' })).toBe('(v1.EndpointPort){Name:(*string) Protocol:(*v1.Protocol)UDP Port:(*int32)53 AppProtocol:(*string)dns}');
    expect(spewSubset({ addresses: [{ ip: '10.244.1.2', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u1' } }], ports: [{ name: '', port: 80, protocol: 'TCP' }] })).toBe(
      '(v1.EndpointSubset){Addresses:([]v1.EndpointAddress)[{IP:(string)10.244.1.2 Hostname:(string) NodeName:(*string)node-1 TargetRef:(*v1.ObjectReference){Kind:(string)Pod Namespace:(string)default Name:(string)web UID:(types.UID)u1 APIVersion:(string) ResourceVersion:(string) FieldPath:(string)}}] NotReadyAddresses:([]v1.EndpointAddress)<nil> Ports:([]v1.EndpointPort)[{Name:(string) Port:(int32)80 Protocol:(v1.Protocol)TCP AppProtocol:(*string)<nil>}]}',
    );
  });
});
