/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and prints the hottest functions by self time
 * and by total (inclusive) time, so a benchmark run can be turned into a list of hot spots.
 * Usage: `npx tsx bench/hot-spots.ts file.cpuprofile [top=25] [filter] [under]`, e.g.
 * `… 30 engine/ 'patch engine/api/handlers/write.ts'` for what a PATCH spends its time on.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** The parts of a V8 `.cpuprofile` this reads. */
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One function's share of a profile, in ms of sampled time. */
export interface HotSpot {
  name: string;
  selfMs: number;
  totalMs: number;
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(/^.*\/main\//, '');
  // tsx compiles a module onto one or two lines, so its line numbers say nothing: keep the file.
  const line = file.endsWith('.ts') || !file ? '' : `:${lineNumber + 1}`;
  return `${functionName || '(anonymous)'} ${file}${line}`;
}

/**
 * Self and inclusive time per function (recursion counted once per sample). With `under`, only
 * samples taken while a function whose name contains it was on the stack count.
 */
export function hotSpots(profile: Profile, under?: string): HotSpot[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackOf = (id: number): number[] => {
    const out: number[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) out.push(cur);
    return out;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(id)!;
    if (under && !stackOf(id).some((n) => label(byId.get(n)!).includes(under))) return;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + ms);
    const seen = new Set<string>();
    for (const cur of stackOf(id)) {
      const name = label(byId.get(cur)!);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + ms);
    }
  });
  return [...total.entries()].map(([name, totalMs]) => ({ name, selfMs: self.get(name) ?? 0, totalMs }));
}

function main(): void {
  const [file, topArg, filter, under] = process.argv.slice(2);
  if (!file) throw new Error('usage: hot-spots.ts file.cpuprofile [top] [filter] [under]');
  const top = Number(topArg ?? 25);
  const spots = hotSpots(JSON.parse(readFileSync(file, 'utf8')) as Profile, under).filter((s) => !filter || s.name.includes(filter));
  const print = (title: string, key: 'selfMs' | 'totalMs') => {
    console.log(`\n${title}`);
    for (const s of [...spots].sort((a, b) => b[key] - a[key]).slice(0, top)) {
      console.log(`${s.selfMs.toFixed(0).padStart(8)} ms self ${s.totalMs.toFixed(0).padStart(8)} ms total  ${s.name}`);
    }
  };
  print('By self time', 'selfMs');
  print('By total time', 'totalMs');
}

if (process.argv[1]?.endsWith('hot-spots.ts')) main();
