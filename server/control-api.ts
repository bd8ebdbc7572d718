/**
 * The lab control API over HTTP at `/kubelab/v1/`: JSON in, JSON out, the same operations as
 * `window.kubelab` (engine/control/lab-control.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LabControl } from '../engine/control/lab-control.ts';
import { readBody } from './body.ts';

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body) + '\n');
}

function answer(res: ServerResponse, result: object): void {
  if ('error' in result && 'code' in result) send(res, (result as { code: number }).code, { error: (result as { error: string }).error });
  else send(res, 200, result);
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req);
  if (!raw.length) return {};
  return JSON.parse(raw.toString('utf8'));
}

export async function serveControlApi(control: LabControl, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const method = req.method ?? 'GET';
  const query = Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
  let params: unknown;
  try {
    params = method === 'POST' ? await jsonBody(req) : {};
  } catch {
    return send(res, 400, { error: 'the body must be JSON' });
  }
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /kubelab/v1/status': return answer(res, control.status());
    case 'POST /kubelab/v1/advance': return answer(res, control.advance(params));
    case 'POST /kubelab/v1/reset': return answer(res, control.reset(params));
    case 'POST /kubelab/v1/kubectl': return answer(res, control.kubectl(params));
    case 'POST /kubelab/v1/nodes': return answer(res, control.addNode(params));
    case 'GET /kubelab/v1/lessons': return send(res, 200, control.lessons(query));
  }
  const lesson = /^(GET|POST) \/kubelab\/v1\/lessons\/([^/]+)\/(start|checks)$/.exec(route);
  if (lesson && (lesson[1] === 'POST') === (lesson[3] === 'start')) {
    const id = decodeURIComponent(lesson[2]);
    const result = lesson[3] === 'start' ? control.startLesson(id) : control.checks(id, query);
    return Array.isArray(result) ? send(res, 200, result) : answer(res, result);
  }
  const node = /^POST \/kubelab\/v1\/nodes\/([^/]+)\/(fail|recover)$/.exec(route);
  if (node) {
    const name = decodeURIComponent(node[1]);
    return answer(res, node[2] === 'fail' ? control.failNode(name) : control.recoverNode(name));
  }
  send(res, 404, { error: `no such operation: ${route}` });
}
