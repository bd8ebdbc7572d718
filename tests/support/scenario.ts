/**
 * Small helpers for real-kubectl scenario tests: tables laid out the way kubectl's tabwriter lays
 * them out, masking of what truly varies (uids, resourceVersions, allocated IPs and ports), and a
 * wait for the server to have seen a request (for watches, where real processes race).
 */
import type { RealKubectl } from './kubectl.ts';

/**
 * A `kubectl get` table: every cell but the last in a row is padded to the widest cell of its
 * column plus 3, never less than 6 (tabwriter minwidth 6, padding 3); the last cell is not padded.
 */
export function table(rows: string[][]): string {
  const columns = Math.max(...rows.map((row) => row.length));
  const widths: number[] = [];
  for (let c = 0; c < columns - 1; c++) {
    widths.push(Math.max(6, ...rows.map((row) => [...(row[c] ?? '')].length + 3)));
  }
  return rows.map((row) => row.map((cell, c) => (c < row.length - 1 ? cell.padEnd(widths[c]) : cell)).join('') + '\n').join('');
}

/** Replace uids and resourceVersions (YAML, JSON and jsonpath forms) with fixed placeholders. */
export function maskVarying(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uid>')
    .replace(/(resourceVersion"?:\s*)"\d+"/g, '$1"<rv>"');
}

/** The YAML of one object without its status stanza (written by controllers this engine does not run yet). */
export function withoutStatus(yaml: string): string {
  const at = yaml.search(/^status:/m);
  return at < 0 ? yaml : yaml.slice(0, at);
}

/** Move the lab's virtual clock forward. */
export function advance(k: RealKubectl, seconds: number): void {
  const result = k.lab.control.advance({ seconds });
  if ('error' in result) throw new Error(result.error);
}

/** Start over with a fresh cluster at the epoch (2026-01-01T00:00:00Z). */
export function resetCluster(k: RealKubectl): void {
  const result = k.lab.control.reset({});
  if ('error' in result) throw new Error(result.error);
}

/** How many `verb` requests for `resource` the API server has answered so far. */
export function requestCount(k: RealKubectl, verb: string, resource: string): number {
  return k.lab.control.cluster.api.context.audit.query({ verb, resource }).length;
}

/**
 * Wait (in real time, for a real kubectl process) until the API server has been asked for `verb`
 * on `resource` more than `seen` times, so that a change made afterwards is seen as a watch
 * event, not in the first list.
 */
export async function waitForRequest(k: RealKubectl, verb: string, resource: string, seen = 0, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (requestCount(k, verb, resource) <= seen) {
    if (Date.now() > deadline) throw new Error(`no ${verb} request for ${resource} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
