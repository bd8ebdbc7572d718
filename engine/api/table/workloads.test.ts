import { describe, expect, it } from 'vitest';
import { horizontalPodAutoscalerPrinter, podDisruptionBudgetPrinter } from './autoscaling.ts';
import type { Printer } from './types.ts';
import { ago, makeObject, now } from './test-builders.ts';
import {
  controllerRevisionPrinter, cronJobPrinter, daemonSetPrinter, deploymentPrinter, jobPrinter, podTemplatePrinter,
  replicaSetPrinter, replicationControllerPrinter, statefulSetPrinter,
} from './workloads.ts';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] } };
const selector = { matchLabels: { app: 'web', tier: 'front' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] };

const cases: Array<[string, Printer, ReturnType<typeof makeObject>, unknown[]]> = [
  ['Deployment', deploymentPrinter,
    makeObject('apps/v1', 'Deployment', 'web', { spec: { replicas: 3, selector, template }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } }, 3 * 3600 + 300),
    ['web', '2/3', 3, 2, '3h5m', 'nginx,log', 'nginx:1.27,busybox', 'app=web,env in (dev,prod),tier=front']],
  ['Deployment with an empty selector and no status', deploymentPrinter,
    makeObject('apps/v1', 'Deployment', 'web', { spec: { replicas: 1, selector: {}, template } }),
    ['web', '0/1', 0, 0, '5m', 'nginx,log', 'nginx:1.27,busybox', '']],
  ['Deployment with a selector the API would reject', deploymentPrinter,
    makeObject('apps/v1', 'Deployment', 'web', { spec: { replicas: 1, selector: { matchExpressions: [{ key: 'a', operator: 'Foo' }] }, template } }),
    ['web', '0/1', 0, 0, '5m', 'nginx,log', 'nginx:1.27,busybox', '<invalid>']],
  ['ReplicaSet', replicaSetPrinter,
    makeObject('apps/v1', 'ReplicaSet', 'web-7d4b9c8f5', { spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c8f5' } }, template }, status: { replicas: 3, readyReplicas: 3 } }),
    ['web-7d4b9c8f5', 3, 3, 3, '5m', 'nginx,log', 'nginx:1.27,busybox', 'app=web,pod-template-hash=7d4b9c8f5']],
  ['ReplicaSet scaled to zero', replicaSetPrinter,
    makeObject('apps/v1', 'ReplicaSet', 'web-old', { spec: { replicas: 0, selector: {}, template }, status: { replicas: 0 } }, 2 * 86400),
    ['web-old', 0, 0, 0, '2d', 'nginx,log', 'nginx:1.27,busybox', '<none>']],
  ['ReplicationController', replicationControllerPrinter,
    makeObject('v1', 'ReplicationController', 'rc', { spec: { replicas: 2, selector: { tier: 'a', app: 'x' }, template }, status: { replicas: 2, readyReplicas: 1 } }),
    ['rc', 2, 2, 1, '5m', 'nginx,log', 'nginx:1.27,busybox', 'app=x,tier=a']],
  ['StatefulSet', statefulSetPrinter,
    makeObject('apps/v1', 'StatefulSet', 'db', { spec: { replicas: 3, selector, template }, status: { readyReplicas: 1 } }, 47 * 3600),
    ['db', '1/3', '47h', 'nginx,log', 'nginx:1.27,busybox']],
  ['DaemonSet', daemonSetPrinter,
    makeObject('apps/v1', 'DaemonSet', 'fluentd', {
      spec: { selector: { matchLabels: { name: 'fluentd' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'fluentd', image: 'fluentd:v1' }] } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
    }),
    ['fluentd', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '5m', 'fluentd', 'fluentd:v1', 'name=fluentd']],
  ['DaemonSet without node selector', daemonSetPrinter,
    makeObject('apps/v1', 'DaemonSet', 'proxy', { spec: { selector: { matchLabels: { k: 'v' } }, template: { spec: { containers: [] } } }, status: {} }),
    ['proxy', 0, 0, 0, 0, 0, '<none>', '5m', '', '', 'k=v']],
  ['Job running', jobPrinter,
    makeObject('batch/v1', 'Job', 'pi', { spec: { completions: 1, parallelism: 1, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } }, template }, status: { startTime: ago(65), active: 1 } }),
    ['pi', 'Running', '0/1', '65s', '5m', 'nginx,log', 'nginx:1.27,busybox', 'batch.kubernetes.io/controller-uid=abc']],
  ['Job complete', jobPrinter,
    makeObject('batch/v1', 'Job', 'pi', { spec: { completions: 3, template }, status: { startTime: ago(200), completionTime: ago(50), succeeded: 3, conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }] } }),
    ['pi', 'Complete', '3/3', '2m30s', '5m', 'nginx,log', 'nginx:1.27,busybox', '<none>']],
  ['Job failed', jobPrinter,
    makeObject('batch/v1', 'Job', 'pi', { spec: { completions: 1, template }, status: { startTime: ago(100), conditions: [{ type: 'FailureTarget', status: 'True' }, { type: 'Failed', status: 'True' }] } }),
    ['pi', 'Failed', '0/1', '100s', '5m', 'nginx,log', 'nginx:1.27,busybox', '<none>']],
  ['Job suspended, not started', jobPrinter,
    makeObject('batch/v1', 'Job', 'q', { spec: { parallelism: 4, template, suspend: true }, status: { conditions: [{ type: 'Suspended', status: 'True' }] } }),
    ['q', 'Suspended', '0/1 of 4', '', '5m', 'nginx,log', 'nginx:1.27,busybox', '<none>']],
  ['Job failure target', jobPrinter,
    makeObject('batch/v1', 'Job', 'q', { spec: { completions: 2, template }, status: { succeeded: 1, conditions: [{ type: 'FailureTarget', status: 'True' }] } }),
    ['q', 'FailureTarget', '1/2', '', '5m', 'nginx,log', 'nginx:1.27,busybox', '<none>']],
  ['CronJob', cronJobPrinter,
    makeObject('batch/v1', 'CronJob', 'hello', { spec: { schedule: '*/1 * * * *', suspend: false, jobTemplate: { spec: { template } } }, status: { active: [{ name: 'hello-1' }], lastScheduleTime: ago(30) } }),
    ['hello', '*/1 * * * *', '<none>', 'False', 1, '30s', '5m', 'nginx,log', 'nginx:1.27,busybox', '<none>']],
  ['CronJob never scheduled, time zone, suspend unset', cronJobPrinter,
    makeObject('batch/v1', 'CronJob', 'nightly', { spec: { schedule: '0 2 * * *', timeZone: 'Etc/UTC', jobTemplate: { spec: { template } } } }),
    ['nightly', '0 2 * * *', 'Etc/UTC', '<unset>', 0, '<none>', '5m', 'nginx,log', 'nginx:1.27,busybox', '<none>']],
  ['ControllerRevision', controllerRevisionPrinter,
    { ...makeObject('apps/v1', 'ControllerRevision', 'db-5d8f7c9b6'), metadata: { name: 'db-5d8f7c9b6', creationTimestamp: ago(60), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u', controller: true }] }, revision: 2 },
    ['db-5d8f7c9b6', 'statefulset.apps/db', 2, '60s']],
  ['ControllerRevision without controller', controllerRevisionPrinter,
    makeObject('apps/v1', 'ControllerRevision', 'orphan', { revision: 1 }),
    ['orphan', '<none>', 1, '5m']],
  ['PodTemplate', podTemplatePrinter,
    makeObject('v1', 'PodTemplate', 'tpl', { template }),
    ['tpl', 'nginx,log', 'nginx:1.27,busybox', 'app=web']],
  ['HPA v2 with utilization', horizontalPodAutoscalerPrinter,
    makeObject('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', {
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
      status: { currentReplicas: 3, desiredReplicas: 3, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 12, averageValue: '60m' } } }] },
    }),
    ['web', 'Deployment/web', 'cpu: 12%/50%', '1', 10, 3, '5m']],
  ['HPA v2 before metrics arrive', horizontalPodAutoscalerPrinter,
    makeObject('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', {
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
      status: { currentReplicas: 0, desiredReplicas: 0 },
    }),
    ['web', 'Deployment/web', 'cpu: <unknown>/80%', '1', 10, 0, '5m']],
  ['HPA v2 with three metrics', horizontalPodAutoscalerPrinter,
    makeObject('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', {
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 5,
        metrics: [
          { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '200Mi' } } },
          { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } },
          { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'Value', value: '30' } } },
        ],
      },
      status: { currentReplicas: 2, currentMetrics: [{ type: 'Resource', resource: { name: 'memory', current: { averageValue: '100Mi' } } }] },
    }),
    ['web', 'Deployment/web', 'memory: 100Mi/200Mi, <unknown>/10 + 1 more...', '<unset>', 5, 2, '5m']],
  ['HPA v1', horizontalPodAutoscalerPrinter,
    makeObject('autoscaling/v1', 'HorizontalPodAutoscaler', 'php', { spec: { scaleTargetRef: { kind: 'Deployment', name: 'php' }, minReplicas: 1, maxReplicas: 10, targetCPUUtilizationPercentage: 50 }, status: { currentReplicas: 1, currentCPUUtilizationPercentage: 0 } }),
    ['php', 'Deployment/php', 'cpu: 0%/50%', '1', 10, 1, '5m']],
  ['PDB', podDisruptionBudgetPrinter,
    makeObject('policy/v1', 'PodDisruptionBudget', 'web', { spec: { minAvailable: 2 }, status: { disruptionsAllowed: 1 } }),
    ['web', '2', 'N/A', 1, '5m']],
  ['PDB with a percentage', podDisruptionBudgetPrinter,
    makeObject('policy/v1', 'PodDisruptionBudget', 'db', { spec: { maxUnavailable: '50%' } }),
    ['db', 'N/A', '50%', 0, '5m']],
];

