import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { acceptKey, closePayload, encodeFrame, FrameParser, handshakeResponse, opcodes, WebSocketConnection } from './websocket.ts';

const mask = Uint8Array.from([0x37, 0xfa, 0x21, 0x3d]);

describe('WebSocket handshake', () => {
  it('computes Sec-WebSocket-Accept as RFC 6455 §1.3 shows it', () => {
    expect(acceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('names the chosen subprotocol', () => {
    expect(handshakeResponse('dGhlIHNhbXBsZSBub25jZQ==', 'v5.channel.k8s.io')).toBe(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
      + 'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: v5.channel.k8s.io\r\n\r\n',
    );
  });
});

describe('frames', () => {
  it.each([
    // RFC 6455 §5.7: a single-frame unmasked text message "Hello", and the masked one.
    ['unmasked "Hello"', encodeFrame(opcodes.text, Buffer.from('Hello')), '810548656c6c6f'],
    ['masked "Hello"', encodeFrame(opcodes.text, Buffer.from('Hello'), { mask }), '818537fa213d7f9f4d5158'],
    ['an unmasked ping', encodeFrame(opcodes.ping, Buffer.from('Hello')), '890548656c6c6f'],
  ])('encodes %s as the RFC example', (_name, frame, hex) => {
    expect(frame.toString('hex')).toBe(hex);
  });

  it.each([
    ['7-bit', 125, 2],
    ['16-bit', 256, 4],
    ['64-bit', 65536, 10],
  ])('uses the %s length form', (_name, length, headerBytes) => {
    const frame = encodeFrame(opcodes.binary, Buffer.alloc(length, 7));
    expect(frame.length).toBe(length + headerBytes);
    const [parsed] = new FrameParser().push(frame);
    expect([parsed.fin, parsed.opcode, parsed.payload.equals(Buffer.alloc(length, 7))]).toEqual([true, opcodes.binary, true]);
  });

  it('unmasks client frames and waits for frames split across reads', () => {
    const parser = new FrameParser();
    const bytes = Buffer.concat([encodeFrame(opcodes.binary, Buffer.from([1, 104, 105]), { mask }), encodeFrame(opcodes.close, closePayload(1000), { mask })]);
    expect(parser.push(bytes.subarray(0, 5))).toEqual([]);
    expect(parser.push(bytes.subarray(5))).toEqual([
      { fin: true, opcode: opcodes.binary, payload: Buffer.from([1, 104, 105]) },
      { fin: true, opcode: opcodes.close, payload: Buffer.from([0x03, 0xe8]) },
    ]);
  });
});

describe('WebSocketConnection', () => {
  function connect(): { socket: PassThrough; written: Buffer[]; messages: [string, boolean][]; closed: () => boolean; ws: WebSocketConnection } {
    const socket = new PassThrough();
    const written: Buffer[] = [];
    const messages: [string, boolean][] = [];
    let closed = false;
    socket.write = ((chunk: Buffer) => {
      written.push(Buffer.from(chunk));
      return true;
    }) as typeof socket.write;
    const ws = new WebSocketConnection(socket, { onMessage: (data, binary) => messages.push([data.toString(), binary]), onClose: () => { closed = true; } });
    return { socket, written, messages, closed: () => closed, ws };
  }

  it('joins fragments, answers pings, and echoes a close', () => {
    const { socket, written, messages, closed } = connect();
    socket.emit('data', encodeFrame(opcodes.binary, Buffer.from('he'), { fin: false, mask }));
    socket.emit('data', encodeFrame(opcodes.ping, Buffer.from('p'), { mask }));
    socket.emit('data', encodeFrame(opcodes.continuation, Buffer.from('llo'), { mask }));
    expect(messages).toEqual([['hello', true]]);
    expect(written.map((w) => w.toString('hex'))).toEqual([encodeFrame(opcodes.pong, Buffer.from('p')).toString('hex')]);
    socket.emit('data', encodeFrame(opcodes.close, closePayload(1000), { mask }));
    expect(written[1].toString('hex')).toBe(encodeFrame(opcodes.close, closePayload(1000)).toString('hex'));
    expect(closed()).toBe(true);
  });

  it('sends binary messages unmasked and closes with 1000', () => {
    const { written, ws } = connect();
    ws.sendBinary(Buffer.from([1, 104, 105]));
    ws.close();
    ws.sendBinary(Buffer.from([1]));
    expect(written.map((w) => w.toString('hex'))).toEqual(['8203016869', '880203e8']);
  });
});
