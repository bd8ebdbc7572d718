/**
 * `kubectl create job NAME --from=cronjob/NAME`: the Builder fetches the CronJob, and the Job is
 * its jobTemplate with the `cronjob.kubernetes.io/instantiate: manual` annotation and a controller
 * reference to the CronJob (without blockOwnerDeletion, so no cronjobs/finalizers permission is needed).
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext } from '../command.ts';
import { findTargets } from './targets.ts';
import type { Json } from './write-support.ts';

/** The Job `create job NAME --from=…` builds from the object `--from` names (only a CronJob will do). */
export function buildJobFromCronJob(context: CommandContext, name: string, from: string): Json {
  // ResourceTypeOrNameArgs(false, from): the Builder's own errors for an unknown type or a missing object.
  const { targets, errors } = findTargets(context, 'create', [from], true);
  if (errors.length) throw errors[0];
  if (targets.length !== 1) throw KubectlError.client('from must be an existing cronjob');
  const [target] = targets;
  if (target.error) throw target.error;
  const { mapping } = target;
  if (mapping.kind !== 'CronJob' || mapping.group !== 'batch') {
    // The Go type of the decoded object, as `%T` prints it: `*v1.Deployment`.
    throw KubectlError.client(`unknown object type *${mapping.version}.${mapping.kind}`);
  }
  const cronJob = target.object ?? {};
  const cronMetadata = (cronJob.metadata ?? {}) as Json;
  const jobTemplate = (((cronJob.spec ?? {}) as Json).jobTemplate ?? {}) as Json;
  const templateMetadata = (jobTemplate.metadata ?? {}) as Json;
  const annotations = { 'cronjob.kubernetes.io/instantiate': 'manual', ...((templateMetadata.annotations ?? {}) as Record<string, string>) };
  const labels = templateMetadata.labels as Record<string, string> | undefined;
  return {
    kind: 'Job', apiVersion: 'batch/v1',
    metadata: {
      name, ...(context.explicitNamespace ? { namespace: context.namespace } : {}), creationTimestamp: null,
      ...(labels ? { labels } : {}), annotations,
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: String(cronMetadata.name ?? ''), uid: String(cronMetadata.uid ?? ''), controller: true }],
    },
    spec: structuredClone(jobTemplate.spec ?? {}),
    status: {},
  };
}