describe('workload printers', () => {
  it.each(cases)('%s', (_, printer, object, expected) => {
    const { cells } = printer.print(object, { now });
    expect(cells).toEqual(expected);
    expect(cells).toHaveLength(printer.columns.length);
  });

  it('declares the upstream columns', () => {
    const names = (printer: Printer) => printer.columns.map((c) => `${c.name}:${c.type}:${c.priority}`).join(' ');
    expect(names(deploymentPrinter)).toBe('Name:string:0 Ready:string:0 Up-to-date:string:0 Available:string:0 Age:string:0 Containers:string:1 Images:string:1 Selector:string:1');
    expect(names(jobPrinter)).toBe('Name:string:0 Status:string:0 Completions:string:0 Duration:string:0 Age:string:0 Containers:string:1 Images:string:1 Selector:string:1');
    expect(names(cronJobPrinter)).toBe('Name:string:0 Schedule:string:0 Timezone:string:0 Suspend:boolean:0 Active:integer:0 Last Schedule:string:0 Age:string:0 Containers:string:1 Images:string:1 Selector:string:1');
    expect(names(daemonSetPrinter)).toBe('Name:string:0 Desired:integer:0 Current:integer:0 Ready:integer:0 Up-to-date:integer:0 Available:integer:0 Node Selector:string:0 Age:string:0 Containers:string:1 Images:string:1 Selector:string:1');
    expect(names(horizontalPodAutoscalerPrinter)).toBe('Name:string:0 Reference:string:0 Targets:string:0 MinPods:string:0 MaxPods:string:0 Replicas:string:0 Age:string:0');
    expect(deploymentPrinter.columns[2].description).toBe('Total number of non-terminated pods targeted by this deployment that have the desired template spec.');
  });
});
