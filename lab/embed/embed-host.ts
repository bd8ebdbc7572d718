/**
 * The lab's side of contract 3 when a host page embeds it (lab/public/embed.js): answer
 * `{type: "kubelab:call", id, method, params}` with `{type: "kubelab:result", id, result | error}`
 * and announce `{type: "kubelab:event", event: "ready" | "check" | "lesson-complete", …}`. Only the parent window, from the origin
 * named in the address (and, where the browser says, the origin that really embeds us), is heard,
 * and every answer is posted to that origin alone.
 */
import type { KubelabApi } from '../lib/kubelab-api.ts';

/** The window we answer: the parent frame. */
export interface EmbedParent {
  postMessage(message: unknown, targetOrigin: string): void;
}

/** A message event as the handler needs it. */
export interface EmbedMessage {
  data: unknown;
  origin: string;
  source: unknown;
}

/** The handler of one embedding: `onMessage` for each message event, `announce` for events. */
export interface EmbedHandler {
  onMessage(event: EmbedMessage): Promise<void>;
  announce(event: string, detail?: Record<string, unknown>): void;
}

/** Build the handler for a parent at `parentOrigin`. */
export function createEmbedHandler(parentOrigin: string, parent: EmbedParent, api: KubelabApi): EmbedHandler {
  return {
    async onMessage(event) {
      if (event.origin !== parentOrigin || event.source !== parent) return;
      const data = event.data as { type?: unknown; id?: unknown; method?: unknown; params?: unknown } | null;
      if (!data || typeof data !== 'object' || data.type !== 'kubelab:call') return;
      const id = data.id;
      if (typeof id !== 'string' && typeof id !== 'number') return;
      const method = typeof data.method === 'string' && Object.hasOwn(api, data.method) ? api[data.method as keyof KubelabApi] : undefined;
      let answer: Record<string, unknown>;
      if (!method) answer = { error: `no such method: ${String(data.method)}` };
      else {
        try {
          answer = { result: await method(data.params) };
        } catch (error) {
          answer = { error: error instanceof Error ? error.message : String(error) };
        }
      }
      parent.postMessage({ type: 'kubelab:result', id, ...answer }, parentOrigin);
    },
    announce(event, detail = {}) {
      parent.postMessage({ type: 'kubelab:event', event, ...detail }, parentOrigin);
    },
  };
}

/**
 * Serve the host page that embeds this lab; the handler it returns announces lesson events.
 * Refuses (and says so in the console) when the browser reports a different embedding origin
 * than the address claims.
 */
export function serveEmbedder(parentOrigin: string, api: KubelabApi, ready: Promise<unknown>): EmbedHandler | undefined {
  if (window.parent === window) return undefined;
  const ancestors = location.ancestorOrigins;
  if (ancestors && ancestors.length > 0 && ancestors[0] !== parentOrigin) {
    console.warn(`kubelab: embedded by ${ancestors[0]}, not ${parentOrigin}: the embed API stays off`);
    return undefined;
  }
  const handler = createEmbedHandler(parentOrigin, window.parent, api);
  addEventListener('message', (event) => void handler.onMessage(event));
  void ready.then(() => handler.announce('ready'));
  return handler;
}
