import { describe, expect, it } from 'vitest';
import { createEmbedHandler } from './embed-host.ts';
import type { KubelabApi } from '../lib/kubelab-api.ts';

const host = 'https://docs.example.com';

function setup() {
  const posted: { message: unknown; origin: string }[] = [];
  const parent = { postMessage: (message: unknown, origin: string) => posted.push({ message, origin }) };
  const api = {
    status: async () => ({ nodes: 4 }),
    kubectl: async (body: unknown) => ({ stdout: JSON.stringify(body), stderr: '', exitCode: 0 }),
    failNode: async () => { throw new Error('boom'); },
  } as unknown as KubelabApi;
  return { posted, parent, handler: createEmbedHandler(host, parent, api) };
}

describe('createEmbedHandler', () => {
  it('answers a call from the parent, to the parent origin only', async () => {
    const { posted, parent, handler } = setup();
    await handler.onMessage({ origin: host, source: parent, data: { type: 'kubelab:call', id: 1, method: 'kubectl', params: { command: 'kubectl get pods' } } });
    await handler.onMessage({ origin: host, source: parent, data: { type: 'kubelab:call', id: 'b', method: 'failNode', params: {} } });
    await handler.onMessage({ origin: host, source: parent, data: { type: 'kubelab:call', id: 3, method: 'constructor' } });
    handler.announce('ready');
    expect(posted).toEqual([
      { origin: host, message: { type: 'kubelab:result', id: 1, result: { stdout: '{"command":"kubectl get pods"}', stderr: '', exitCode: 0 } } },
      { origin: host, message: { type: 'kubelab:result', id: 'b', error: 'boom' } },
      { origin: host, message: { type: 'kubelab:result', id: 3, error: 'no such method: constructor' } },
      { origin: host, message: { type: 'kubelab:event', event: 'ready' } },
    ]);
  });

  it.each([
    ['another origin', { origin: 'https://evil.example', source: 'parent' }],
    ['another window', { origin: host, source: {} }],
    ['a message that is not a call', { origin: host, source: 'parent', data: { type: 'other', id: 1, method: 'status' } }],
    ['a call without an id', { origin: host, source: 'parent', data: { type: 'kubelab:call', method: 'status' } }],
  ])('ignores %s', async (_name, event) => {
    const { posted, parent, handler } = setup();
    const data = 'data' in event ? event.data : { type: 'kubelab:call', id: 1, method: 'status' };
    await handler.onMessage({ origin: event.origin, source: event.source === 'parent' ? parent : event.source, data });
    expect(posted).toEqual([]);
  });
});
