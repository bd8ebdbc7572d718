/**
 * The unified fidelity harness: every scenario of tests/fidelity/harness/scenarios runs twice from
 * the same seed — the real kubectl 1.32 against one `kubelab serve`, the emulator against another —
 * and each command's stdout, stderr and exit code are compared byte for byte. A difference that is
 * not in the known-differences table fails its scenario; the last test prints the identical share
 * and holds it to a floor (see tests/fidelity/README.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, noKubectlMessage } from '../support/kubectl.ts';
import { differenceKey, knownDifferences } from './harness/known-differences.ts';
import { describeDifference, runScenario, startServerPair, stopServerPair, type CommandResult, type ServerPair } from './harness/runner.ts';
import { loadScenarios } from './harness/scenarios.ts';

/** The identical share may not fall below this; raise it as fixes land (the target is 98%). */
const floor = 0.98;
/** Commands the scenarios must hold at least. */
const minimumCommands = 300;
/** Server pairs working at once: two keep the run short without starving a two-core machine. */
const pairs = 2;

describe.skipIf(!kubectlPath)('fidelity harness: the real kubectl and the emulator on the same scenarios', () => {
  const scenarios = loadScenarios();
  const results = new Map<string, CommandResult[]>();
  const idle: ServerPair[] = [];
  const all: ServerPair[] = [];
  const waiting: ((pair: ServerPair) => void)[] = [];

  beforeAll(async () => {
    for (let i = 0; i < pairs; i++) all.push(await startServerPair());
    idle.push(...all);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(all.map(stopServerPair));
  });

  async function withPair<T>(work: (pair: ServerPair) => Promise<T>): Promise<T> {
    const pair = idle.pop() ?? (await new Promise<ServerPair>((resolve) => waiting.push(resolve)));
    try {
      return await work(pair);
    } finally {
      const next = waiting.shift();
      if (next) next(pair);
      else idle.push(pair);
    }
  }

  // Scenarios queue for a pair, so a timeout counts the wait too: generous on a shared machine.
  it.concurrent.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const outcome = await withPair((pair) => runScenario(pair, scenario));
    results.set(scenario.name, outcome);
    const unlisted = outcome.filter((r) => !r.identical && !(differenceKey(r) in knownDifferences));
    expect(unlisted.map(describeDifference).join('\n\n'), 'differences missing from harness/known-differences.ts').toBe('');
  }, 900_000);

  it('prints the identical share and keeps it above the floor', () => {
    const outcome = [...results.values()].flat();
    const identical = outcome.filter((r) => r.identical).length;
    const share = identical / Math.max(outcome.length, 1);
    console.log(`fidelity: ${identical}/${outcome.length} identical (${(100 * share).toFixed(1)}%)`);
    const seen = new Set(outcome.filter((r) => !r.identical).map(differenceKey));
    const stale = Object.keys(knownDifferences).filter((key) => results.has(key.slice(0, key.indexOf(':'))) && !seen.has(key));
    if (stale.length) console.warn(`now identical, remove from harness/known-differences.ts:\n${stale.join('\n')}`);
    expect(results.size).toBe(scenarios.length);
    expect(outcome.length).toBeGreaterThanOrEqual(minimumCommands);
    expect(share).toBeGreaterThanOrEqual(floor);
  });
});

if (!kubectlPath) console.warn(noKubectlMessage);
