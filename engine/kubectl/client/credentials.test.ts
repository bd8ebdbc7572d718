/** The headers client-go builds from kubectl's global credential flags. */
import { describe, expect, it } from 'vitest';
import { globalFlags } from '../command.ts';
import { parseFlags } from '../flags.ts';
import { credentialHeaders } from './credentials.ts';

function headers(argv: string[], server = 'http://127.0.0.1:8080'): Record<string, string> | string {
  const parsed = parseFlags(argv, globalFlags);
  if (!parsed.ok) throw new Error(parsed.error);
  try {
    return credentialHeaders(parsed.parsed, server, 'learner');
  } catch (error) {
    return (error as Error).message;
  }
}

describe('credentialHeaders', () => {
  it.each<[string[], string, Record<string, string> | string]>([
    [[], 'http://127.0.0.1:8080', {}],
    [['--as', 'jane'], 'http://127.0.0.1:8080', { 'impersonate-user': 'jane' }],
    [['--as=jane', '--as-group=ops', '--as-group', 'dev', '--as-uid=42'], 'http://127.0.0.1:8080',
      { 'impersonate-user': 'jane', 'impersonate-group': 'ops, dev', 'impersonate-uid': '42' }],
    // client-go sends a bearer token over TLS only.
    [['--token=abc'], 'http://127.0.0.1:8080', {}],
    [['--token=abc'], 'https://127.0.0.1:6443', { authorization: 'Bearer abc' }],
    [['--as-group=ops'], 'http://127.0.0.1:8080', 'error: requesting uid, groups or user-extra for learner without impersonating a user'],
    [['--as-uid=1'], 'http://127.0.0.1:8080', 'error: requesting uid, groups or user-extra for learner without impersonating a user'],
  ])('%j to %s', (argv, server, expected) => {
    expect(headers(argv, server)).toEqual(expected);
  });
});
