/**
 * The child process of `npm run bench`: runs the API benchmarks under `node --expose-gc` (heap
 * figures need `global.gc`) and prints the figures as one JSON line on stdout; progress goes to stderr.
 * Arguments: `--pods N --watches N --seconds S`.
 */
import { runApiBench } from './api-bench.ts';
import { numberOption } from './options.ts';

const args = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) process.stderr.write('warning: run with node --expose-gc to measure bytes per pod\n');
const result = runApiBench({
  pods: numberOption(args, '--pods', 30_000),
  watches: numberOption(args, '--watches', 10),
  seconds: numberOption(args, '--seconds', 3),
  gc,
  log: (line) => process.stderr.write(`  ${line}\n`),
});
process.stdout.write(`${JSON.stringify(result)}\n`);
