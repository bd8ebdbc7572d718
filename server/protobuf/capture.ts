/**
 * Test helper: runs the real kubectl against a tiny HTTP server and returns the request bodies it
 * POSTs, so the decoder is tested on genuine bytes. The server answers `/version` as v1.32, serves
 * just enough discovery for commands that look up resources, and echoes each created object.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One POST kubectl made. */
export interface CapturedRequest {
  path: string;
  contentType: string;
  body: Uint8Array;
}

const groups: Record<string, Array<[string, string, boolean]>> = {
  v1: [['pods', 'Pod', true], ['services', 'Service', true], ['configmaps', 'ConfigMap', true], ['secrets', 'Secret', true],
    ['namespaces', 'Namespace', false], ['serviceaccounts', 'ServiceAccount', true], ['resourcequotas', 'ResourceQuota', true]],
  'apps/v1': [['deployments', 'Deployment', true], ['deployments/scale', 'Scale', true]],
  'autoscaling/v2': [['horizontalpodautoscalers', 'HorizontalPodAutoscaler', true]],
};

function discovery(path: string): unknown {
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  if (path === '/apis') {
    return {
      kind: 'APIGroupList', apiVersion: 'v1',
      groups: ['apps/v1', 'autoscaling/v2'].map((gv) => ({
        name: gv.split('/')[0], versions: [{ groupVersion: gv, version: 'v1' }], preferredVersion: { groupVersion: gv, version: gv.split('/')[1] },
      })),
    };
  }
  const gv = path === '/api/v1' ? 'v1' : path.replace(/^\/apis\//, '');
  const resources = groups[gv];
  if (!resources) return undefined;
  return {
    kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv,
    resources: resources.map(([name, kind, namespaced]) => ({ name, singularName: '', namespaced, kind, verbs: ['create', 'get', 'list'] })),
  };
}

/** Runs `kubectl <args>` against a capturing server; resolves with the POSTs it made. */
export async function captureKubectl(args: string[], existing: Record<string, unknown> = {}): Promise<CapturedRequest[]> {
  const captured: CapturedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      res.setHeader('content-type', 'application/json');
      if (path === '/version') {
        res.end(JSON.stringify({ major: '1', minor: '32', gitVersion: 'v1.32.0', platform: 'linux/amd64' }));
        return;
      }
      if (req.method === 'POST') {
        captured.push({ path, contentType: req.headers['content-type'] ?? '', body: new Uint8Array(Buffer.concat(chunks)) });
        res.statusCode = 201;
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' }));
        return;
      }
      const answer = existing[path] ?? discovery(path);
      if (answer === undefined) {
        res.statusCode = 404;
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
        return;
      }
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const cacheDir = mkdtempSync(join(tmpdir(), 'kubelab-kubectl-'));
  try {
    await new Promise<void>((resolve) => {
      execFile('kubectl', ['--server', `http://127.0.0.1:${port}`, '--cache-dir', cacheDir, ...args], { timeout: 20_000 }, () => resolve());
    });
  } finally {
    server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
  return captured;
}
