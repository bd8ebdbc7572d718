/**
 * What each benchmark figure means and what it is held against: the budgets of DESIGN.md
 * "Performance", budgets derived from them, and anchors from shared/research/perf-anchors.md.
 * `renderTable` prints them side by side; `jsonLine` is the machine-readable last line.
 */

/** A limit a figure must meet: at least (`>=`) or at most (`<=`) `value`. */
export interface Budget {
  op: '>=' | '<=';
  value: number;
  /** Where the limit comes from: DESIGN.md, or how it follows from a DESIGN.md budget. */
  source: string;
}

/** One row of the table. */
export interface Figure {
  key: string;
  label: string;
  unit: string;
  budget?: Budget;
  anchor: string;
}

// deploy30kMs ≤ 3 s means 30k creates + 30k bindings + 30k status writes in 3 s, and about 15
// delivered watch events per pod (perf-anchors §5.2): the API server alone must sustain that.
const deployDerived = 'deploy30kMs ≤ 3 s ⇒ 90k pod writes in 3 s';

/** Every figure `npm run bench` prints, in table order. */
export const figures: Figure[] = [
  { key: 'apiCreatePerSec', label: 'API create (POST pod)', unit: 'pods/s', budget: { op: '>=', value: 30_000, source: deployDerived }, anchor: 'KWOK CI ≥ 167 pods/s; KCM default 20 QPS' },
  { key: 'apiStatusPerSec', label: 'API status write (PATCH pods/status)', unit: 'writes/s', budget: { op: '>=', value: 30_000, source: deployDerived }, anchor: 'KWOK patches status; real SLO: mutating p99 ≤ 1 s' },
  { key: 'apiUpdatePerSec', label: 'API update (merge-patch of a label)', unit: 'writes/s', budget: { op: '>=', value: 30_000, source: deployDerived }, anchor: 'real SLO: mutating p99 ≤ 1 s at ≤ 20 writes/s churn' },
  { key: 'apiGetPerSec', label: 'API get (one pod by name)', unit: 'gets/s', anchor: 'real SLO: resource-scoped read p99 ≤ 1 s' },
  { key: 'apiListMs30k', label: 'API list 30k pods (JSON PodList)', unit: 'ms', anchor: 'real SLO: cluster-scoped list ≤ 30 s' },
  { key: 'apiListSerializeMs30k', label: '  JSON.stringify of that list', unit: 'ms', anchor: 'JSON.stringify 30k pods here: 620–825 ms' },
  { key: 'listBytesPerPod', label: '  JSON bytes per listed pod', unit: 'B', anchor: 'kubectl get -o json pod: 3,496 B' },
  { key: 'apiListTableMs30k', label: 'API list 30k pods as Table', unit: 'ms', anchor: 'printing kubectl get pods for 30k: 55 ms' },
  { key: 'apiListTablePage500Ms30k', label: '  first chunk (limit=500) as Table', unit: 'ms', budget: { op: '<=', value: 100, source: 'kubectl first screen ≤ 100 ms (perf-anchors §6)' }, anchor: 'kubectl get pods asks limit=500' },
  { key: 'apiWatchEventsPerSec', label: 'watch events delivered (10 watches)', unit: 'events/s', budget: { op: '>=', value: 150_000, source: '15 events/pod × 30k pods in 3 s' }, anchor: 'minimal engine delivered ~15 events/pod' },
  { key: 'bytesPerPod', label: 'heap per Running pod at 30k', unit: 'B', budget: { op: '<=', value: 4096, source: 'DESIGN.md' }, anchor: 'plain JSON pods cost ~4–9 KB' },
  { key: 'bytesPerPodPending', label: '  heap per pod just created', unit: 'B', anchor: 'object literal pod: 3,979 B' },
  { key: 'schedulerPodsPerSec1k', label: 'scheduler, 1k nodes, 10k pods', unit: 'pods/s', budget: { op: '>=', value: 50_000, source: 'DESIGN.md' }, anchor: 'kube-scheduler perf: 680–810 pods/s at 5k nodes' },
  { key: 'schedulerPodsPerSec5k', label: 'scheduler, 5k nodes, 30k pods', unit: 'pods/s', budget: { op: '>=', value: 20_000, source: 'DESIGN.md' }, anchor: '25× kube-scheduler perf' },
  { key: 'deploy1kMs', label: 'Deployment 1k replicas → Ready, 100 nodes', unit: 'ms', budget: { op: '<=', value: 100, source: 'DESIGN.md' }, anchor: 'real cluster: ≥ 50 s at default QPS' },
  { key: 'deploy10kMs', label: 'Deployment 10k replicas, 1k nodes', unit: 'ms', budget: { op: '<=', value: 1000, source: 'DESIGN.md' }, anchor: 'minimal engine: 359–489 ms' },
  { key: 'deploy30kMs', label: 'Deployment 30k replicas, 5k nodes', unit: 'ms', budget: { op: '<=', value: 3000, source: 'DESIGN.md' }, anchor: 'minimal engine: 1.15–1.68 s' },
  { key: 'bootMs', label: 'default cluster boot → 17 system pods Running (median of 5)', unit: 'ms', anchor: 'every lab start and every test that builds a lab pays it' },
  { key: 'bootFirstMs', label: '  the first boot in a fresh process (cold code)', unit: 'ms', budget: { op: '<=', value: 1500, source: 'DESIGN.md first kubectl answer ≤ 1.5 s' }, anchor: 'browser worker: 3.3 s before this work' },
  { key: 'criticalJsKb', label: 'critical JavaScript (gzip, monaco excluded)', unit: 'KB', budget: { op: '<=', value: 250, source: 'DESIGN.md' }, anchor: 'entry chunk and its static imports' },
  { key: 'workerJsKb', label: '  cluster worker script (gzip)', unit: 'KB', anchor: 'fetched in parallel; the first answer waits for it' },
  { key: 'firstKubectlMs', label: 'page opened → first kubectl get pods -A answer', unit: 'ms', budget: { op: '<=', value: 1500, source: 'DESIGN.md' }, anchor: 'Chromium, built lab, fresh profile' },
  { key: 'longTaskMaxMs', label: 'longest main-thread task, 1k-pod rollout at 100×', unit: 'ms', budget: { op: '<=', value: 50, source: 'DESIGN.md' }, anchor: 'RAIL: a task over 50 ms is a long task' },
  { key: 'mainThreadMsPerFrame', label: '  main-thread CPU ms per frame, same rollout', unit: 'ms', budget: { op: '<=', value: 2, source: 'DESIGN.md' }, anchor: '16.7 ms in a frame at 60 Hz' },
  { key: 'mainThreadWallMsPerFrame', label: '  the same in wall time (tasks\' wall time per frame)', unit: 'ms', anchor: 'counts the waits the OS puts the thread through' },
  { key: 'mainThreadMsPerFrameIdle', label: '  CPU ms per frame with nothing changing (clock at 1×)', unit: 'ms', anchor: 'the page and the frame counter alone' },
  { key: 'webRolloutMs', label: '  that rollout, wall time to 1k Ready', unit: 'ms', anchor: 'polled with kubectl every second; 180 s at most' },
  { key: 'webRolloutReady', label: '  replicas Ready when it ended', unit: 'pods', anchor: 'all 1,000 when the rollout finished' },
  { key: 'longTaskMaxMsEditorLoad', label: '  longest task before it: the editor (monaco) loading', unit: 'ms', anchor: 'monaco and its workers load after the first answer' },
  { key: 'idleCpuMsPerVirtualMinute', label: 'idle, 5k nodes / 30k pods', unit: 'CPU ms per virtual min', budget: { op: '<=', value: 3000, source: '≤ 5 % of a core in real time' }, anchor: 'KWOK: heartbeats were its limit (kwok#251)' },
];

