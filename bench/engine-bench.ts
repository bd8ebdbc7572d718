/**
 * Issue #3's engine figures: the scheduler's hot loop at 1k and 5k nodes, the end-to-end
 * Deployment benchmarks at 1k / 10k / 30k replicas, and the idle cost of the largest cluster
 * (CPU ms per virtual minute while nothing changes but heartbeats, leases and probes).
 */
import { benchScheduler } from '../engine/scheduler/bench.ts';
import { runDeployBench } from './deploy-bench.ts';

/** Which engine benchmarks to run and how big. */
export interface EngineBenchOptions {
  /** Small sizes for a quick look and the smoke test: the figures keep their names but not their scale. */
  quick?: boolean;
  /** Only these keys' benchmarks (default: all). */
  only?: string[];
  log?: (line: string) => void;
}

interface DeployCase { key: string; nodes: number; replicas: number }

/** DESIGN.md's sizes: 1,000 replicas on 100 nodes, 10,000 on 1,000, 30,000 on 5,000. */
export const deployCases: DeployCase[] = [
  { key: 'deploy1kMs', nodes: 100, replicas: 1000 },
  { key: 'deploy10kMs', nodes: 1000, replicas: 10_000 },
  { key: 'deploy30kMs', nodes: 5000, replicas: 30_000 },
];

/** The quick run: a hundredth of the replicas on a tenth of the nodes. */
const quickDeployCases: DeployCase[] = deployCases.map((c) => ({ ...c, nodes: c.nodes / 10, replicas: c.replicas / 100 }));

/** Run the engine benchmarks; keys as in report.ts. */
export function runEngineBench(options: EngineBenchOptions = {}): Record<string, number> {
  const { quick = false, log = () => {} } = options;
  const wanted = (key: string): boolean => !options.only || options.only.includes(key);
  const result: Record<string, number> = {};
  const scale = quick ? 20 : 1;
  if (wanted('schedulerPodsPerSec1k')) {
    log('scheduler, 1,000 nodes…');
    result.schedulerPodsPerSec1k = benchScheduler(1000 / (quick ? 10 : 1), 10_000 / scale).podsPerSecond;
  }
  if (wanted('schedulerPodsPerSec5k')) {
    log('scheduler, 5,000 nodes…');
    result.schedulerPodsPerSec5k = benchScheduler(5000 / (quick ? 10 : 1), 30_000 / scale).podsPerSecond;
  }
  const cases = quick ? quickDeployCases : deployCases;
  for (const c of cases) {
    const idleWanted = c.key === 'deploy30kMs' && wanted('idleCpuMsPerVirtualMinute');
    if (!wanted(c.key) && !idleWanted) continue;
    const run = runDeployBench({ nodes: c.nodes, replicas: c.replicas, idleMinutes: idleWanted ? 1 : 0, log });
    log(`  ${c.replicas} replicas on ${c.nodes} nodes: ${run.ms.toFixed(0)} ms wall, ${run.virtualMs / 1000} s virtual`);
    if (wanted(c.key)) result[c.key] = run.ms;
    if (run.idleCpuMsPerVirtualMinute !== undefined) result.idleCpuMsPerVirtualMinute = run.idleCpuMsPerVirtualMinute;
  }
  return result;
}
