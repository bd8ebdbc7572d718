import { constants, createDeflate, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { controlFrame, dataFrame, frameTypes, headerBlock, HeaderReader, HeaderWriter, parseHeaderBlock, spdyDictionary, SpdySession, type SpdyStream } from './spdy.ts';

/** Adler-32, as the zlib header names a preset dictionary. */
function adler32(bytes: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Compress header blocks as kubectl's zlib writer does: one stream, the SPDY dictionary, a sync flush per block. */
async function clientBlocks(blocks: Buffer[]): Promise<Buffer[]> {
  const deflate = createDeflate({ dictionary: spdyDictionary });
  const out: Buffer[] = [];
  for (const block of blocks) {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer): number => chunks.push(chunk);
    deflate.on('data', onData);
    deflate.write(block);
    await new Promise<void>((resolve) => deflate.flush(constants.Z_SYNC_FLUSH, () => resolve()));
    deflate.off('data', onData);
    out.push(Buffer.concat(chunks));
  }
  deflate.close();
  return out;
}

function synStream(id: number, compressed: Buffer, flags = 0): Buffer {
  const head = Buffer.alloc(10);
  head.writeUInt32BE(id, 0);
  return controlFrame(frameTypes.synStream, flags, Buffer.concat([head, compressed]));
}

describe('SPDY header blocks', () => {
  it('uses the dictionary kubectl primes its zlib stream with (id 0xe3c6a7c2)', () => {
    expect(spdyDictionary.length).toBe(1423);
    expect(adler32(spdyDictionary).toString(16)).toBe('e3c6a7c2');
  });

  it('round-trips names and values', () => {
    const headers = { streamtype: 'data', port: '80', requestid: '0' };
    expect(parseHeaderBlock(headerBlock(headers))).toEqual(headers);
  });

  it('writes blocks an inflater reads one after another', () => {
    const writer = new HeaderWriter();
    const first = writer.compress(headerBlock({ a: '1' }));
    const second = writer.compress(headerBlock({}));
    const all = inflateSync(Buffer.concat([first, second]), { finishFlush: constants.Z_SYNC_FLUSH });
    expect(all).toEqual(Buffer.concat([headerBlock({ a: '1' }), headerBlock({})]));
    // Each block ends with an empty stored block, as a sync flush does.
    expect(second.toString('hex')).toBe('0004' + '00fbff' + '00000000' + '000000ffff');
  });

  it('reads blocks compressed with the dictionary, frame by frame', async () => {
    const blocks = [headerBlock({ streamtype: 'error', port: '80', requestid: '0' }), headerBlock({ streamtype: 'data', port: '80', requestid: '0' })];
    const reader = new HeaderReader();
    const compressed = await clientBlocks(blocks);
    expect(compressed.map((c) => reader.decompress(c))).toEqual(blocks);
  });
});

describe('SpdySession', () => {
  it('replies to new streams, passes data on, gives window back, answers pings', async () => {
    const sent: Buffer[] = [];
    const streams: SpdyStream[] = [];
    const received: string[] = [];
    const session = new SpdySession((bytes) => sent.push(bytes), (stream) => {
      streams.push(stream);
      stream.onData = (data) => received.push(data.toString());
      stream.onEnd = () => received.push(`end ${stream.id}`);
    });
    const [block] = await clientBlocks([headerBlock({ streamtype: 'data', port: '80', requestid: '7' })]);
    const frames = Buffer.concat([synStream(1, block), dataFrame(1, Buffer.from('GET / HTTP/1.1\r\n\r\n')), controlFrame(frameTypes.ping, 0, Buffer.from([0, 0, 0, 1])), dataFrame(1, new Uint8Array(0), true)]);
    // Split mid-frame: the session waits for the rest.
    session.push(frames.subarray(0, 11));
    session.push(frames.subarray(11));
    expect(streams.map((s) => [s.id, s.headers])).toEqual([[1, { streamtype: 'data', port: '80', requestid: '7' }]]);
    expect(received).toEqual(['GET / HTTP/1.1\r\n\r\n', 'end 1']);
    const types = sent.map((frame) => (frame[0] & 0x80 ? `control ${frame.readUInt16BE(2)}` : 'data'));
    expect(types).toEqual(['control 2', 'control 9', 'control 9', 'control 6']);
    expect(sent[3].toString('hex')).toBe('8003000600000004' + '00000001');
    streams[0].write(Buffer.from('hi'));
    streams[0].end();
    expect(sent.slice(4).map((f) => f.toString('hex'))).toEqual(['00000001000000026869', '0000000101000000']);
  });
});
