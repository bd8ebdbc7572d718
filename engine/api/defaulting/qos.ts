/**
 * The Pod QoS class the API server records in `status.qosClass` at create time (ComputePodQOS):
 * BestEffort with no cpu/memory requests or limits anywhere, Guaranteed when every container
 * limits both cpu and memory and the requests equal the limits, Burstable otherwise.
 */
import { child, isObj, items, type Obj } from './util.ts';

const qosResources = ['cpu', 'memory'];

const suffixes: Record<string, number> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The numeric value of a resource quantity (`500m` → 0.5, `1Gi` → 1073741824), NaN when malformed. */
export function quantityValue(quantity: unknown): number {
  if (typeof quantity === 'number') return quantity;
  if (typeof quantity !== 'string') return NaN;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(quantity.trim());
  if (!m) return NaN;
  const base = Number(m[1] + (m[2] ?? ''));
  return base * suffixes[m[3] ?? ''];
}

/** The QoS class of a defaulted Pod spec. */
export function computeQosClass(spec: Obj): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  for (const container of [...items(spec, 'containers'), ...items(spec, 'initContainers')]) {
    const resources = child(container, 'resources') ?? {};
    add(requests, child(resources, 'requests'));
    const found = add(limits, child(resources, 'limits'));
    if (!qosResources.every((name) => found.has(name))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, value] of requests) if (limits.get(name) !== value) guaranteed = false;
    if (requests.size !== limits.size) guaranteed = false;
  }
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function add(sum: Map<string, number>, list: Obj | undefined): Set<string> {
  const found = new Set<string>();
  if (!isObj(list)) return found;
  for (const name of qosResources) {
    const value = quantityValue(list[name]);
    if (!(value > 0)) continue; // zero quantities do not count, as in IsZero()
    found.add(name);
    sum.set(name, (sum.get(name) ?? 0) + value);
  }
  return found;
}
