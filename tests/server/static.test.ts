/**
 * The built lab as `kubelab serve` serves it: hashed assets kept a year, everything else
 * revalidated, a missing asset a 404.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabServer, type LabServer } from '../../server/http.ts';
import { defaultServeOptions } from '../../server/options.ts';

describe('kubelab serve: the built lab', () => {
  const dist = mkdtempSync(join(tmpdir(), 'kubelab-dist-'));
  let lab: LabServer;
  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Kubelab</title>');
    writeFileSync(join(dist, 'embed.js'), 'export {};');
    writeFileSync(join(dist, 'assets', 'main-CSyABen0.js'), 'console.log(1);');
    lab = await startLabServer({ ...defaultServeOptions, port: 0, clock: 'manual', dist });
  });
  afterAll(async () => {
    await lab.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const get = async (path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; cache: string | null; etag: string | null; body: string }> => {
    const response = await fetch(`${lab.url}${path}`, { headers });
    return { status: response.status, type: response.headers.get('content-type'), cache: response.headers.get('cache-control'), etag: response.headers.get('etag'), body: await response.text() };
  };

  it.each([
    { path: '/', status: 200, type: 'text/html; charset=utf-8', cache: 'no-cache', body: '<!doctype html><title>Kubelab</title>' },
    { path: '/embed.js', status: 200, type: 'text/javascript', cache: 'no-cache', body: 'export {};' },
    { path: '/assets/main-CSyABen0.js', status: 200, type: 'text/javascript', cache: 'public, max-age=31536000, immutable', body: 'console.log(1);' },
    { path: '/lesson/apply', status: 200, type: 'text/html; charset=utf-8', cache: 'no-cache', body: '<!doctype html><title>Kubelab</title>' },
    { path: '/assets/main-Xyz12345.js', status: 404, type: 'text/plain; charset=utf-8', cache: null, body: 'not found\n' },
  ])('$path: $status, $cache', async ({ path, ...expected }) => {
    const { etag, ...answer } = await get(path);
    expect(answer).toEqual(expected);
    if (expected.status === 200) expect(etag).toMatch(/^W\/"[0-9a-z]+-[0-9a-z]+"$/);
  });

  it('answers 304 to a page it has not changed since', async () => {
    const first = await get('/');
    const again = await get('/', { 'if-none-match': first.etag! });
    expect({ status: again.status, body: again.body, cache: again.cache }).toEqual({ status: 304, body: '', cache: 'no-cache' });
    expect((await get('/', { 'if-none-match': 'W/"other"' })).status).toBe(200);
  });
});
