/**
 * The server side of RFC 6455, as small as kubectl needs: the opening handshake (with
 * subprotocol choice), a frame parser for masked client frames (fragments, ping, close), and
 * unmasked server frames. kubectl's gorilla/websocket client pings every 5 s and gives up after
 * 61 s without a pong, so pings are answered at once.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** The GUID RFC 6455 §1.3 appends to the client's key before hashing. */
const handshakeGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Frame opcodes (RFC 6455 §5.2). */
export const opcodes = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** One frame read off the wire, unmasked. */
export interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

/** `Sec-WebSocket-Accept` for a client's `Sec-WebSocket-Key`. */
export function acceptKey(key: string): string {
  return createHash('sha1').update(key + handshakeGuid).digest('base64');
}

/** Is this request a WebSocket upgrade (GET, `Upgrade: websocket`, a key, version 13)? */
export function isWebSocketUpgrade(req: IncomingMessage): boolean {
  return (req.method ?? 'GET') === 'GET' && (req.headers.upgrade ?? '').toLowerCase() === 'websocket' && !!req.headers['sec-websocket-key'];
}

/** The subprotocols the client offers, in its order of preference. */
export function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  const text = Array.isArray(header) ? header.join(',') : header ?? '';
  return text.split(',').map((p) => p.trim()).filter((p) => p !== '');
}

/** The 101 answer that completes the handshake, naming the chosen subprotocol. */
export function handshakeResponse(key: string, protocol: string | undefined): string {
  const lines = ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${acceptKey(key)}`];
  if (protocol) lines.push(`Sec-WebSocket-Protocol: ${protocol}`);
  return lines.join('\r\n') + '\r\n\r\n';
}

/** Encode one unmasked (server → client) frame; `mask` is for tests that play the client. */
export function encodeFrame(opcode: number, payload: Uint8Array, options: { fin?: boolean; mask?: Uint8Array } = {}): Buffer {
  const length = payload.length;
  const extra = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const maskBytes = options.mask ? 4 : 0;
  const frame = Buffer.alloc(2 + extra + maskBytes + length);
  frame[0] = ((options.fin ?? true) ? 0x80 : 0) | opcode;
  const maskBit = options.mask ? 0x80 : 0;
  if (extra === 0) frame[1] = maskBit | length;
  else if (extra === 2) {
    frame[1] = maskBit | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = maskBit | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  const start = 2 + extra + maskBytes;
  if (options.mask) {
    frame.set(options.mask, 2 + extra);
    for (let i = 0; i < length; i++) frame[start + i] = payload[i] ^ options.mask[i & 3];
  } else frame.set(payload, start);
  return frame;
}

/** A close frame's payload: the status code, then an optional UTF-8 reason. */
export function closePayload(code: number, reason = ''): Buffer {
  const text = Buffer.from(reason, 'utf8');
  const payload = Buffer.alloc(2 + text.length);
  payload.writeUInt16BE(code, 0);
  text.copy(payload, 2);
  return payload;
}

/**
 * Cuts a byte stream into frames. Feed it what the socket delivers; it returns every complete
 * frame and keeps the rest for the next call.
 */
export class FrameParser {
  private buffered: Buffer = Buffer.alloc(0);

  /** Add bytes; return the complete frames they finish, unmasked. */
  push(chunk: Buffer): Frame[] {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : Buffer.from(chunk);
    const frames: Frame[] = [];
    for (;;) {
      const frame = this.next();
      if (!frame) return frames;
      frames.push(frame);
    }
  }

  private next(): Frame | undefined {
    const data = this.buffered;
    if (data.length < 2) return undefined;
    let length = data[1] & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (data.length < 4) return undefined;
      length = data.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (data.length < 10) return undefined;
      length = Number(data.readBigUInt64BE(2));
      offset = 10;
    }
    const masked = (data[1] & 0x80) !== 0;
    const maskAt = offset;
    if (masked) offset += 4;
    if (data.length < offset + length) return undefined;
    const payload = Buffer.from(data.subarray(offset, offset + length));
    if (masked) for (let i = 0; i < length; i++) payload[i] ^= data[maskAt + (i & 3)];
    this.buffered = data.subarray(offset + length);
    return { fin: (data[0] & 0x80) !== 0, opcode: data[0] & 0x0f, payload };
  }
}

/** What a WebSocket connection reports to its owner. */
export interface WebSocketHandlers {
  /** A whole data message (fragments joined). */
  onMessage(data: Buffer, binary: boolean): void;
  /** The connection is gone (close frame, socket end or error). */
  onClose(): void;
}

/** An open server-side WebSocket over an upgraded socket. */
export class WebSocketConnection {
  private readonly parser = new FrameParser();
  private fragments: Buffer[] = [];
  private fragmentOpcode = 0;
  private closed = false;
  private closeSent = false;

  constructor(private readonly socket: Duplex, private readonly handlers: WebSocketHandlers) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    // The HTTP server's sockets allow half-open connections: when the client goes, end ours too.
    socket.on('end', () => {
      socket.end();
      this.finish();
    });
    socket.on('close', () => this.finish());
    socket.on('error', () => this.finish());
  }

  /** Send one binary message. */
  sendBinary(data: Uint8Array): void {
    if (!this.closeSent && !this.socket.destroyed) this.socket.write(encodeFrame(opcodes.binary, data));
  }

  /** Start the closing handshake (1000 = normal closure); the socket ends when the client answers or soon after. */
  close(code = 1000, reason = ''): void {
    if (this.closeSent || this.socket.destroyed) return;
    this.closeSent = true;
    this.socket.write(encodeFrame(opcodes.close, closePayload(code, reason)));
    // Do not wait for ever on a client that never answers the close.
    const timer = setTimeout(() => this.socket.destroy(), 2000);
    timer.unref();
    this.socket.once('close', () => clearTimeout(timer));
  }

  private receive(chunk: Buffer): void {
    for (const frame of this.parser.push(chunk)) {
      switch (frame.opcode) {
        case opcodes.ping:
          if (!this.closeSent) this.socket.write(encodeFrame(opcodes.pong, frame.payload));
          break;
        case opcodes.pong:
          break;
        case opcodes.close:
          if (!this.closeSent) {
            this.closeSent = true;
            this.socket.write(encodeFrame(opcodes.close, frame.payload.subarray(0, 2)));
          }
          this.socket.end();
          this.finish();
          return;
        default:
          this.data(frame);
      }
    }
  }

  private data(frame: Frame): void {
    if (frame.opcode !== opcodes.continuation) {
      this.fragmentOpcode = frame.opcode;
      this.fragments = [];
    }
    this.fragments.push(frame.payload);
    if (!frame.fin) return;
    const message = this.fragments.length === 1 ? this.fragments[0] : Buffer.concat(this.fragments);
    this.fragments = [];
    this.handlers.onMessage(message, this.fragmentOpcode === opcodes.binary);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.handlers.onClose();
  }
}
