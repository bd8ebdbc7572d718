/**
 * The Kubernetes docs' HPA walkthrough, its load side: php-apache pods (registry.k8s.io/hpa-example,
 * 200m request, 500m limit) behind a Service, and the busybox load generator's
 * `while sleep 0.01; do wget -q -O- http://php-apache; done` going through the cluster network.
 * Each answer costs 20 ms of CPU and arrives when that CPU has run under the pod's CFS quota, so
 * the loop is paced by it. The docs' figures: one pod at its limit (cpu: 250%/50%), then 5
 * replicas at ~67 % (→ 7), then 7 replicas just under the 50 % target, where it settles.
 */
import { describe, expect, test } from 'vitest';
import { startProcess } from './behaviours.ts';
import type { ContainerProcess } from './behaviours.ts';
import { catalogue } from './catalogue.ts';
import { Shell } from './shell.ts';
import { Random } from '../../clock.ts';
import type { ControllerEnv } from '../../runtime/controller.ts';
import { ClusterNetwork } from '../../network/cluster-network.ts';
import { listersOf } from '../../network/listers.ts';
import { makePod, makeService, makeSlice } from '../../network/test-helpers.ts';

const limit = 500;
const request = 200;
const loadLoop = 'while sleep 0.01; do wget -q -O- http://10.96.0.20; done';

/** Run the load generator against `replicas` php-apache pods for `seconds`; each pod's CPU over the last minute. */
function steadyState(replicas: number, seconds = 75): number[] {
  let clock = 0;
  const now = (): number => clock;
  const ips = Array.from({ length: replicas }, (_, i) => `10.244.1.${10 + i}`);
  const pods: ContainerProcess[] = ips.map((_, i) => {
    const started = startProcess('hpa-example', catalogue['registry.k8s.io/hpa-example'], 'latest', { name: 'php-apache', resources: { limits: { cpu: `${limit}m` } } }, { env: {}, files: new Map(), hostname: `php-apache-${i}`, now });
    if ('startError' in started) throw new Error(started.startError);
    return started;
  });
  const listers = listersOf([
    makeService('php-apache', { clusterIP: '10.96.0.20', selector: { run: 'php-apache' }, ports: [{ port: 80 }] }),
    makeSlice('php-apache', ips.map((ip) => ({ ip })), [{ port: 80 }]),
    ...ips.map((ip, i) => makePod(`php-apache-${i}`, ip, { run: 'php-apache' }, { ports: [{ containerPort: 80 }] })),
    makePod('load-generator', '10.244.2.7'),
  ]);
  // What the kubelets do with an answer: the container's own latency travels back with it.
  const network = new ClusterNetwork((get) => {
    const answer = pods[ips.indexOf(get.ip)]?.http(get, clock);
    return answer ? { status: answer.status, body: answer.body, elapsedMs: answer.elapsedMs } : { error: 'connection refused' };
  }, listers);
  // kube-proxy's random endpoint choice needs the clock and a seeded random source; nothing else of a controller's environment.
  network.start({ clock: { now }, random: new Random(7) } as unknown as ControllerEnv);
  const run = new Shell({ env: {}, files: new Map(), hostname: 'load-generator', now, network: network.podNetwork('default', 'load-generator') }).script(loadLoop);
  while (clock < seconds * 1000) {
    const step = run.next();
    if (step.done) throw new Error(`the loop ended with ${step.value}`);
    if (step.value.kind === 'sleep') clock += step.value.ms;
  }
  return pods.map((p) => p.usage!.cpuMillicores(clock - 60_000, clock, limit));
}

const average = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

describe('the HPA walkthrough’s load generator', () => {
  test('holds one php-apache pod at its 500m limit: cpu 250%/50%, so the HPA asks for 5', () => {
    const [cpu] = steadyState(1);
    expect({ cpu, utilization: Math.round((cpu / request) * 100), desired: Math.ceil((cpu / request) / 0.5) }).toEqual({ cpu: 500, utilization: 250, desired: 5 });
  });

  test('spread over 5 pods no pod is throttled: ~2/3 of a core in all, ~67 % each, so the HPA asks for 7', () => {
    const cpu = steadyState(5);
    const utilization = average(cpu) / request;
    expect(utilization).toBeGreaterThan(0.6);
    expect(utilization).toBeLessThan(0.7);
    expect(Math.ceil(5 * utilization / 0.5)).toBe(7);
  });

  test('at 7 pods the average is within the HPA’s 10 % tolerance of the 50 % target: it settles', () => {
    const utilization = average(steadyState(7)) / request;
    expect(Math.abs(utilization / 0.5 - 1)).toBeLessThanOrEqual(0.1);
  });
});
