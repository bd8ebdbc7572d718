/**
 * `bootMs`: wall ms from `new Cluster({seed: 1})` (the default cluster of DESIGN.md contract 4) until
 * every system pod is Running, advancing virtual time a second at a time — what every lab start and
 * every test that builds a lab pays. `bootMs` is the median of several boots in one process;
 * `bootFirstMs` the first of them, with the engine's code still cold, as in a page's worker.
 * Run as a child of `bench/run.ts`, or alone: `npx tsx bench/boot-bench.ts [--runs 5]`.
 */
import { Cluster } from '../engine/cluster.ts';
import type { KubeObject } from '../engine/api/types.ts';
import { numberOption } from './options.ts';

/** The system pods of the default cluster: static pods, CoreDNS, DaemonSet pods and add-ons. */
export const systemPodCount = 17;

/** Whether every system pod of `cluster` exists and is Running (read through the API, as kubectl would). */
export function systemPodsRunning(cluster: Cluster): boolean {
  const listed = cluster.handle({ method: 'GET', path: '/api/v1/pods' });
  const pods = (listed.body as { items: KubeObject[] }).items;
  return pods.length >= systemPodCount && pods.every((pod) => (pod.status as { phase?: string } | undefined)?.phase === 'Running');
}

/** Wall ms of one boot: construct, then advance 1 s of virtual time at a time until the system pods run. */
export function bootOnce(seed = 1): number {
  const started = performance.now();
  const cluster = new Cluster({ seed });
  for (let second = 0; !systemPodsRunning(cluster); second++) {
    if (second > 300) throw new Error('the system pods were not Running after 300 virtual seconds');
    cluster.advance(1000);
  }
  return performance.now() - started;
}

/** The median of `runs` boots, and the first (cold: what a page's worker pays), with every run logged. */
export function runBootBench(runs = 5, log: (line: string) => void = () => undefined): { bootMs: number; bootFirstMs: number } {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    times.push(bootOnce());
    log(`boot ${run + 1}/${runs}: ${times[run].toFixed(0)} ms`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { bootMs: sorted[Math.floor(sorted.length / 2)], bootFirstMs: times[0] };
}

if (process.argv[1]?.endsWith('boot-bench.ts')) {
  const result = runBootBench(numberOption(process.argv.slice(2), '--runs', 5), (line) => process.stderr.write(`  ${line}\n`));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
