/**
 * tls.X509KeyPair's checks against real key pairs made with openssl (testdata/tls); the expected
 * errors are what kubectl 1.32 printed for `create secret tls` with the same files.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkX509KeyPair, decodePem } from './tls-key-pair.ts';

const file = (name: string): string => readFileSync(new URL(`./testdata/tls/${name}`, import.meta.url), 'utf8');

describe('checkX509KeyPair', () => {
  it.each([
    ['tls.crt', 'tls.key', undefined],
    ['tls.crt', 'tls-pkcs1.key', undefined],
    ['ec.crt', 'ec.key', undefined],
    ['ec.crt', 'ec-sec1.key', undefined],
    ['tls.crt', 'other.key', 'tls: private key does not match public key'],
    ['ec.crt', 'ec-other.key', 'tls: private key does not match public key'],
    ['tls.crt', 'ec-sec1.key', 'tls: private key type does not match public key type'],
    ['ec.crt', 'tls.key', 'tls: private key type does not match public key type'],
    ['tls.key', 'tls.key', 'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched'],
    ['tls.crt', 'tls.crt', 'tls: found a certificate rather than a key in the PEM for the private key'],
  ])('%s with %s', (cert, key, error) => {
    const check = (): void => checkX509KeyPair(file(cert), file(key));
    if (error) expect(check).toThrow(error);
    else expect(check).not.toThrow();
  });

  it.each([
    ['not a certificate', 'x', 'tls: failed to find any PEM data in certificate input'],
    [file('tls.crt'), 'hello', 'tls: failed to find any PEM data in key input'],
    [file('tls.crt') + file('ec.crt'), file('tls.crt') + file('ec.crt'),
      'tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [CERTIFICATE CERTIFICATE]'],
    ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', file('tls.key'), 'x509: malformed certificate'],
    [file('tls.crt'), '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', 'tls: failed to parse private key'],
  ])('malformed input %#', (cert, key, error) => {
    expect(() => checkX509KeyPair(cert, key)).toThrow(error);
  });

  it('reads every PEM block of a file, with its type', () => {
    expect(decodePem(file('tls.crt') + file('tls.key')).map((b) => b.type)).toEqual(['CERTIFICATE', 'PRIVATE KEY']);
  });
});
