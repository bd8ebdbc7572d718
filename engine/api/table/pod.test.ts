import { describe, expect, it } from 'vitest';
import { podPrinter } from './pod.ts';
import { makePod, now, restarted, running, terminated, waiting } from './test-builders.ts';

const print = (pod: ReturnType<ReturnType<typeof makePod>['build']>) => podPrinter.print(pod, { now });

describe('Pod READY / STATUS / RESTARTS', () => {
  it.each([
    ['pending with no statuses', makePod('p').phase('Pending'), '0/1', 'Pending', '0'],
    ['creating', makePod('p').phase('Pending').statuses(waiting('app', 'ContainerCreating')), '0/1', 'ContainerCreating', '0'],
    ['running and ready', makePod('p').phase('Running').condition('Ready', 'True').statuses(running('app')), '1/1', 'Running', '0'],
    ['two containers, one ready', makePod('p').containers('a', 'b').phase('Running').statuses(running('a'), { ...running('b'), ready: false }), '1/2', 'Running', '0'],
    ['image pull back-off', makePod('p').phase('Pending').statuses(waiting('app', 'ImagePullBackOff')), '0/1', 'ImagePullBackOff', '0'],
    ['crash loop with restarts', makePod('p').phase('Running').statuses(restarted(waiting('app', 'CrashLoopBackOff'), 4, 65)), '0/1', 'CrashLoopBackOff', '4 (65s ago)'],
    ['restarts without a termination time', makePod('p').phase('Running').statuses(running('app', 2)), '1/1', 'Running', '2'],
    ['latest termination of all containers', makePod('p').containers('a', 'b').phase('Running').statuses(restarted(running('a'), 1, 3600), restarted(running('b'), 2, 200)), '2/2', 'Running', '3 (3m20s ago)'],
    ['completed', makePod('p').phase('Succeeded').statuses(terminated('app', 0, 'Completed')), '0/1', 'Completed', '0'],
    ['error', makePod('p').phase('Failed').statuses(terminated('app', 1, 'Error')), '0/1', 'Error', '0'],
    ['OOMKilled', makePod('p').phase('Running').statuses(terminated('app', 137, 'OOMKilled')), '0/1', 'OOMKilled', '0'],
    ['terminated by signal, no reason', makePod('p').phase('Running').statuses(terminated('app', 0, undefined, 9)), '0/1', 'Signal:9', '0'],
    ['terminated with exit code, no reason', makePod('p').phase('Running').statuses(terminated('app', 2)), '0/1', 'ExitCode:2', '0'],
    ['container status unknown', makePod('p').phase('Failed').statuses(terminated('app', 137, 'ContainerStatusUnknown')), '0/1', 'ContainerStatusUnknown', '0'],
    ['first container wins', makePod('p').containers('a', 'b').phase('Running').statuses(waiting('a', 'ErrImagePull'), waiting('b', 'ContainerCreating')), '0/2', 'ErrImagePull', '0'],
    ['completed beside running, pod ready', makePod('p').containers('a', 'b').phase('Running').condition('Ready', 'True').statuses(terminated('a', 0, 'Completed'), running('b')), '1/2', 'Running', '0'],
    ['completed beside running, pod not ready', makePod('p').containers('a', 'b').phase('Running').condition('Ready', 'False').statuses(terminated('a', 0, 'Completed'), running('b')), '1/2', 'NotReady', '0'],
    ['init 0/2', makePod('p').initContainers('i1', 'i2').phase('Pending').initStatuses(running('i1'), waiting('i2', 'PodInitializing')).statuses(waiting('app', 'PodInitializing')), '0/1', 'Init:0/2', '0'],
    ['init 1/2', makePod('p').initContainers('i1', 'i2').phase('Pending').initStatuses(terminated('i1', 0, 'Completed'), running('i2')), '0/1', 'Init:1/2', '0'],
    ['init crash loop counts init restarts', makePod('p').initContainers('i1').phase('Pending').initStatuses(restarted(waiting('i1', 'CrashLoopBackOff'), 3, 30)).statuses(restarted(waiting('app', 'PodInitializing'), 9, 10)), '0/1', 'Init:CrashLoopBackOff', '3 (30s ago)'],
    ['init error', makePod('p').initContainers('i1').phase('Pending').initStatuses(terminated('i1', 1, 'Error')), '0/1', 'Init:Error', '0'],
    ['init exit code', makePod('p').initContainers('i1').phase('Pending').initStatuses(terminated('i1', 3)), '0/1', 'Init:ExitCode:3', '0'],
    ['init signal', makePod('p').initContainers('i1').phase('Pending').initStatuses(terminated('i1', 143, undefined, 15)), '0/1', 'Init:Signal:15', '0'],
    ['init exit 0 counts as done even with a signal', makePod('p').initContainers('i1').phase('Pending').initStatuses(terminated('i1', 0, undefined, 15)), '0/1', 'Pending', '0'],
    ['init done, pod initializing', makePod('p').initContainers('i1').phase('Pending').initStatuses(terminated('i1', 0, 'Completed')).statuses(waiting('app', 'PodInitializing')), '0/1', 'PodInitializing', '0'],
    ['sidecar counted in READY', makePod('p').initContainers('log*').phase('Running').condition('Initialized', 'True').initStatuses({ ...running('log'), restartCount: 1 }).statuses(running('app')), '2/2', 'Running', '1'],
    ['sidecar not started yet', makePod('p').initContainers('log*').phase('Pending').initStatuses({ ...waiting('log', 'ContainerCreating'), started: false }), '0/2', 'Init:ContainerCreating', '0'],
    ['sidecar restarts after init', makePod('p').initContainers('setup', 'log*').phase('Running').condition('Initialized', 'True').initStatuses(restarted(terminated('setup', 0, 'Completed'), 5, 20), restarted(running('log'), 2, 100)).statuses(running('app')), '2/2', 'Running', '2 (100s ago)'],
    ['scheduling gated', makePod('p').phase('Pending').condition('PodScheduled', 'False', 'SchedulingGated'), '0/1', 'SchedulingGated', '0'],
    ['evicted', makePod('p').phase('Failed', 'Evicted'), '0/1', 'Evicted', '0'],
    ['terminating', makePod('p').phase('Running').statuses(running('app')).deleting(), '1/1', 'Terminating', '0'],
    ['deleting after success keeps Completed', makePod('p').phase('Succeeded').statuses(terminated('app', 0, 'Completed')).deleting(), '0/1', 'Completed', '0'],
    ['node lost while deleting', makePod('p').phase('Running', 'NodeLost').statuses(running('app')).deleting(), '1/1', 'Unknown', '0'],
    ['unknown phase', makePod('p').phase('Unknown'), '0/1', 'Unknown', '0'],
  ])('%s', (_, builder, ready, status, restarts) => {
    const [, readyCell, statusCell, restartsCell] = print(builder.build()).cells;
    expect([readyCell, statusCell, restartsCell]).toEqual([ready, status, restarts]);
  });
});