/** A figure with thousands separators and sensible precision: 12,345 or 3.2. */
export function formatNumber(value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** Whether `value` meets `budget`. */
export function meets(value: number, budget: Budget): boolean {
  return budget.op === '>=' ? value >= budget.value : value <= budget.value;
}

function verdict(figure: Figure, value: number | undefined): string {
  if (value === undefined) return 'not measured';
  if (!figure.budget) return '';
  return meets(value, figure.budget) ? 'ok' : 'MISSED';
}

/** The readable table: figure, measured value, budget, verdict, anchor. */
export function renderTable(results: Record<string, number>): string {
  const rows = figures.map((figure) => {
    const value = results[figure.key];
    const measured = value === undefined ? '—' : `${formatNumber(value)} ${figure.unit}`;
    const budget = figure.budget ? `${figure.budget.op === '>=' ? '≥' : '≤'} ${formatNumber(figure.budget.value)} ${figure.unit} (${figure.budget.source})` : '—';
    return [figure.label, measured, verdict(figure, value), budget, figure.anchor];
  });
  const header = ['figure', 'measured', '', 'budget', 'anchor'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The JSON last line: measured figures only, all numbers, rounded. */
export function jsonLine(results: Record<string, number>): string {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(results)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    out[key] = Math.round(value * 100) / 100;
  }
  return JSON.stringify(out);
}
