/**
 * Printers for the workload controllers (apps, batch, core ReplicationController, PodTemplate):
 * replica counts from status, the template's containers and images, and the selector.
 */
import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job, JobCondition } from 'kubernetes-types/batch/v1';
import type { PodTemplate, ReplicationController } from 'kubernetes-types/core/v1';
import { ageColumn, containersColumn, imagesColumn, integer, nameColumn, nameOf, text, column } from './columns.ts';
import { humanDuration, parseTimestamp, timestampSince } from './duration.ts';
import { containerCells, formatLabelSelector, formatLabels, selectorString } from './format.ts';
import type { Printer } from './types.ts';

// Objects that went through the API server always have replicas defaulted to 1.
const defaultReplicas = 1;

/** Deployment: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR. */
export const deploymentPrinter: Printer = {
  columns: [
    nameColumn,
    text('Ready', { text: 'Number of the pod with ready state' }),
    text('Up-to-date', 'extensions/v1beta1 DeploymentStatus.updatedReplicas'),
    text('Available', 'extensions/v1beta1 DeploymentStatus.availableReplicas'),
    ageColumn,
    containersColumn,
    imagesColumn,
    text('Selector', 'extensions/v1beta1 DeploymentSpec.selector', 1),
  ],
  print(object, { now }) {
    const deployment = object as Deployment;
    const status = deployment.status ?? {};
    const [names, images] = containerCells(deployment.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(deployment),
        `${status.readyReplicas ?? 0}/${deployment.spec?.replicas ?? defaultReplicas}`,
        status.updatedReplicas ?? 0,
        status.availableReplicas ?? 0,
        timestampSince(deployment.metadata?.creationTimestamp, now),
        names,
        images,
        // labels.Selector.String(): empty for an empty selector, not <none>.
        selectorString(deployment.spec?.selector) ?? '<invalid>',
      ],
    };
  },
};

/** ReplicaSet: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR. */
export const replicaSetPrinter: Printer = {
  columns: [
    nameColumn,
    integer('Desired', 'extensions/v1beta1 ReplicaSetSpec.replicas'),
    integer('Current', 'extensions/v1beta1 ReplicaSetStatus.replicas'),
    integer('Ready', 'extensions/v1beta1 ReplicaSetStatus.readyReplicas'),
    ageColumn,
    containersColumn,
    imagesColumn,
    text('Selector', 'extensions/v1beta1 ReplicaSetSpec.selector', 1),
  ],
  print(object, { now }) {
    const rs = object as ReplicaSet;
    const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(rs),
        rs.spec?.replicas ?? defaultReplicas,
        rs.status?.replicas ?? 0,
        rs.status?.readyReplicas ?? 0,
        timestampSince(rs.metadata?.creationTimestamp, now),
        names,
        images,
        formatLabelSelector(rs.spec?.selector),
      ],
    };
  },
};

/** ReplicationController: the ReplicaSet columns with its map selector. */
export const replicationControllerPrinter: Printer = {
  columns: [
    nameColumn,
    integer('Desired', 'core/v1 ReplicationControllerSpec.replicas'),
    integer('Current', 'core/v1 ReplicationControllerStatus.replicas'),
    integer('Ready', 'core/v1 ReplicationControllerStatus.readyReplicas'),
    ageColumn,
    containersColumn,
    imagesColumn,
    text('Selector', 'core/v1 ReplicationControllerSpec.selector', 1),
  ],
  print(object, { now }) {
    const rc = object as ReplicationController;
    const [names, images] = containerCells(rc.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(rc),
        rc.spec?.replicas ?? defaultReplicas,
        rc.status?.replicas ?? 0,
        rc.status?.readyReplicas ?? 0,
        timestampSince(rc.metadata?.creationTimestamp, now),
        names,
        images,
        formatLabels(rc.spec?.selector),
      ],
    };
  },
};

/** StatefulSet: NAME READY AGE, wide CONTAINERS IMAGES (no selector column). */
export const statefulSetPrinter: Printer = {
  columns: [nameColumn, text('Ready', { text: 'Number of the pod with ready state' }), ageColumn, containersColumn, imagesColumn],
  print(object, { now }) {
    const sts = object as StatefulSet;
    const [names, images] = containerCells(sts.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(sts),
        `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? defaultReplicas}`,
        timestampSince(sts.metadata?.creationTimestamp, now),
        names,
        images,
      ],
    };
  },
};

/** DaemonSet: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, wide CONTAINERS IMAGES SELECTOR. */
export const daemonSetPrinter: Printer = {
  columns: [
    nameColumn,
    integer('Desired', 'extensions/v1beta1 DaemonSetStatus.desiredNumberScheduled'),
    integer('Current', 'extensions/v1beta1 DaemonSetStatus.currentNumberScheduled'),
    integer('Ready', 'extensions/v1beta1 DaemonSetStatus.numberReady'),
    integer('Up-to-date', 'extensions/v1beta1 DaemonSetStatus.updatedNumberScheduled'),
    integer('Available', 'extensions/v1beta1 DaemonSetStatus.numberAvailable'),
    text('Node Selector', 'core/v1 PodSpec.nodeSelector'),
    ageColumn,
    containersColumn,
    imagesColumn,
    text('Selector', 'extensions/v1beta1 DaemonSetSpec.selector', 1),
  ],
  print(object, { now }) {
    const ds = object as DaemonSet;
    const status = ds.status;
    const [names, images] = containerCells(ds.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(ds),
        status?.desiredNumberScheduled ?? 0,
        status?.currentNumberScheduled ?? 0,
        status?.numberReady ?? 0,
        status?.updatedNumberScheduled ?? 0,
        status?.numberAvailable ?? 0,
        formatLabels(ds.spec?.template?.spec?.nodeSelector),
        timestampSince(ds.metadata?.creationTimestamp, now),
        names,
        images,
        formatLabelSelector(ds.spec?.selector),
      ],
    };
  },
};

