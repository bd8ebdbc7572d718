/**
 * The server side of SPDY/3.1, as much as `kubectl port-forward` uses (it speaks SPDY either
 * directly after `Upgrade: SPDY/3.1`, or tunnelled inside WebSocket binary messages): streams
 * opened by the client (SYN_STREAM → SYN_REPLY), DATA with FIN, RST_STREAM, PING, and window
 * updates so the client never stalls.
 *
 * Header blocks are zlib streams that continue from frame to frame, primed with SPDY's
 * dictionary. The client's are inflated by re-reading everything received so far (a sync flush
 * ends each block, and there are only a few per connection). Ours are written as zlib "stored"
 * blocks, which every inflater reads and which need no dictionary.
 */
import { constants, inflateSync } from 'node:zlib';

/** SPDY/3's header compression dictionary (draft-mbelshe-httpbis-spdy-00 §2.6.10.1): length-prefixed names, then a tail of common values. */
export const spdyDictionary: Buffer = (() => {
  const names = ['options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding',
    'accept-language', 'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection', 'content-base',
    'content-encoding', 'content-language', 'content-length', 'content-location', 'content-md5', 'content-range',
    'content-type', 'date', 'etag', 'expect', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match',
    'if-range', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'pragma', 'proxy-authenticate',
    'proxy-authorization', 'range', 'referer', 'retry-after', 'server', 'te', 'trailer', 'transfer-encoding', 'upgrade',
    'user-agent', 'vary', 'via', 'warning', 'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1',
    'url', 'public', 'set-cookie', 'keep-alive', 'origin'];
  const tail = '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505' +
    '203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized' +
    '403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service Unavailable' +
    'Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT' +
    'chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,' +
    'text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';
  const parts = names.map((name) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(name.length);
    return Buffer.concat([length, Buffer.from(name, 'latin1')]);
  });
  return Buffer.concat([...parts, Buffer.from(tail, 'latin1')]);
})();

/** Control frame types (SPDY/3 §2.6). */
export const frameTypes = { synStream: 1, synReply: 2, rstStream: 3, settings: 4, ping: 6, goAway: 7, headers: 8, windowUpdate: 9 } as const;
const flagFin = 0x01;

/** A control frame: version 3, its type, flags and body. */
export function controlFrame(type: number, flags: number, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8003, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt32BE(((flags & 0xff) << 24) | body.length, 4);
  return Buffer.concat([head, body]);
}

/** A data frame for `streamId`. */
export function dataFrame(streamId: number, data: Uint8Array, fin = false): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(streamId & 0x7fffffff, 0);
  head.writeUInt32BE(((fin ? flagFin : 0) << 24) | data.length, 4);
  return Buffer.concat([head, data]);
}

