/**
 * Shared by the Job and CronJob tests: a Job manifest builder and `finishPods`, which stands in
 * for a kubelet (none runs in these unit tests) by writing a terminal pod status through
 * `PATCH /api/v1/namespaces/NS/pods/NAME/status`, as the kubelet's status manager would.
 */
import { rfc3339 } from '../../clock.ts';
import type { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../api/types.ts';
import { ok, pods } from '../replicaset/test-helpers.ts';

/** The docs' `pi` Job, with busybox standing in for perl (see README.md). */
export function piJob(extra: Record<string, unknown> = {}, name = 'pi'): KubeObject {
  return {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name },
    spec: {
      template: { spec: { containers: [{ name: 'pi', image: 'busybox', command: ['sh', '-c', 'echo hi; exit 0'] }], restartPolicy: 'Never' } },
      backoffLimit: 4,
      ...extra,
    },
  };
}

/**
 * Make the active pods matching `labelSelector` finish now with `exitCode` (0: Succeeded,
 * otherwise Failed), as a kubelet reports a container that ran and exited. Returns their names.
 */
export function finishPods(cluster: Cluster, labelSelector: string, exitCode = 0, limit = Infinity, namespace = 'default'): string[] {
  const now = rfc3339(cluster.now());
  const finished: string[] = [];
  for (const pod of pods(cluster, labelSelector, namespace)) {
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (pod.metadata.deletionTimestamp || phase === 'Succeeded' || phase === 'Failed' || finished.length >= limit) continue;
    const containers = ((pod.spec as { containers?: { name: string; image: string }[] }).containers ?? []);
    ok(cluster, {
      method: 'PATCH',
      path: `/api/v1/namespaces/${namespace}/pods/${pod.metadata.name}/status`,
      headers: { 'content-type': 'application/merge-patch+json' },
      body: {
        status: {
          phase: exitCode === 0 ? 'Succeeded' : 'Failed',
          conditions: [{ type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: now, reason: 'PodCompleted' }],
          containerStatuses: containers.map((c) => ({
            name: c.name, image: c.image, imageID: '', ready: false, restartCount: 0, started: false,
            state: { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: now, finishedAt: now } },
          })),
        },
      },
    });
    finished.push(pod.metadata.name!);
  }
  return finished;
}
