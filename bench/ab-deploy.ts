/**
 * A/B of the Deployment benchmark on a noisy machine: the engine of another checkout (a copy of
 * the tree before a change) against this one, alternating in one process, then every stored pod,
 * event, EndpointSlice, Endpoints, ReplicaSet, Deployment, Node, Lease and Service compared byte
 * for byte. Usage: `npx tsx bench/ab-deploy.ts /tmp/before NODES REPLICAS [ROUNDS]`, where
 * /tmp/before holds `engine/` and `bench/deploy-bench.ts` (copy them before editing).
 */
import { resolve } from 'node:path';
import type { Cluster } from '../engine/cluster.ts';
import * as head from './deploy-bench.ts';

const [before, ...numbers] = process.argv.slice(2);
const [nodes = 100, replicas = 1000, rounds = 2] = numbers.map(Number);
const base = (await import(resolve(before, 'bench/deploy-bench.ts'))) as typeof head;

const collections = [
  '/api/v1/pods', '/api/v1/events', '/apis/events.k8s.io/v1/events', '/apis/discovery.k8s.io/v1/endpointslices',
  '/api/v1/endpoints', '/apis/apps/v1/replicasets', '/apis/apps/v1/deployments', '/api/v1/nodes',
  '/apis/coordination.k8s.io/v1/leases', '/api/v1/services',
];

function dump(cluster: Cluster): string[] {
  return collections.map((path) => JSON.stringify(cluster.api.handle({ method: 'GET', path }).body));
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

const runs = { before: base, after: head };
const wall: Record<string, number[]> = { before: [], after: [] };
const cpu: Record<string, number[]> = { before: [], after: [] };
const dumps: Record<string, string[]> = {};
for (let round = 0; round < rounds; round++) {
  for (const [name, bench] of Object.entries(runs)) {
    const cpuStart = cpuMs();
    const result = bench.runDeployBench({ nodes, replicas, inspect: round === 0 ? (cluster) => { dumps[name] = dump(cluster); } : undefined });
    cpu[name].push(cpuMs() - cpuStart);
    wall[name].push(result.ms);
    console.error(`${name}: ${result.ms.toFixed(0)} ms wall, ${cpu[name].at(-1)!.toFixed(0)} ms CPU`);
  }
}
const best = (xs: number[]): number => Math.min(...xs);
console.log(`best wall ms: before ${best(wall.before).toFixed(0)}, after ${best(wall.after).toFixed(0)} (×${(best(wall.before) / best(wall.after)).toFixed(2)})`);
console.log(`best CPU ms:  before ${best(cpu.before).toFixed(0)}, after ${best(cpu.after).toFixed(0)} (×${(best(cpu.before) / best(cpu.after)).toFixed(2)})`);
const differing = collections.filter((_, i) => dumps.before[i] !== dumps.after[i]);
console.log(differing.length ? `DIFFERENT: ${differing.join(', ')}` : `identical: ${dumps.after.join('').length} bytes of stored objects`);
if (differing.length) process.exitCode = 1;
