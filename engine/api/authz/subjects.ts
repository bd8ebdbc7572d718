/**
 * Who a binding's subject is: a User by name, a Group by membership, or a ServiceAccount by its
 * username `system:serviceaccount:NAMESPACE:NAME` (the RBAC authorizer's appliesToUser), and how the
 * authorizer names a subject in its reasons (`Group "kubeadm:cluster-admins"`, `ServiceAccount "app/dev"`).
 */
import type { UserInfo } from '../types.ts';
import type { Subject } from './types.ts';

const serviceAccountPrefix = 'system:serviceaccount:';

/** The username a service account authenticates as. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${serviceAccountPrefix}${namespace}:${name}`;
}

/** The namespace and name of a service account username, or undefined for any other user. */
export function parseServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(serviceAccountPrefix)) return undefined;
  const parts = username.slice(serviceAccountPrefix.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/** The groups every service account of a namespace is in: `system:serviceaccounts` and `system:serviceaccounts:NS`. */
export function serviceAccountGroups(namespace: string): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`];
}

/** The user a service account is, as the token authenticator builds it. */
export function serviceAccountUser(namespace: string, name: string): UserInfo {
  return { username: serviceAccountUsername(namespace, name), groups: [...serviceAccountGroups(namespace), 'system:authenticated'] };
}

/**
 * Whether the subject is this user. A ServiceAccount subject without a namespace means the
 * binding's own namespace (so a ClusterRoleBinding's never matches).
 */
export function appliesToUser(user: UserInfo, subject: Subject, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User': return user.username === subject.name;
    case 'Group': return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const namespace = subject.namespace || bindingNamespace;
      return namespace !== '' && user.username === serviceAccountUsername(namespace, subject.name);
    }
    default: return false;
  }
}

/** The first subject of a binding that is this user. */
export function subjectFor(user: UserInfo, subjects: Subject[] | undefined, bindingNamespace: string): Subject | undefined {
  return (subjects ?? []).find((s) => appliesToUser(user, s, bindingNamespace));
}

/** `User "jane"`, `Group "system:masters"`, `ServiceAccount "app/dev"` (name, then namespace). */
export function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') return `${subject.kind} ${JSON.stringify(`${subject.name}/${subject.namespace || bindingNamespace}`)}`;
  return `${subject.kind} ${JSON.stringify(subject.name)}`;
}
