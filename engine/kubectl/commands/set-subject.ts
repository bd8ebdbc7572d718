/**
 * `kubectl set subject rolebinding|clusterrolebinding NAME --user=… --group=… --serviceaccount=ns:name`:
 * add the subjects a binding lacks (users, then groups, then service accounts, each sorted and
 * without duplicates) and patch, printing `rolebinding.rbac.authorization.k8s.io/x subjects updated`.
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagList } from '../flags.ts';
import { setSubjectHelp } from './help/set-subject.ts';
import { specFromHelp } from './help/types.ts';
import { patchTargets } from './set-support.ts';
import type { Json } from './write-support.ts';

/** One rbac.authorization.k8s.io/v1 Subject, with its fields in the order Go encodes them. */
interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

const sortedUnique = (values: string[]): string[] => [...new Set(values)].sort();

/** The subjects the flags name: users and groups in the rbac group, service accounts in their namespace. */
export function subjectsFromFlags(users: string[], groups: string[], serviceAccounts: string[], namespace: string): Subject[] {
  return [
    ...sortedUnique(users).map((name) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name })),
    ...sortedUnique(groups).map((name) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name })),
    ...sortedUnique(serviceAccounts).map((account) => {
      const [ns, name] = account.split(':');
      return { kind: 'ServiceAccount', name, namespace: ns || namespace };
    }),
  ];
}

const sameSubject = (a: Subject, b: Subject): boolean =>
  a.kind === b.kind && (a.apiGroup ?? '') === (b.apiGroup ?? '') && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');

function runSetSubject(context: CommandContext): number {
  const { flags } = context;
  const users = flagList(flags, 'user');
  const groups = flagList(flags, 'group');
  const serviceAccounts = flagList(flags, 'serviceaccount');
  if (!users.length && !groups.length && !serviceAccounts.length) throw KubectlError.client('you must specify at least one value of user, group or serviceaccount');
  for (const account of serviceAccounts) {
    const tokens = account.split(':');
    if (tokens.length !== 2 || tokens[1] === '') throw KubectlError.client('serviceaccount must be <namespace>:<name>');
  }
  const subjects = subjectsFromFlags(users, groups, serviceAccounts, context.namespace);
  return patchTargets(context, context.args, {
    verb: 'set subject',
    operation: 'subjects updated',
    failurePrefix: 'failed to patch subjects to rolebinding: ',
    mutate(copy, mapping) {
      const name = String(((copy.metadata ?? {}) as Json).name ?? '');
      if (mapping.group !== 'rbac.authorization.k8s.io' || (mapping.kind !== 'RoleBinding' && mapping.kind !== 'ClusterRoleBinding')) {
        return { error: new KubectlError(`error: ${mapping.resource}/${name} setting subjects is only supported for RoleBinding/ClusterRoleBinding`) };
      }
      if (mapping.kind === 'ClusterRoleBinding' && serviceAccounts.some((a) => a.startsWith(':'))) {
        return { error: KubectlError.client('serviceaccount must be <namespace>:<name>, namespace must be specified') };
      }
      const existing = (copy.subjects ?? []) as Subject[];
      const added = subjects.filter((s) => !existing.some((e) => sameSubject(e, s)));
      if (added.length) copy.subjects = [...existing, ...added];
      return undefined;
    },
  });
}

/** `kubectl set subject`. */
export const setSubjectCommand: CommandSpec = specFromHelp('subject', setSubjectHelp, runSetSubject);
