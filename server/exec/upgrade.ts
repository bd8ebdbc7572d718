/**
 * Upgrade requests to the Kubernetes API: `pods/exec` and `pods/portforward`. kubectl 1.32 first
 * asks for a WebSocket (exec: `v5.channel.k8s.io`; port-forward: `SPDY/3.1+portforward.k8s.io`,
 * SPDY tunnelled in WebSocket messages) and falls back to `POST` + `Upgrade: SPDY/3.1` when that
 * fails, so an error is answered to both with the API server's Status, and kubectl prints the
 * second. Port-forward also speaks plain SPDY; exec speaks only WebSocket.
 *
 * Exec channels (v4/v5): every message starts with a byte naming its stream: 0 stdin, 1 stdout,
 * 2 stderr, 3 error (a Status, then the connection closes), 4 resize; v5 adds 255 "close
 * stream N" from the client (kubectl sends it when stdin ends).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiRequest, ApiResponse } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster.ts';
import { execStreamOf, portForwardTargetOf, type ExecStream } from '../../engine/api/handlers/exec.ts';
import { statusErrors } from '../../engine/api/errors.ts';
import { handshakeResponse, isWebSocketUpgrade, offeredProtocols, WebSocketConnection } from './websocket.ts';
import { SpdySession } from './spdy.ts';
import { portForwardHandler } from './port-forward.ts';

const channelProtocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const tunnelProtocol = 'SPDY/3.1+portforward.k8s.io';
const channels = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

/** The request in the engine's form; repeated query parameters (exec's `command`) joined with NUL. */
function apiRequest(req: IncomingMessage): ApiRequest {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const query: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key).join('\0');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return { method: (req.method ?? 'GET').toUpperCase() as ApiRequest['method'], path: url.pathname, query, headers };
}

/** Answer an upgrade request with a plain HTTP response and hang up. */
function refuse(socket: Duplex, status: number, body: unknown): void {
  const text = JSON.stringify(body) + '\n';
  socket.end(`HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : status === 404 ? 'Not Found' : 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}

/** Serve one upgrade request (the HTTP server's `upgrade` event) against the cluster. */
export function serveUpgrade(cluster: Cluster, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const request = apiRequest(req);
  let response: ApiResponse;
  try {
    response = cluster.handle(request);
  } catch (error) {
    return refuse(socket, 500, statusErrors.internal(error instanceof Error ? error.message : String(error)));
  }
  const exec = execStreamOf(response);
  const target = portForwardTargetOf(response);
  if (!exec && !target) return refuse(socket, response.status === 101 ? 400 : response.status, response.body);
  if (head.length) socket.unshift(head);
  if (exec) {
    const protocol = offeredProtocols(req).find((p) => channelProtocols.includes(p));
    if (!isWebSocketUpgrade(req) || !protocol) {
      exec.close();
      return refuse(socket, 400, statusErrors.badRequest('kubelab serves exec over WebSocket (v5.channel.k8s.io or v4.channel.k8s.io) only'));
    }
    socket.write(handshakeResponse(req.headers['sec-websocket-key'] as string, protocol));
    return execOverWebSocket(socket, exec, protocol);
  }
  const forward = portForwardHandler(target!, () => cluster.now());
  if (isWebSocketUpgrade(req)) {
    if (!offeredProtocols(req).includes(tunnelProtocol)) return refuse(socket, 400, statusErrors.badRequest(`unable to negotiate protocol: client supports ${offeredProtocols(req).join(', ')}, server supports ${tunnelProtocol}`));
    socket.write(handshakeResponse(req.headers['sec-websocket-key'] as string, tunnelProtocol));
    // The SPDY session writes through the WebSocket, which delivers to the session: tie the knot.
    const holder: { spdy?: SpdySession } = {};
    const ws = new WebSocketConnection(socket, {
      onMessage: (data) => holder.spdy?.push(data),
      onClose: () => holder.spdy?.closeAll(),
    });
    holder.spdy = new SpdySession((bytes) => ws.sendBinary(bytes), forward);
    return;
  }
  socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n');
  const spdy = new SpdySession((bytes) => {
    if (!socket.destroyed) socket.write(bytes);
  }, forward);
  socket.on('data', (chunk: Buffer) => spdy.push(chunk));
  socket.on('end', () => {
    socket.end();
    spdy.closeAll();
  });
  socket.on('close', () => spdy.closeAll());
  socket.on('error', () => spdy.closeAll());
}

/** How long after the handshake an exec starts, as a container runtime's exec start takes (see below). */
const execStartDelayMs = 50;

/** Run an exec over an open WebSocket: output to channels 1 and 2, the Status on 3, then close. */
function execOverWebSocket(socket: Duplex, exec: ExecStream, protocol: string): void {
  let ended = false;
  let closed = false;
  // Stdin that arrives before the exec starts is kept and handed over once it runs.
  let early: (() => void)[] | undefined = [];
  const onStdin = (action: () => void): void => (early ? void early.push(action) : action());
  const ws = new WebSocketConnection(socket, {
    onMessage: (data) => {
      if (data.length === 0) return;
      const channel = data[0];
      if (channel === channels.stdin) {
        const text = data.subarray(1).toString('utf8');
        onStdin(() => exec.stdin(text));
      } else if (channel === channels.close && data[1] === channels.stdin) onStdin(() => exec.closeStdin());
    },
    onClose: () => {
      closed = true;
      if (!ended) exec.close();
    },
  });
  const send = (channel: number, payload: Buffer): void => ws.sendBinary(Buffer.concat([Buffer.from([channel]), payload]));
  // client-go registers its streams only after the handshake (its reader already runs) and tells the
  // server nothing when it has no stdin, so output sent at once can reach it before stream 2 exists
  // ("Unknown stream id 2, discarding message"). A real runtime takes tens of ms to start an exec;
  // waiting as long gives kubectl the time it relies on.
  setTimeout(() => {
    if (closed) return;
    startExec();
    const kept = early ?? [];
    early = undefined;
    for (const action of kept) action();
  }, execStartDelayMs);
  const startExec = (): void => exec.start({
    output: (stream, text) => send(stream === 'stdout' ? channels.stdout : channels.stderr, Buffer.from(text, 'utf8')),
    end: (status) => {
      ended = true;
      send(channels.error, Buffer.from(JSON.stringify(status), 'utf8'));
      ws.close(1000);
    },
  });
  // v4 has no way to say "stdin is finished": a reader of stdin sees its end when the client goes.
  if (protocol === 'v4.channel.k8s.io') socket.once('end', () => onStdin(() => exec.closeStdin()));
}
