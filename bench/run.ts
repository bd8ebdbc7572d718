/**
 * `npm run bench`: runs the benchmarks and prints a table of each figure beside its budget and
 * anchor. With `-- --json` the last line is one JSON object of numeric figures.
 *
 * Options: `--quick` (small sizes: a look in about half a minute; the figures keep their names, not
 * their scale), `--pods N` (API benchmark, default 30000), `--seconds S` per time-boxed phase
 * (default 3), `--watches N` (default 10), `--only key,key` (engine figures to run), `--profile`
 * (write CPU profiles and print the engine's hot spots). Each benchmark runs in a child
 * `node --expose-gc --import tsx` with a fresh heap; heap figures need `gc()`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deployCases } from './engine-bench.ts';
import { hotSpots, type Profile } from './hot-spots.ts';
import { flag, numberOption } from './options.ts';
import { jsonLine, renderTable } from './report.ts';
import { webKeys } from './web-manifest.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = flag(args, '--json');
const quick = flag(args, '--quick');
const profile = flag(args, '--profile');
const profileDir = profile ? mkdtempSync(join(tmpdir(), 'kubelab-bench-')) : undefined;
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1].split(',') : undefined;

/** Run `script` in a child node and return the figures of its last stdout line. */
function runChild(script: string, childArgs: string[]): Record<string, number> {
  const nodeArgs = ['--expose-gc', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), '--import', 'tsx', join(here, script), ...childArgs];
  // Progress goes straight to our stderr; the figures come back as the child's last stdout line.
  const child = spawnSync(process.execPath, nodeArgs, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`${script} failed (exit ${child.status ?? child.signal})`);
  const last = child.stdout.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(last) as Record<string, number>;
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

const wanted = (key: string): boolean => !only || only.includes(key);
const started = performance.now();
const load = loadavg()[0];
console.error(`kubelab bench: node ${process.version}, load average ${load.toFixed(1)} (figures are noisy when it is high)`);
const results: Record<string, number> = {};
if (!only || only.some((key) => key.startsWith('api') || key.startsWith('bytesPerPod'))) {
  const apiArgs = ['--pods', '--seconds', '--watches'].flatMap((name) => (args.includes(name) ? [name, String(numberOption(args, name, 1))] : []));
  if (quick && !args.includes('--pods')) apiArgs.push('--pods', '3000');
  if (quick && !args.includes('--seconds')) apiArgs.push('--seconds', '0.5');
  Object.assign(results, runChild('api-child.ts', apiArgs));
}
// One child per Deployment size: a fresh heap, so one run's garbage does not slow the next.
const engineRuns = [['schedulerPodsPerSec1k', 'schedulerPodsPerSec5k'], ...deployCases.map((c) => c.key === 'deploy30kMs' ? [c.key, 'idleCpuMsPerVirtualMinute'] : [c.key])];
for (const keys of engineRuns) {
  const run = keys.filter(wanted);
  if (run.length) Object.assign(results, runChild('engine-child.ts', [...(quick ? ['--quick'] : []), '--only', run.join(',')]));
}
// The default cluster's boot (bench/boot-bench.ts).
if (wanted('bootMs') || wanted('bootFirstMs')) Object.assign(results, runChild('boot-bench.ts', quick ? ['--runs', '3'] : []));
// The browser budgets: the built lab in Chromium (bench/web-bench.ts).
const webRun = webKeys.filter(wanted);
if (webRun.length) Object.assign(results, runChild('web-child.ts', [...(quick ? ['--replicas', '300'] : []), '--only', webRun.join(',')]));
results.benchSeconds = (performance.now() - started) / 1000;
results.loadAverage = load;
console.log(`\n${renderTable(results)}\n`);
console.log(`(${quick ? 'QUICK run, small sizes; ' : ''}${results.benchSeconds.toFixed(0)} s, load average ${load.toFixed(1)} at start, node ${process.version})`);
if (profileDir) printHotSpots(profileDir);
if (json) console.log(jsonLine(results));
