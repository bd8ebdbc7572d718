/**
 * A child process of `npm run bench` for issue #3's engine figures (a fresh heap per run):
 * prints them as one JSON line on stdout; progress goes to stderr.
 * Arguments: `--quick`, `--only key,key`.
 */
import { runEngineBench } from './engine-bench.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--only');
const result = runEngineBench({
  quick: args.includes('--quick'),
  only: at >= 0 ? args[at + 1].split(',') : undefined,
  log: (line) => process.stderr.write(`  ${line}\n`),
});
process.stdout.write(`${JSON.stringify(result)}\n`);
