import { describe, expect, it } from 'vitest';
import type { InClusterResult } from '../../network/http.ts';
import { kibanaServer, kibanaStartupMs } from './kibana.ts';
import type { ShellContext } from './shell.ts';

const t0 = Date.UTC(2026, 0, 1);
const up: InClusterResult = { status: 200, statusText: 'OK', headers: {}, body: '{}', address: '10.96.0.9', port: 9200, elapsedMs: 1 };
const refused: InClusterResult = { error: 'connection refused', host: 'elasticsearch', address: '10.96.0.9', port: 9200, elapsedMs: 1 };

function kibana(version: string, es: InClusterResult, env: Record<string, string> = {}) {
  const urls: string[] = [];
  const ctx: ShellContext = { env, files: new Map(), hostname: 'kibana-0', now: () => t0, network: { fetch: (r) => { urls.push(r.url); return es; }, dns: () => undefined, resolvConf: () => ({ nameservers: [], searches: [], options: [] }) } };
  const server = kibanaServer(version, ctx, t0);
  return { urls, get: (path: string, now = t0 + kibanaStartupMs) => server.http({ port: 5601, path, client: '10.244.1.2', userAgent: 'curl/8.11.1' }, now) };
}

describe('Kibana', () => {
  it('does not listen before it has started', () => {
    expect(kibana('8.17.0', up).get('/api/status', t0 + 1000)).toBeUndefined();
  });

  it.each<[string, InClusterResult, number, unknown]>([
    ['8.17.0', up, 200, { version: { number: '8.17.0' }, status: { overall: { level: 'available', summary: 'All services and plugins are available' } } }],
    ['7.10.2', up, 200, { version: { number: '7.10.2' }, status: { overall: { state: 'green', title: 'Green' } } }],
    ['5.6.4', refused, 200, { status: { overall: { state: 'red' }, statuses: [{ id: 'plugin:elasticsearch@5.6.4', message: 'Unable to connect to Elasticsearch at http://elasticsearch-logging:9200.' }] } }],
  ])('%s /api/status', (version, es, status, body) => {
    const answer = kibana(version, es, { ELASTICSEARCH_URL: 'http://elasticsearch-logging:9200' }).get('/api/status');
    expect(answer?.status).toBe(status);
    expect(JSON.parse(answer!.body)).toMatchObject(body as object);
  });

  it('answers 503 "Kibana server is not ready yet" while Elasticsearch is away (7 and 8)', () => {
    expect(kibana('7.17.26', refused).get('/app/home')).toEqual({ status: 503, body: 'Kibana server is not ready yet' });
    expect(kibana('8.17.0', refused).get('/api/status')).toEqual({ status: 503, body: '{"statusCode":503,"error":"Service Unavailable","message":"Kibana server is not ready yet"}' });
  });

  it('asks the Elasticsearch of ELASTICSEARCH_HOSTS, else http://elasticsearch:9200', () => {
    const a = kibana('8.17.0', up, { ELASTICSEARCH_HOSTS: '["http://es.logging:9200"]' });
    a.get('/status');
    expect(a.urls).toEqual(['http://es.logging:9200/']);
    const b = kibana('8.17.0', up);
    b.get('/status');
    expect(b.urls).toEqual(['http://elasticsearch:9200/']);
  });
});
