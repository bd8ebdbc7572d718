// Real kubectl against the generated documents: `kubectl explain` only works when the OpenAPI v3
// index and group-version documents have the exact shape of a real API server's.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOpenapi } from '../../../scripts/openapi/generate.ts';
import { serverRelativeURL } from './openapi.ts';

const kubectl = (process.env.PATH ?? '').split(':').some((dir) => {
  try { return statSync(join(dir, 'kubectl')).isFile(); } catch { return false; }
});

function run(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile('kubectl', args, { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, code: error ? Number((error as { code?: number }).code ?? 1) : 0 });
    });
  });
}

if (!kubectl) console.warn('kubectl-explain.test.ts: skipped, kubectl is not on the PATH');

describe.skipIf(!kubectl)('kubectl explain against the generated OpenAPI v3', () => {
  const generated = generateOpenapi();
  const cacheDir = mkdtempSync(join(tmpdir(), 'kubelab-explain-'));
  const deployments = { name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment',
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['deploy'] };
  const routes: Record<string, unknown> = {
    '/version': { major: '1', minor: '32', gitVersion: 'v1.32.0', platform: 'linux/amd64' },
    '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] },
    '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } }] },
    '/api/v1': { kind: 'APIResourceList', groupVersion: 'v1', resources: [] },
    '/apis/apps/v1': { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'apps/v1', resources: [deployments] },
    '/openapi/v3': { paths: { 'apis/apps/v1': { serverRelativeURL: serverRelativeURL('apis/apps/v1', generated.hashes['apis/apps/v1'] ?? '') } } },
    '/openapi/v3/apis/apps/v1': generated.documents['apis/apps/v1'],
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const body = routes[path];
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  let url = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('prints the description of deployment.spec.replicas', async () => {
    const result = await run(['--server', url, '--cache-dir', cacheDir, 'explain', 'deployment.spec.replicas']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('KIND:       Deployment');
    expect(result.stdout).toContain('FIELD: replicas <integer>');
    expect(result.stdout.replace(/\s+/g, ' ')).toContain(
      'Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.');
  });

  it('explains pod-level resources, a v1.32 field kubernetes-types 1.30 lacks', async () => {
    const result = await run(['--server', url, '--cache-dir', cacheDir, 'explain', 'deployment.spec.template.spec.resources']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('FIELD: resources <ResourceRequirements>');
    expect(result.stdout.replace(/\s+/g, ' ')).toContain(
      'Resources is the total amount of CPU and Memory resources required by all containers in the pod.');
  });

  it('walks the whole Deployment with --recursive', async () => {
    const result = await run(['--server', url, '--cache-dir', cacheDir, 'explain', 'deployment', '--recursive']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Deployment enables declarative updates for Pods and ReplicaSets.');
    expect(result.stdout).toMatch(/^ {4}replicas\s+<integer>$/m);
    expect(result.stdout).toMatch(/^ {8}maxSurge\s+<IntOrString>$/m);
    expect(result.stdout).toMatch(/^ {8}containers\s+<\[\]Container> -required-$/m);
  });
});