/** hasJobCondition: the status of the first condition of that type is True. */
function hasJobCondition(conditions: JobCondition[] | undefined, type: string): boolean {
  return conditions?.find((c) => c.type === type)?.status === 'True';
}

/** The Job STATUS cell of v1.32: Complete, Failed, Terminating, Suspended, FailureTarget or Running, first match wins. */
export function jobStatus(job: Job): string {
  const conditions = job.status?.conditions;
  if (hasJobCondition(conditions, 'Complete')) return 'Complete';
  if (hasJobCondition(conditions, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (hasJobCondition(conditions, 'Suspended')) return 'Suspended';
  if (hasJobCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** The COMPLETIONS cell: `1/3`, or `0/1 of 4` for a work queue with parallelism 4. */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions !== undefined && job.spec.completions !== null) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** The DURATION cell: empty before the job starts, running time while it runs, total time once done. */
export function jobDuration(job: Job, now: number): string {
  const start = parseTimestamp(job.status?.startTime);
  if (start === undefined) return '';
  const end = parseTimestamp(job.status?.completionTime);
  return humanDuration((end ?? now) - start);
}

/** Job: NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES SELECTOR. */
export const jobPrinter: Printer = {
  columns: [
    nameColumn,
    text('Status', { text: 'Status of the job.' }),
    text('Completions', 'batch/v1 JobStatus.succeeded'),
    text('Duration', { text: 'Time required to complete the job.' }),
    ageColumn,
    containersColumn,
    imagesColumn,
    text('Selector', 'batch/v1 JobSpec.selector', 1),
  ],
  print(object, { now }) {
    const job = object as Job;
    const [names, images] = containerCells(job.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(job),
        jobStatus(job),
        jobCompletions(job),
        jobDuration(job, now),
        timestampSince(job.metadata?.creationTimestamp, now),
        names,
        images,
        formatLabelSelector(job.spec?.selector),
      ],
    };
  },
};

/** CronJob: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, wide CONTAINERS IMAGES SELECTOR. */
export const cronJobPrinter: Printer = {
  columns: [
    nameColumn,
    text('Schedule', 'batch/v1beta1 CronJobSpec.schedule'),
    text('Timezone', 'batch/v1beta1 CronJobSpec.timeZone'),
    column('Suspend', 'boolean', 'batch/v1beta1 CronJobSpec.suspend'),
    integer('Active', 'batch/v1beta1 CronJobStatus.active'),
    text('Last Schedule', 'batch/v1beta1 CronJobStatus.lastScheduleTime'),
    ageColumn,
    containersColumn,
    imagesColumn,
    text('Selector', 'batch/v1 JobSpec.selector', 1),
  ],
  print(object, { now }) {
    const cronJob = object as CronJob;
    const spec = cronJob.spec;
    const suspend = spec?.suspend;
    const [names, images] = containerCells(spec?.jobTemplate?.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(cronJob),
        spec?.schedule ?? '',
        spec?.timeZone ?? '<none>',
        // printBoolPtr: a string cell under a boolean column.
        suspend === undefined || suspend === null ? '<unset>' : suspend ? 'True' : 'False',
        (cronJob.status?.active ?? []).length,
        cronJob.status?.lastScheduleTime ? timestampSince(cronJob.status.lastScheduleTime, now) : '<none>',
        timestampSince(cronJob.metadata?.creationTimestamp, now),
        names,
        images,
        formatLabelSelector(spec?.jobTemplate?.spec?.selector),
      ],
    };
  },
};

/** `lower(Kind.group)/name` of the controlling owner, e.g. `statefulset.apps/db`; `<none>` without one. */
export function controllerOf(revision: ControllerRevision): string {
  const owner = revision.metadata?.ownerReferences?.find((ref) => ref.controller);
  if (!owner) return '<none>';
  const slash = owner.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : owner.apiVersion.slice(0, slash);
  if (!group && !owner.kind) return owner.name;
  return `${(group ? `${owner.kind}.${group}` : owner.kind).toLowerCase()}/${owner.name}`;
}

/** ControllerRevision: NAME CONTROLLER REVISION AGE. */
export const controllerRevisionPrinter: Printer = {
  columns: [
    nameColumn,
    text('Controller', { text: 'Controller of the object' }),
    text('Revision', 'apps/v1beta1 ControllerRevision.revision'),
    ageColumn,
  ],
  print(object, { now }) {
    const revision = object as unknown as ControllerRevision;
    return {
      cells: [nameOf(revision), controllerOf(revision), revision.revision ?? 0, timestampSince(revision.metadata?.creationTimestamp, now)],
    };
  },
};

/** PodTemplate: NAME CONTAINERS IMAGES POD LABELS (no AGE). */
export const podTemplatePrinter: Printer = {
  columns: [
    nameColumn,
    text('Containers', { text: 'Names of each container in the template.' }),
    text('Images', { text: 'Images referenced by each container in the template.' }),
    text('Pod Labels', { text: 'The labels for the pod template.' }),
  ],
  print(object) {
    const template = object as PodTemplate;
    const [names, images] = containerCells(template.template?.spec?.containers);
    return { cells: [nameOf(template), names, images, formatLabels(template.template?.metadata?.labels)] };
  },
};