/** An uncompressed header block: count, then length-prefixed names and values. */
export function headerBlock(headers: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const entries = Object.entries(headers);
  const count = Buffer.alloc(4);
  count.writeUInt32BE(entries.length);
  parts.push(count);
  for (const [name, value] of entries) {
    for (const text of [name.toLowerCase(), value]) {
      const bytes = Buffer.from(text, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      parts.push(length, bytes);
    }
  }
  return Buffer.concat(parts);
}

/** Read an uncompressed header block (values with NUL-separated parts are joined by commas). */
export function parseHeaderBlock(block: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  let offset = 4;
  const count = block.readUInt32BE(0);
  for (let i = 0; i < count; i++) {
    const nameLength = block.readUInt32BE(offset);
    const name = block.subarray(offset + 4, offset + 4 + nameLength).toString('utf8');
    offset += 4 + nameLength;
    const valueLength = block.readUInt32BE(offset);
    headers[name] = block.subarray(offset + 4, offset + 4 + valueLength).toString('utf8').split('\0').join(',');
    offset += 4 + valueLength;
  }
  return headers;
}

/** Writes header blocks as one zlib stream of stored (uncompressed) deflate blocks. */
export class HeaderWriter {
  private started = false;

  /** The bytes that carry `block` in the connection's header stream. */
  compress(block: Buffer): Buffer {
    const chunks: Buffer[] = [];
    if (!this.started) {
      // CMF 0x78 (deflate, 32 KiB window), FLG 0x01: no preset dictionary, header checksum ok.
      chunks.push(Buffer.from([0x78, 0x01]));
      this.started = true;
    }
    for (let offset = 0; offset < block.length; offset += 0xffff) chunks.push(storedBlock(block.subarray(offset, offset + 0xffff)));
    // An empty stored block ends each header block, as a sync flush does: without it Go's
    // inflater reads ahead for the next block, finds the frame's end and fails for good.
    chunks.push(storedBlock(Buffer.alloc(0)));
    return Buffer.concat(chunks);
  }
}

/** A non-final stored deflate block: BFINAL 0, BTYPE 00, then LEN, NLEN and the bytes. */
function storedBlock(piece: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt16LE(piece.length, 1);
  head.writeUInt16LE(~piece.length & 0xffff, 3);
  return Buffer.concat([head, piece]);
}

/** Reads the client's header blocks: one zlib stream with the SPDY dictionary, flushed per block. */
export class HeaderReader {
  private received: Buffer = Buffer.alloc(0);
  private produced = 0;

  /** The uncompressed block that `compressed` (the next frame's header bytes) carries. */
  decompress(compressed: Buffer): Buffer {
    this.received = Buffer.concat([this.received, compressed]);
    const all = inflateSync(this.received, { dictionary: spdyDictionary, finishFlush: constants.Z_SYNC_FLUSH });
    const block = all.subarray(this.produced);
    this.produced = all.length;
    return block;
  }
}

/** One stream the client opened. */
export class SpdyStream {
  /** Called with each DATA payload, and once when the client half-closes (FIN) or resets. */
  onData: (data: Buffer) => void = () => {};
  onEnd: () => void = () => {};
  private ended = false;

  constructor(readonly id: number, readonly headers: Record<string, string>, private readonly session: SpdySession) {}

  /** Send data to the client. */
  write(data: Uint8Array): void {
    if (!this.ended && data.length) this.session.send(dataFrame(this.id, data));
  }

  /** Half-close our side (an empty DATA frame with FIN). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.session.send(dataFrame(this.id, new Uint8Array(0), true));
  }
}

/** A SPDY/3.1 server connection over any byte transport. */
export class SpdySession {
  private buffered: Buffer = Buffer.alloc(0);
  private readonly streams = new Map<number, SpdyStream>();
  private readonly headerReader = new HeaderReader();
  private readonly headerWriter = new HeaderWriter();

  /** `send` writes bytes to the client; `onStream` gets each stream the client opens. */
  constructor(private readonly transport: (bytes: Buffer) => void, private readonly onStream: (stream: SpdyStream) => void) {}

  /** Write raw frame bytes. */
  send(bytes: Buffer): void {
    this.transport(bytes);
  }

  /** Bytes from the client. */
  push(chunk: Buffer): void {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : Buffer.from(chunk);
    while (this.buffered.length >= 8) {
      const length = this.buffered.readUInt32BE(4) & 0xffffff;
      if (this.buffered.length < 8 + length) return;
      const frame = this.buffered.subarray(0, 8 + length);
      this.buffered = this.buffered.subarray(8 + length);
      this.frame(frame);
    }
  }

  /** End every stream (the transport went away). */
  closeAll(): void {
    for (const stream of this.streams.values()) stream.onEnd();
    this.streams.clear();
  }

  private frame(frame: Buffer): void {
    const flags = frame[4];
    const body = frame.subarray(8);
    if ((frame[0] & 0x80) === 0) {
      const stream = this.streams.get(frame.readUInt32BE(0) & 0x7fffffff);
      if (!stream) return;
      if (body.length) {
        stream.onData(Buffer.from(body));
        // Give the credit back at once, for the stream and for the session (SPDY/3.1).
        for (const id of [stream.id, 0]) this.send(controlFrame(frameTypes.windowUpdate, 0, uint32s(id, body.length)));
      }
      if (flags & flagFin) this.finish(stream);
      return;
    }
    switch (frame.readUInt16BE(2)) {
      case frameTypes.synStream: {
        const id = body.readUInt32BE(0) & 0x7fffffff;
        const headers = parseHeaderBlock(this.headerReader.decompress(body.subarray(10)));
        const stream = new SpdyStream(id, headers, this);
        this.streams.set(id, stream);
        this.send(controlFrame(frameTypes.synReply, 0, Buffer.concat([uint32s(id), this.headerWriter.compress(headerBlock({}))])));
        this.onStream(stream);
        if (flags & flagFin) this.finish(stream);
        return;
      }
      case frameTypes.rstStream: {
        const stream = this.streams.get(body.readUInt32BE(0) & 0x7fffffff);
        if (stream) this.finish(stream);
        return;
      }
      case frameTypes.ping:
        this.send(controlFrame(frameTypes.ping, 0, Buffer.from(body)));
        return;
      case frameTypes.headers:
        // Header updates carry nothing port-forward needs, but they advance the zlib stream.
        this.headerReader.decompress(body.subarray(4));
        return;
      default:
        // SETTINGS, WINDOW_UPDATE, GOAWAY: nothing to do for the short exchanges forwarded here.
        return;
    }
  }

  private finish(stream: SpdyStream): void {
    if (!this.streams.delete(stream.id)) return;
    stream.onEnd();
  }
}

function uint32s(...values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => out.writeUInt32BE(v >>> 0, i * 4));
  return out;
}
