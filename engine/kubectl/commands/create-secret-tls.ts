/**
 * `kubectl create secret tls NAME --cert=PATH --key=PATH [--append-hash]`: both files are read
 * and checked as `tls.X509KeyPair` checks them, then stored as they are under `tls.crt` and `tls.key`
 * in a Secret of type `kubernetes.io/tls`.
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext } from '../command.ts';
import { flagBool, flagString } from '../flags.ts';
import { base64 } from './create-generators.ts';
import { secretHash } from './object-hash.ts';
import { checkX509KeyPair } from './tls-key-pair.ts';
import type { Json } from './write-support.ts';

/** os.ReadFile from the session's files, with kubectl's wording for a missing one. */
function readFile(context: CommandContext, path: string): string {
  const text = context.files[path];
  if (text === undefined) throw KubectlError.client(`Cannot read file ${path}, open ${path}: no such file or directory`);
  return text;
}

/** The Secret `create secret tls` builds (Go field order: kind, apiVersion, metadata, data, type). */
export function buildTlsSecret(context: CommandContext, name: string): Json {
  const certPath = flagString(context.flags, 'cert');
  const keyPath = flagString(context.flags, 'key');
  if (!certPath || !keyPath) throw KubectlError.client('key and cert must be specified');
  const cert = readFile(context, certPath);
  const key = readFile(context, keyPath);
  try {
    checkX509KeyPair(cert, key);
  } catch (error) {
    if (error instanceof KubectlError || !(error instanceof Error)) throw error;
    throw KubectlError.client(error.message);
  }
  const type = 'kubernetes.io/tls';
  const data = { 'tls.crt': base64(cert), 'tls.key': base64(key) };
  const secretName = flagBool(context.flags, 'append-hash') ? `${name}-${secretHash({ name, type, data })}` : name;
  return {
    kind: 'Secret', apiVersion: 'v1',
    metadata: { name: secretName, ...(context.explicitNamespace ? { namespace: context.namespace } : {}), creationTimestamp: null },
    data, type,
  };
}
