/**
 * Waiting in virtual time, for the verbs that block (`rollout status`, `wait`, `drain`): kubectl's
 * UntilWithSync — list the one object by `metadata.name`, hand each item to the condition as an
 * ADDED event, then watch from the list's resourceVersion — with time moved by the session's
 * `advance` hook (or the client's, a Cluster has one). Without one, nothing can change while
 * kubectl waits: the wait ends as a timeout, as it would against a server whose clock is stopped.
 */
import type { WatchEvent } from '../../api/types.ts';
import { KubectlError } from '../client/api-client.ts';
import type { ApiResource } from '../client/discovery.ts';
import type { CommandContext } from '../command.ts';
import { objectPath, send, serverError, type Json } from './write-support.ts';

/** Go's `time.ParseDuration` in milliseconds (`30s`, `1m30s`, `500ms`, `0`); undefined when it does not parse. */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0' || text === '+0' || text === '-0') return 0;
  const match = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
  if (!match) return undefined;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const part of text.replace(/^[+-]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * units[part[2]];
  return match[1] === '-' ? -total : total;
}

/** A duration flag as pflag reads it, with pflag's error for a bad value. */
export function durationFlag(context: CommandContext, path: string, name: string, fallback: number): number {
  const raw = context.flags.values.get(name);
  if (raw === undefined) return fallback;
  const parsed = parseGoDuration(String(raw));
  if (parsed === undefined) {
    throw new KubectlError(`error: invalid argument "${String(raw)}" for "--${name}" flag: time: invalid duration "${String(raw)}"\nSee 'kubectl ${path} --help' for usage.`);
  }
  return parsed;
}

/** How a waiting verb lets virtual time pass: the session's `advance` hook, else the client's. */
export function advancerOf(context: CommandContext): ((ms: number) => void) | undefined {
  const session = context.session as unknown as { advance?: (ms: number) => void };
  if (typeof session.advance === 'function') return session.advance.bind(context.session);
  const api = context.api as unknown as { advance?: (ms: number) => void };
  return typeof api.advance === 'function' ? api.advance.bind(context.api) : undefined;
}

/** How long a wait with no timeout (`--timeout=0`) may run in virtual time before the lab gives up. */
export const foreverMs = 3_600_000;

/** Virtual time between two looks at the cluster while waiting (kubectl's drain polls every second). */
export const stepMs = 1000;

/** What a condition says about one event: keep waiting, or stop. */
export type Verdict = 'continue' | 'stop';

/** How a wait ended: the condition stopped it, the time ran out, or (timeout 0) the lab gave up. */
export type WaitEnd = 'stopped' | 'timeout' | 'forever';

/** Let virtual time pass in steps until `check` says stop, or `timeoutMs` (0 = no limit) has passed. */
export function pollVirtual(context: CommandContext, timeoutMs: number, check: () => Verdict): WaitEnd {
  if (check() === 'stop') return 'stopped';
  const advance = advancerOf(context);
  const limit = timeoutMs > 0 ? timeoutMs : foreverMs;
  if (!advance) return timeoutMs > 0 ? 'timeout' : 'forever';
  for (let waited = 0; waited < limit;) {
    const step = Math.min(stepMs, limit - waited);
    advance(step);
    waited += step;
    if (check() === 'stop') return 'stopped';
  }
  return timeoutMs > 0 ? 'timeout' : 'forever';
}

/**
 * UntilWithSync over one object: the list (`fieldSelector=metadata.name=…&limit=500&resourceVersion=0`)
 * feeds the condition ADDED events, then the watch feeds it what changes while virtual time passes.
 */
export function untilWithSync(context: CommandContext, mapping: ApiResource, namespace: string, name: string,
  timeoutMs: number, condition: (event: WatchEvent) => Verdict): WaitEnd {
  const fieldSelector = `metadata.name=${name}`;
  const path = objectPath(mapping, namespace);
  const list = send(context, 'GET', path, { query: { fieldSelector, limit: '500', resourceVersion: '0' } });
  if (list.status >= 300) throw serverError(list);
  const body = list.body as Json;
  for (const item of (body.items ?? []) as Json[]) {
    if (condition({ type: 'ADDED', object: withKind(mapping, item) }) === 'stop') return 'stopped';
  }
  const resourceVersion = String(((body.metadata ?? {}) as Json).resourceVersion ?? '');
  const timeoutSeconds = String(Math.max(300, Math.min(600, Math.round(timeoutMs / 1000) || 300)));
  const response = send(context, 'GET', path, { query: { allowWatchBookmarks: 'true', fieldSelector, resourceVersion, timeoutSeconds, watch: 'true' } });
  if (response.status >= 300) throw serverError(response);
  const queue: WatchEvent[] = [];
  let stopped = false;
  response.watch?.start((event) => queue.push(event), () => undefined);
  try {
    return pollVirtual(context, timeoutMs, () => {
      while (queue.length && !stopped) {
        const event = queue.shift() as WatchEvent;
        if (event.type === 'BOOKMARK') continue;
        const object = event.type === 'ERROR' ? event.object : withKind(mapping, event.object as Json);
        if (condition({ type: event.type, object }) === 'stop') stopped = true;
      }
      return stopped ? 'stop' : 'continue';
    });
  } finally {
    response.watch?.close();
  }
}

/** List items come without apiVersion and kind; the dynamic client's objects carry them. */
function withKind(mapping: ApiResource, item: Json): Json {
  return { apiVersion: mapping.group ? `${mapping.group}/${mapping.version}` : mapping.version, kind: mapping.kind, ...item };
}

/** The lab's message when a wait with no timeout would never end in virtual time. */
export function foreverError(what: string): KubectlError {
  return KubectlError.client(`kubelab: stopped waiting for ${what} after 1h of virtual time (pass --timeout to wait less)`);
}
