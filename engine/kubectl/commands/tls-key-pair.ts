/**
 * The checks of Go's `tls.X509KeyPair`, which `kubectl create secret tls` runs on its two files
 * before it builds the Secret: PEM blocks of the right types, a certificate that parses, a private
 * key in PKCS#1, PKCS#8 or SEC1 form, and a key that belongs to the certificate's public key.
 * Errors are Go's (`tls: failed to find any PEM data in certificate input`, …).
 */

/** One PEM block: its type (`CERTIFICATE`, `RSA PRIVATE KEY`) and its DER bytes. */
export interface PemBlock { type: string; bytes: Uint8Array }

/**
 * The PEM blocks of a text, as repeated `pem.Decode` calls find them: a block whose body is not
 * valid base64 is skipped, as Go skips it and looks further.
 */
export function decodePem(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const pattern = /(?:^|\n)-----BEGIN ([^\n]*?)-----[ \t]*\r?\n([\s\S]*?)\n?-----END \1-----/g;
  for (const match of text.matchAll(pattern)) {
    // Headers (`Proc-Type: 4,ENCRYPTED`) end at a blank line; only the body after them is base64.
    let body = match[2];
    const blank = body.search(/\r?\n\r?\n/);
    if (blank >= 0 && body.slice(0, blank).includes(':')) body = body.slice(blank);
    try {
      const binary = atob(body.replace(/[\s]/g, ''));
      blocks.push({ type: match[1], bytes: Uint8Array.from(binary, (c) => c.charCodeAt(0)) });
    } catch {
      // not base64: pem.Decode rejects the block and keeps searching
    }
  }
  return blocks;
}

/** A DER element: tag byte, and the bytes of its contents. */
interface Der { tag: number; content: Uint8Array }

class DerError extends Error {}

/** The elements of a DER sequence's contents (definite lengths only, as DER requires). */
function derChildren(bytes: Uint8Array): Der[] {
  const children: Der[] = [];
  let i = 0;
  while (i < bytes.length) {
    const tag = bytes[i++];
    if (i >= bytes.length) throw new DerError('truncated');
    let length = bytes[i++];
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 4) throw new DerError('bad length');
      length = 0;
      for (let k = 0; k < count; k++) {
        if (i >= bytes.length) throw new DerError('truncated');
        length = length * 256 + bytes[i++];
      }
    }
    if (i + length > bytes.length) throw new DerError('truncated');
    children.push({ tag, content: bytes.subarray(i, i + length) });
    i += length;
  }
  return children;
}

/** The single element a DER text must be (trailing data is an error, as in Go's asn1). */
function derOne(bytes: Uint8Array, tag: number): Der {
  const all = derChildren(bytes);
  if (all.length !== 1 || all[0].tag !== tag) throw new DerError('unexpected element');
  return all[0];
}

const SEQUENCE = 0x30, INTEGER = 0x02, BIT_STRING = 0x03, OCTET_STRING = 0x04, OID = 0x06;

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** An INTEGER as hex without leading zero bytes, so that equal numbers compare equal. */
function integerHex(element: Der): string {
  if (element.tag !== INTEGER) throw new DerError('not an integer');
  return hex(element.content).replace(/^(00)+/, '');
}

