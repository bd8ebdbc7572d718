/**
 * A child process of `npm run bench` for the browser figures (bench/web-bench.ts): prints them as
 * one JSON line on stdout; progress goes to stderr. Arguments: `--only key,key`, `--replicas N`.
 */
import { numberOption } from './options.ts';
import { runWebBench } from './web-bench.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--only');
const result = await runWebBench({
  only: at >= 0 ? args[at + 1].split(',') : undefined,
  replicas: numberOption(args, '--replicas', 1000),
  log: (line) => process.stderr.write(`  ${line}\n`),
});
process.stdout.write(`${JSON.stringify(result)}\n`);
