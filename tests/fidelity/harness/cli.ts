/**
 * Run the fidelity harness by hand and print every difference in full:
 * `npx tsx tests/fidelity/harness/cli.ts [SCENARIO…] [--all]` (`--all` prints identical commands too).
 */
import { describeDifference, runScenario, startServerPair, stopServerPair } from './runner.ts';
import { loadScenarios } from './scenarios.ts';
import { differenceKey, knownDifferences } from './known-differences.ts';

const args = process.argv.slice(2);
const pair = await startServerPair();
let identical = 0;
let total = 0;
try {
  for (const scenario of loadScenarios(args.filter((a) => !a.startsWith('--')))) {
    const started = Date.now();
    const results = await runScenario(pair, scenario);
    for (const result of results) {
      total++;
      if (result.identical) identical++;
      if (!result.identical || args.includes('--all')) {
        const known = knownDifferences[differenceKey(result)];
        console.log(`${result.identical ? 'SAME' : known ? 'KNOWN' : 'NEW'} ${describeDifference(result)}`);
        if (!result.identical && args.includes('--full')) console.log(JSON.stringify({ real: result.real, emulator: result.emulator }, null, 1));
      }
    }
    console.log(`# ${scenario.name}: ${results.filter((r) => r.identical).length}/${results.length} in ${Date.now() - started} ms`);
  }
} finally {
  await stopServerPair(pair);
}
console.log(`fidelity: ${identical}/${total} identical (${((100 * identical) / Math.max(total, 1)).toFixed(1)}%)`);
