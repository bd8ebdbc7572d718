/**
 * Reading request bodies as the API server does: at most 3 MiB, JSON, YAML (apply patches may
 * say yaml and send JSON), or Kubernetes protobuf from kubectl's typed clients.
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { maxRequestBytes } from '../engine/api/server.ts';
import { statusErrors, StatusError } from '../engine/api/errors.ts';
import { decodeProtobufBody } from './protobuf-adapter.ts';

/** Read the whole body, refusing more than the API server's limit with its 413 answer. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxRequestBytes) {
        tooLarge = true;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => (tooLarge ? reject(new StatusError(statusErrors.tooLarge(maxRequestBytes))) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** Decode a body by its Content-Type. An empty body is `undefined`. */
export function decodeBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const type = (contentType ?? 'application/json').split(';')[0].trim();
  if (type === 'application/vnd.kubernetes.protobuf') return decodeProtobufBody(raw);
  const text = raw.toString('utf8');
  if (type.endsWith('yaml')) {
    try {
      return JSON.parse(text);
    } catch {
      try {
        return parseYaml(text, { version: '1.1', maxAliasCount: 100 });
      } catch (error) {
        throw new StatusError(statusErrors.badRequest(`error converting YAML to JSON: ${(error as Error).message}`));
      }
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StatusError(statusErrors.badRequest(`json: ${(error as Error).message}`));
  }
}
