import { describe, expect, it } from 'vitest';
import type { CoreSubset } from '../endpointslice/spew.ts';
import { packSamePorts, repackSubsets, truncateSubsets } from './repack.ts';

const a = (ip: string, uid = ip) => ({ ip, targetRef: { kind: 'Pod', uid } });
const http = { name: 'http', port: 80, protocol: 'TCP' };
const https = { name: 'https', port: 443, protocol: 'TCP' };

describe('repackSubsets', () => {
  it.each<[string, CoreSubset[], CoreSubset[]]>([
    ['one subset per address and port collapse into one, sorted by IP',
      [{ addresses: [a('10.0.0.2')], ports: [http] }, { addresses: [a('10.0.0.1')], ports: [http] }],
      [{ addresses: [a('10.0.0.1'), a('10.0.0.2')], ports: [http] }]],
    ['ports served by the same addresses share a subset, in hash order',
      [{ addresses: [a('10.0.0.1')], ports: [http] }, { addresses: [a('10.0.0.1')], ports: [https] }],
      [{ addresses: [a('10.0.0.1')], ports: [https, http] }]],
    ['not ready wins over ready for the same address and port',
      [{ addresses: [a('10.0.0.1')], ports: [http] }, { notReadyAddresses: [a('10.0.0.1')], ports: [http] }],
      [{ notReadyAddresses: [a('10.0.0.1')], ports: [http] }]],
    ['addresses serving different ports get separate subsets, in hash (not IP) order',
      [{ addresses: [a('10.0.0.1')], ports: [http] }, { addresses: [a('10.0.0.2')], ports: [{ ...http, port: 8080 }] }],
      [{ addresses: [a('10.0.0.2')], ports: [{ ...http, port: 8080 }] }, { addresses: [a('10.0.0.1')], ports: [http] }]],
    ['a headless Service without ports keeps its addresses, with no ports',
      [{ addresses: [a('10.0.0.3')], ports: [] }, { addresses: [a('10.0.0.1')], ports: [] }],
      [{ addresses: [a('10.0.0.1'), a('10.0.0.3')] }]],
  ])('%s', (_name, input, expected) => {
    expect(repackSubsets(input)).toEqual(expected);
  });
});

describe('truncateSubsets', () => {
  const addresses = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => a(`${prefix}.${i}`));
  it.each<[string, CoreSubset[], number[][] | false]>([
    ['leaves 1000 addresses alone', [{ addresses: addresses(600, '10.0.1'), notReadyAddresses: addresses(400, '10.0.2') }], false],
    ['keeps ready addresses first and cuts not-ready ones', [{ addresses: addresses(900, '10.0.1'), notReadyAddresses: addresses(200, '10.0.2') }], [[900, 100]]],
    ['shares the room between subsets in proportion, rounding up', [{ addresses: addresses(1500, '10.0.1') }, { addresses: addresses(500, '10.0.2'), notReadyAddresses: addresses(5, '10.0.3') }], [[750, 0], [250, 0]]],
  ])('%s', (_name, subsets, expected) => {
    const truncated = truncateSubsets(subsets);
    expect(truncated ? subsets.map((s) => [s.addresses?.length ?? 0, s.notReadyAddresses?.length ?? 0]) : false).toEqual(expected);
  });
});

describe('packSamePorts', () => {
  const metrics = { name: 'metrics', port: 9090, protocol: 'TCP', appProtocol: 'http' };
  // The shortcut must pack exactly as the general case does: one subset per pod and port, repacked.
  it.each<[string, [string, boolean][], { name: string; port: number; protocol: string }[]]>([
    ['no pods', [], [http]],
    ['ready and not-ready pods, one port', [['10.0.0.9', true], ['10.0.0.10', false], ['10.0.0.1', true], ['10.0.0.2', false]], [http]],
    ['three ports in hash order', [['10.0.0.2', true], ['10.0.0.1', true]], [http, https, metrics]],
    ['a headless Service without ports', [['10.0.0.3', false], ['10.0.0.1', true]], []],
  ])('%s: as repackSubsets packs it', (_name, pods, ports) => {
    const members = pods.map(([ip, ready]) => ({ address: a(ip), ready }));
    const general = members.flatMap(({ address, ready }) => (ports.length ? ports : [undefined]).map((port) => {
      const list = port ? [port] : [];
      return ready ? { addresses: [address], ports: list } : { notReadyAddresses: [address], ports: list };
    }));
    expect(packSamePorts(members, ports)).toEqual(repackSubsets(general));
  });
});
