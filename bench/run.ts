/**
 * `npm run bench`: runs the benchmarks and prints a table of each figure beside its budget and
 * anchor. With `-- --json` the last line is one JSON object of numeric figures.
 *
 * Options: `--pods N` (default 30000), `--seconds S` per time-boxed phase (default 3),
 * `--watches N` (default 10), `--profile` (write a CPU profile and print the engine's hot spots).
 * The API benchmarks run in a child `node --expose-gc --import tsx` so heap figures can use `gc()`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hotSpots, type Profile } from './hot-spots.ts';
import { flag, numberOption } from './options.ts';
import { jsonLine, renderTable } from './report.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = flag(args, '--json');
const profile = flag(args, '--profile');

function runChild(): { results: Record<string, number>; profileDir?: string } {
  const childArgs = ['--pods', '--seconds', '--watches'].flatMap((name) => (args.includes(name) ? [name, String(numberOption(args, name, 1))] : []));
  const profileDir = profile ? mkdtempSync(join(tmpdir(), 'kubelab-bench-')) : undefined;
  const nodeArgs = ['--expose-gc', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), '--import', 'tsx', join(here, 'api-child.ts'), ...childArgs];
  // Progress goes straight to our stderr; the figures come back as the child's last stdout line.
  const child = spawnSync(process.execPath, nodeArgs, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`API benchmark failed (exit ${child.status ?? child.signal})`);
  const last = child.stdout.trim().split('\n').at(-1) ?? '{}';
  return { results: JSON.parse(last) as Record<string, number>, profileDir };
}

/** The engine's hottest functions from the largest profile in `dir` (tsx's loader thread writes a small one too). */
function printHotSpots(dir: string): void {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
  const largest = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!largest) return;
  const spots = hotSpots(JSON.parse(readFileSync(largest, 'utf8')) as Profile).filter((s) => s.name.includes('engine/'));
  console.log(`\nEngine hot spots (${largest}):`);
  console.log('   self ms  total ms  function');
  for (const s of spots.sort((a, b) => b.selfMs - a.selfMs).slice(0, 20)) {
    console.log(`${s.selfMs.toFixed(0).padStart(9)} ${s.totalMs.toFixed(0).padStart(9)}  ${s.name}`);
  }
}

const started = performance.now();
const load = loadavg()[0];
console.error(`kubelab bench: node ${process.version}, load average ${load.toFixed(1)} (figures are noisy when it is high)`);
const { results, profileDir } = runChild();
results.benchSeconds = (performance.now() - started) / 1000;
results.loadAverage = load;
console.log(`\n${renderTable(results)}\n`);
console.log(`(${numberOption(args, '--pods', 30_000)} pods, ${results.benchSeconds.toFixed(0)} s, load average ${load.toFixed(1)} at start, node ${process.version})`);
if (profileDir) printHotSpots(profileDir);
if (json) console.log(jsonLine(results));