describe('Pod row', () => {
  it('prints every column, wide ones included, for a running pod', () => {
    const pod = makePod('web-7d4b9c8f5-x2x9z').phase('Running').on('node-1', '10.244.1.5').statuses(running('app')).condition('Ready', 'True').build();
    expect(print(pod)).toEqual({
      cells: ['web-7d4b9c8f5-x2x9z', '1/1', 'Running', '0', '5m', '10.244.1.5', 'node-1', '<none>', '<none>'],
      conditions: undefined,
    });
  });

  it('prints <none> for an unscheduled pod and counts readiness gates', () => {
    const pod = makePod('p').readinessGates('example.com/lb', 'example.com/dns').condition('example.com/lb', 'True').condition('example.com/dns', 'False').build();
    expect(print(pod).cells.slice(5)).toEqual(['<none>', '<none>', '<none>', '1/2']);
  });

  it('takes the IP from status.podIP when podIPs is missing', () => {
    const pod = makePod('p').phase('Running').build();
    (pod.status as { podIP?: string }).podIP = '10.0.0.9';
    expect(print(pod).cells[5]).toBe('10.0.0.9');
  });

  it.each([
    ['Succeeded', { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }],
    ['Failed', { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }],
  ])('marks a %s pod with the Completed row condition', (phase, condition) => {
    expect(print(makePod('p').phase(phase).build()).conditions).toEqual([condition]);
  });

  it('has the upstream column definitions', () => {
    expect(podPrinter.columns.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Status', 'string', '', 0],
      ['Restarts', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['IP', 'string', '', 1],
      ['Node', 'string', '', 1],
      ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ]);
    expect(podPrinter.columns[5].description).toBe('podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.');
  });
});