/** Dotted text of an OBJECT IDENTIFIER. */
function oidText(element: Der): string {
  if (element.tag !== OID || !element.content.length) throw new DerError('not an oid');
  const parts = [Math.floor(element.content[0] / 40), element.content[0] % 40];
  let value = 0;
  for (const byte of element.content.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** A BIT STRING's bytes (the first content byte counts unused bits). */
function bitString(element: Der): Uint8Array {
  if (element.tag !== BIT_STRING || !element.content.length) throw new DerError('not a bit string');
  return element.content.subarray(1);
}

const rsaOid = '1.2.840.113549.1.1.1', ecOid = '1.2.840.10045.2.1', ed25519Oid = '1.3.101.112';

/** A public key as the check compares it: RSA by modulus, ECDSA by curve and point, Ed25519 by bytes. */
export type PublicKey =
  | { type: 'rsa'; modulus: string }
  | { type: 'ecdsa'; curve: string; point?: string }
  | { type: 'ed25519'; key?: string }
  | { type: 'unknown' };

/** The subject public key of a DER certificate; a structure that does not parse is Go's `x509: malformed certificate`. */
export function certificatePublicKey(der: Uint8Array): PublicKey {
  try {
    const [tbs] = derChildren(derOne(der, SEQUENCE).content);
    if (tbs?.tag !== SEQUENCE) throw new DerError('no tbsCertificate');
    const fields = derChildren(tbs.content);
    // version [0] is optional; then serial, signature, issuer, validity, subject, subjectPublicKeyInfo.
    const start = fields[0]?.tag === 0xa0 ? 1 : 0;
    const spki = fields[start + 5];
    if (spki?.tag !== SEQUENCE) throw new DerError('no subjectPublicKeyInfo');
    const [algorithm, key] = derChildren(spki.content);
    const [oid, parameters] = derChildren(algorithm.content);
    const bits = bitString(key);
    switch (oidText(oid)) {
      case rsaOid: {
        const [modulus] = derChildren(derOne(bits, SEQUENCE).content);
        return { type: 'rsa', modulus: integerHex(modulus) };
      }
      case ecOid: return { type: 'ecdsa', curve: oidText(parameters), point: hex(bits) };
      case ed25519Oid: return { type: 'ed25519', key: hex(bits) };
      default: return { type: 'unknown' };
    }
  } catch (error) {
    if (error instanceof DerError) throw new Error('x509: malformed certificate', { cause: error });
    throw error;
  }
}

/** PKCS#1 RSAPrivateKey: version 0, modulus, public exponent, … */
function pkcs1(der: Uint8Array): PublicKey {
  const fields = derChildren(derOne(der, SEQUENCE).content);
  if (fields.length < 9 || integerHex(fields[0]) !== '') throw new DerError('not PKCS#1');
  return { type: 'rsa', modulus: integerHex(fields[1]) };
}

/** SEC1 ECPrivateKey: version 1, the scalar, [0] curve, [1] public point (compared when present). */
function sec1(der: Uint8Array, curve?: string): PublicKey {
  const fields = derChildren(derOne(der, SEQUENCE).content);
  if (fields.length < 2 || integerHex(fields[0]) !== '01' || fields[1].tag !== OCTET_STRING) throw new DerError('not SEC1');
  const named = fields.find((f) => f.tag === 0xa0);
  const point = fields.find((f) => f.tag === 0xa1);
  return {
    type: 'ecdsa', curve: named ? oidText(derOne(named.content, OID)) : curve ?? '',
    ...(point ? { point: hex(bitString(derOne(point.content, BIT_STRING))) } : {}),
  };
}

/** PKCS#8 PrivateKeyInfo: version, algorithm, and the key in the algorithm's own form. */
function pkcs8(der: Uint8Array): PublicKey {
  const [version, algorithm, key] = derChildren(derOne(der, SEQUENCE).content);
  if (!version || integerHex(version) !== '' || algorithm?.tag !== SEQUENCE || key?.tag !== OCTET_STRING) throw new DerError('not PKCS#8');
  const [oid, parameters] = derChildren(algorithm.content);
  switch (oidText(oid)) {
    case rsaOid: return pkcs1(key.content);
    case ecOid: return sec1(key.content, parameters ? oidText(parameters) : undefined);
    // The public key of an Ed25519 seed needs the curve arithmetic; the lab compares types only.
    case ed25519Oid: return { type: 'ed25519' };
    default: throw new Error('tls: found unknown private key type in PKCS#8 wrapping');
  }
}

/** tls's parsePrivateKey: PKCS#1, then PKCS#8, then SEC1, else `tls: failed to parse private key`. */
export function privateKeyPublicPart(der: Uint8Array): PublicKey {
  for (const parse of [pkcs1, pkcs8, sec1]) {
    try {
      return parse(der);
    } catch (error) {
      if (!(error instanceof DerError)) throw error;
    }
  }
  throw new Error('tls: failed to parse private key');
}

/** Go's `%v` of a string slice: `[A B]`. */
function goList(items: string[]): string {
  return `[${items.join(' ')}]`;
}

/**
 * `tls.X509KeyPair(certPEM, keyPEM)`: returns nothing when the pair is usable, else throws an
 * Error whose message is Go's.
 */
export function checkX509KeyPair(certPem: string, keyPem: string): void {
  const certBlocks = decodePem(certPem);
  const certificates = certBlocks.filter((b) => b.type === 'CERTIFICATE');
  if (!certificates.length) {
    const skipped = certBlocks.map((b) => b.type);
    if (!skipped.length) throw new Error('tls: failed to find any PEM data in certificate input');
    if (skipped.length === 1 && skipped[0].endsWith('PRIVATE KEY')) {
      throw new Error('tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched');
    }
    throw new Error(`tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: ${goList(skipped)}`);
  }
  const keyBlocks = decodePem(keyPem);
  const keyIndex = keyBlocks.findIndex((b) => b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY'));
  if (keyIndex < 0) {
    const skipped = keyBlocks.map((b) => b.type);
    if (!skipped.length) throw new Error('tls: failed to find any PEM data in key input');
    if (skipped.length === 1 && skipped[0] === 'CERTIFICATE') throw new Error('tls: found a certificate rather than a key in the PEM for the private key');
    throw new Error(`tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: ${goList(skipped)}`);
  }
  const certificateKey = certificatePublicKey(certificates[0].bytes);
  const privateKey = privateKeyPublicPart(keyBlocks[keyIndex].bytes);
  if (certificateKey.type === 'unknown') throw new Error('tls: unknown public key algorithm');
  if (certificateKey.type !== privateKey.type) throw new Error('tls: private key type does not match public key type');
  const mismatch = (certificateKey.type === 'rsa' && privateKey.type === 'rsa' && certificateKey.modulus !== privateKey.modulus)
    || (certificateKey.type === 'ecdsa' && privateKey.type === 'ecdsa'
      && (certificateKey.curve !== privateKey.curve || (privateKey.point !== undefined && certificateKey.point !== privateKey.point)));
  if (mismatch) throw new Error('tls: private key does not match public key');
}
