/**
 * The impersonation filter: `Impersonate-User` and `Impersonate-Group` headers (kubectl's `--as`
 * and `--as-group`) make the request run as someone else, once the real requester is allowed to
 * `impersonate` each of them — `users`, `serviceaccounts` (in their namespace) and `groups`. The
 * impersonated user is in `system:authenticated`; a service account also in its two groups.
 */
import type { Status } from '../errors.ts';
import type { UserInfo } from '../types.ts';
import { forbiddenStatus } from './attributes.ts';
import { parseServiceAccountUsername, serviceAccountGroups } from './subjects.ts';
import type { Attributes, Decision } from './types.ts';

/** Header names as the engine carries them (lower case); repeated headers arrive joined by `, `. */
export const impersonateUserHeader = 'impersonate-user';
export const impersonateGroupHeader = 'impersonate-group';
export const impersonateUidHeader = 'impersonate-uid';

function headerList(value: string | undefined): string[] {
  return (value ?? '').split(/,\s*/).map((v) => v.trim()).filter((v) => v !== '');
}

/** The impersonate check for one identity: `users "jane"`, `serviceaccounts "app"` in dev, `groups "ops"`. */
function impersonateAttributes(requester: UserInfo, resource: string, name: string, namespace = '', apiGroup = ''): Attributes {
  return { user: requester, verb: 'impersonate', resourceRequest: true, apiGroup, resource, subresource: '', name, namespace, path: '' };
}

/**
 * Who the request runs as: the requester itself without impersonation headers, the impersonated
 * user once every impersonation is allowed, or the Forbidden (or BadRequest) Status.
 */
export function impersonate(requester: UserInfo, headers: Record<string, string>, authorize: (attributes: Attributes) => Decision):
  { user: UserInfo } | { status: Status } {
  const username = headers[impersonateUserHeader]?.trim() ?? '';
  const groups = headerList(headers[impersonateGroupHeader]);
  const uid = headers[impersonateUidHeader]?.trim() ?? '';
  if (!username) {
    if (!groups.length && !uid) return { user: requester };
    const what = [...groups.map((g) => `{Group  ${g}  authentication.k8s.io/v1  }`), ...(uid ? [`{UID  ${uid}  authentication.k8s.io/v1  }`] : [])];
    return { status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `requested [${what.join(' ')}] without impersonating a user`, reason: 'BadRequest', code: 400 } };
  }
  const serviceAccount = parseServiceAccountUsername(username);
  const checks: Attributes[] = [
    serviceAccount
      ? impersonateAttributes(requester, 'serviceaccounts', serviceAccount.name, serviceAccount.namespace)
      : impersonateAttributes(requester, 'users', username),
    ...groups.map((group) => impersonateAttributes(requester, 'groups', group)),
    ...(uid ? [impersonateAttributes(requester, 'uids', uid, '', 'authentication.k8s.io')] : []),
  ];
  for (const check of checks) {
    const decision = authorize(check);
    if (decision.decision !== 'Allow') return { status: forbiddenStatus(check, decision.reason) };
  }
  // A service account's groups are a fixed mapping, added when no groups were asked for.
  const userGroups = groups.length ? [...groups] : serviceAccount ? serviceAccountGroups(serviceAccount.namespace) : [];
  if (username !== 'system:anonymous' && !userGroups.some((g) => g === 'system:authenticated' || g === 'system:unauthenticated')) {
    userGroups.push('system:authenticated');
  }
  return { user: { username, groups: userGroups } };
}
