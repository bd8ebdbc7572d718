/**
 * Service account tokens: the TokenRequest subresource (`kubectl create token`) issues a
 * JWT-shaped token bound to the service account's UID, and the token authenticator turns an
 * `Authorization: Bearer …` header back into `system:serviceaccount:NS:NAME`. Legacy tokens kept
 * in Secrets of type `kubernetes.io/service-account-token` are accepted too. The signature is
 * random rather than RSA: the lab remembers what it issued instead of verifying a key.
 */
import type { Random } from '../../clock.ts';
import { rfc3339 } from '../../clock.ts';
import type { ApiContext, SubresourceProvider } from '../context.ts';
import { statusErrors } from '../errors.ts';
import { fieldError } from '../field-errors.ts';
import type { ApiResponse, KubeObject, UserInfo } from '../types.ts';
import { serviceAccountUser } from './subjects.ts';

/** The issuer and default audience kind's API server uses (`--service-account-issuer`). */
export const tokenIssuer = 'https://kubernetes.default.svc.cluster.local';
/** A TokenRequest without `expirationSeconds` gets an hour, as the API's defaulting gives it. */
export const defaultExpirationSeconds = 3600;
/** ValidateTokenRequest's bounds: at least 10 minutes, at most 2^32 seconds. */
const minExpirationSeconds = 600;
const maxExpirationSeconds = 2 ** 32;

/** What the authenticator needs of an issued token. */
interface IssuedToken {
  namespace: string;
  name: string;
  uid: string;
  /** Expiry in virtual ms since the epoch. */
  expires: number;
}

function base64url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Random base64url characters, as long as an RS256 signature of a 2048-bit key (256 bytes → 342). */
function randomSignature(random: Random, length = 342): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[random.int(alphabet.length)];
  return out;
}

/** The tokens one API server has issued, and the authenticator that reads them. */
export class ServiceAccountTokens {
  private readonly issued = new Map<string, IssuedToken>();
  /** The key id in every token header: the same for all tokens of one cluster, as one signing key gives. */
  private keyId?: string;

  constructor(private readonly ctx: Pick<ApiContext, 'store' | 'clock' | 'uids'>) {}

  /** Issue a token for a service account, valid for `seconds` from now. */
  issue(serviceAccount: KubeObject, seconds: number, audiences: string[]): { token: string; expires: number } {
    const random = this.ctx.uids;
    const now = this.ctx.clock.now();
    const iat = Math.floor(now / 1000);
    const expires = (iat + seconds) * 1000;
    const { namespace = '', name = '', uid = '' } = serviceAccount.metadata;
    this.keyId ??= randomSignature(random, 43);
    const header = { alg: 'RS256', kid: this.keyId };
    const claims = {
      aud: audiences, exp: iat + seconds, iat, iss: tokenIssuer, jti: random.uuid(),
      'kubernetes.io': { namespace, serviceaccount: { name, uid } }, nbf: iat, sub: `system:serviceaccount:${namespace}:${name}`,
    };
    const token = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}.${randomSignature(random)}`;
    this.issued.set(token, { namespace, name, uid, expires });
    return { token, expires };
  }

  /**
   * The user a bearer token authenticates, or undefined (401). A bound token stops working when it
   * expires or its service account is deleted (even if one of the same name comes back).
   */
  authenticate(token: string): UserInfo | undefined {
    const issued = this.issued.get(token);
    if (issued) {
      if (this.ctx.clock.now() >= issued.expires) return undefined;
      const account = this.ctx.store.get('/serviceaccounts', issued.namespace, issued.name);
      return account && account.metadata.uid === issued.uid ? serviceAccountUser(issued.namespace, issued.name) : undefined;
    }
    return this.legacy(token);
  }

  /** A token from a `kubernetes.io/service-account-token` Secret whose service account still exists. */
  private legacy(token: string): UserInfo | undefined {
    for (const secret of this.ctx.store.list('/secrets')) {
      if (secret.type !== 'kubernetes.io/service-account-token') continue;
      const data = (secret.data ?? {}) as Record<string, string>;
      if (!data.token || decode(data.token) !== token) continue;
      const namespace = secret.metadata.namespace ?? '';
      const name = secret.metadata.annotations?.['kubernetes.io/service-account.name'] ?? '';
      if (this.ctx.store.get('/serviceaccounts', namespace, name)) return serviceAccountUser(namespace, name);
    }
    return undefined;
  }

  /** The `serviceaccounts/token` subresource: create a TokenRequest, answered with its token. */
  readonly tokenRequest: SubresourceProvider = (request) => {
    const body = (request.body !== null && typeof request.body === 'object' ? request.body : {}) as { metadata?: Record<string, unknown>; spec?: Record<string, unknown> };
    const spec = body.spec ?? {};
    const seconds = typeof spec.expirationSeconds === 'number' ? spec.expirationSeconds : defaultExpirationSeconds;
    const name = request.object.metadata.name ?? '';
    const tooShort = seconds < minExpirationSeconds;
    if (tooShort || seconds > maxExpirationSeconds) {
      const detail = tooShort ? 'may not specify a duration less than 10 minutes' : 'may not specify a duration larger than 2^32 seconds';
      return statusAnswer(statusErrors.invalid('TokenRequest', 'authentication.k8s.io', name, [fieldError.invalid('spec.expirationSeconds', seconds, detail)]));
    }
    const audiences = Array.isArray(spec.audiences) && spec.audiences.length ? (spec.audiences as string[]) : [tokenIssuer];
    const { token, expires } = this.issue(request.object, seconds, audiences);
    const answer = {
      kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1',
      metadata: { name, namespace: request.object.metadata.namespace, creationTimestamp: null },
      spec: { audiences, expirationSeconds: seconds, boundObjectRef: spec.boundObjectRef ?? null },
      status: { token, expirationTimestamp: rfc3339(expires) },
    };
    return { status: 201, headers: { 'content-type': 'application/json' }, body: answer };
  };
}

function decode(base64: string): string {
  try {
    return atob(base64);
  } catch {
    return '';
  }
}

function statusAnswer(status: { code: number }): ApiResponse {
  return { status: status.code, headers: { 'content-type': 'application/json' }, body: status };
}
