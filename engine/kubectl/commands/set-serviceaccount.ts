/**
 * `kubectl set serviceaccount TYPE NAME SERVICE_ACCOUNT`: set the pod template's
 * `serviceAccountName` and patch, printing `deployment.apps/web serviceaccount updated`.
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { setServiceaccountHelp } from './help/set-serviceaccount.ts';
import { specFromHelp } from './help/types.ts';
import { withRecordFlag } from './record.ts';
import { patchTargets, podSpecIn } from './set-support.ts';

function runSetServiceAccount(context: CommandContext): number {
  if (!context.args.length) throw KubectlError.client('serviceaccount is required');
  const serviceAccount = context.args[context.args.length - 1];
  return patchTargets(context, context.args.slice(0, -1), {
    verb: 'set serviceaccount',
    operation: 'serviceaccount updated',
    failurePrefix: 'failed to patch ServiceAccountName ',
    sendEmpty: true,
    mutate(copy, mapping) {
      const podSpec = podSpecIn(mapping.kind, copy);
      if (podSpec) podSpec.serviceAccountName = serviceAccount;
      return undefined;
    },
  });
}

/** `kubectl set serviceaccount` (alias `sa`). */
export const setServiceAccountCommand: CommandSpec = withRecordFlag(specFromHelp('serviceaccount', setServiceaccountHelp, runSetServiceAccount));
