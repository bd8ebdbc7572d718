import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { Cluster } from '../../cluster.ts';
import { installMetricsServer, removeMetricsServer } from '../../metrics/test-helpers.ts';
import { HorizontalPodAutoscalerController } from './hpa.ts';

const deployment = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'php-apache', namespace: 'default' },
  spec: {
    selector: { matchLabels: { run: 'php-apache' } },
    template: {
      metadata: { labels: { run: 'php-apache' } },
      spec: { containers: [{ name: 'php-apache', image: 'registry.k8s.io/hpa-example', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '500m' }, requests: { cpu: '200m' } } }] },
    },
  },
};

const hpa = {
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'php-apache', namespace: 'default' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, minReplicas: 1, maxReplicas: 10,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
  },
};

function setup(): Cluster {
  const cluster = new Cluster({ seed: 7, omitControllers: ['horizontal-pod-autoscaler'] });
  installMetricsServer(cluster);
  cluster.controllers.add(new HorizontalPodAutoscalerController(cluster.api.context.registry));
  cluster.handle({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment });
  cluster.advance(30_000);
  return cluster;
}

function get(cluster: Cluster, path: string): KubeObject {
  return cluster.handle({ method: 'GET', path }).body as KubeObject;
}

const hpaPath = '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/php-apache';

/** The HPA's events, oldest first: reason and message. */
function hpaEvents(cluster: Cluster): string[] {
  const events = (get(cluster, '/api/v1/namespaces/default/events').items as KubeObject[])
    .filter((e) => (e.involvedObject as { kind: string }).kind === 'HorizontalPodAutoscaler')
    .sort((a, b) => String(a.lastTimestamp).localeCompare(String(b.lastTimestamp)));
  return events.map((e) => `${String(e.type)} ${String(e.reason)} x${String(e.count)}: ${String(e.message)}`);
}

/** A Service in front of the pods: `rate` requests a second, spread over the Running pods in turn. */
function load(cluster: Cluster, seconds: number, rate: number): void {
  let next = 0;
  for (let s = 0; s < seconds; s++) {
    const pods = (get(cluster, '/api/v1/namespaces/default/pods').items as KubeObject[])
      .filter((p) => (p.status as { phase?: string }).phase === 'Running' && !p.metadata.deletionTimestamp)
      .map((p) => (p.status as { podIP: string }).podIP);
    for (let i = 0; i < rate && pods.length; i++) {
      cluster.kubelets.httpGet({ ip: pods[next++ % pods.length], port: 80, path: '/', client: '10.244.2.7', userAgent: 'Wget' });
    }
    cluster.advance(1000);
  }
}

const create = (cluster: Cluster, body: unknown): void => {
  cluster.handle({ method: 'POST', path: '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers', body });
};
const replicas = (cluster: Cluster): number => (get(cluster, '/apis/apps/v1/namespaces/default/deployments/php-apache').spec as { replicas: number }).replicas;
const condition = (type: string, status: string, lastTransitionTime: string, reason: string, message: string): unknown => ({ type, status, lastTransitionTime, reason, message });
const utilization = 'cpu resource utilization (percentage of request)';

describe('HorizontalPodAutoscaler controller', () => {
  test('the php-apache walkthrough: scales up under load, back down 5 minutes after it stops', () => {
    const cluster = setup();
    create(cluster, hpa);
    load(cluster, 240, 35); // 35 requests/s × 20 ms of CPU each = 700m: 7 pods at 50% of 200m
    expect(hpaEvents(cluster)).toEqual([
      `Normal SuccessfulRescale x1: New size: 4; reason: ${utilization} above target`,
      // The second step comes from the 5 recommended before (then limited to 4), not from this sync's metrics,
      // which is why kube-controller-manager gives no reason.
      'Normal SuccessfulRescale x1: New size: 5; reason: ',
      `Normal SuccessfulRescale x1: New size: 6; reason: ${utilization} above target`,
      `Normal SuccessfulRescale x1: New size: 7; reason: ${utilization} above target`,
    ]);
    expect(get(cluster, hpaPath).status).toEqual({
      lastScaleTime: '2026-01-01T00:01:45Z',
      currentReplicas: 7,
      desiredReplicas: 7,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '101m', averageUtilization: 50 } } }],
      conditions: [
        condition('AbleToScale', 'True', '2026-01-01T00:00:45Z', 'ReadyForNewScale', 'recommended size matches current size'),
        condition('ScalingActive', 'True', '2026-01-01T00:00:45Z', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${utilization}`),
        condition('ScalingLimited', 'False', '2026-01-01T00:01:00Z', 'DesiredWithinRange', 'the desired count is within the acceptable range'),
      ],
    });
    // Load stops at 00:04:30; the last high recommendation is from 00:04:45. The 5-minute window holds until 00:09:45.
    cluster.advance(300_000);
    expect(replicas(cluster)).toBe(7);
    cluster.advance(15_000);
    expect(replicas(cluster)).toBe(1);
    expect(hpaEvents(cluster).at(-1)).toBe('Normal SuccessfulRescale x1: New size: 1; reason: All metrics below target');
    const status = get(cluster, hpaPath).status as { lastScaleTime: string; conditions: unknown[] };
    expect(status.lastScaleTime).toBe('2026-01-01T00:09:45Z');
    expect(status.conditions[2]).toEqual(condition('ScalingLimited', 'True', '2026-01-01T00:09:45Z', 'TooFewReplicas', 'the desired replica count is less than the minimum replica count'));
  });

  test('without metrics-server, and with a missing target', () => {
    const cluster = new Cluster({ seed: 7, omitControllers: ['horizontal-pod-autoscaler'] });
    removeMetricsServer(cluster);
    cluster.controllers.add(new HorizontalPodAutoscalerController(cluster.api.context.registry));
    cluster.handle({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment });
    create(cluster, hpa);
    create(cluster, { ...hpa, metadata: { name: 'nope', namespace: 'default' }, spec: { ...hpa.spec, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nope' } } });
    cluster.advance(14_000);
    expect(hpaEvents(cluster)).toEqual([]); // the first sync comes one period after the HPA appears
    cluster.advance(17_000);
    const unavailable = 'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server is currently unable to handle the request (get pods.metrics.k8s.io)';
    expect(hpaEvents(cluster)).toEqual([
      'Warning FailedGetScale x2: deployments.apps "nope" not found',
      `Warning FailedGetResourceMetric x2: ${unavailable}`,
      `Warning FailedComputeMetricsReplicas x2: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${unavailable}`,
    ]);
    expect(get(cluster, hpaPath).status).toEqual({
      currentReplicas: 1,
      desiredReplicas: 0,
      currentMetrics: [{ type: '' }],
      conditions: [
        condition('AbleToScale', 'True', '2026-01-01T00:00:15Z', 'SucceededGetScale', "the HPA controller was able to get the target's current scale"),
        condition('ScalingActive', 'False', '2026-01-01T00:00:15Z', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: ${unavailable}`),
      ],
    });
    expect((get(cluster, hpaPath.replace('php-apache', 'nope')).status as { conditions: unknown[] }).conditions).toEqual([
      condition('AbleToScale', 'False', '2026-01-01T00:00:15Z', 'FailedGetScale', 'the HPA controller was unable to get the target\'s current scale: deployments.apps "nope" not found'),
    ]);
  });

  test('with behavior (default policies) and an AverageValue target: 1 → 5 → 10', () => {
    const cluster = setup();
    create(cluster, { ...hpa, spec: { ...hpa.spec, behavior: {}, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '100m' } } }] } });
    expect((get(cluster, hpaPath).spec as { behavior: unknown }).behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
    load(cluster, 120, 50);
    // At 1 replica the policies allow 1 + 4 = 5 (Pods) or 2 (100%): Max takes 5. At 5, 100% allows 10.
    expect(hpaEvents(cluster)).toEqual([
      'Normal SuccessfulRescale x1: New size: 5; reason: cpu resource above target',
      'Normal SuccessfulRescale x1: New size: 10; reason: cpu resource above target',
    ]);
    expect((get(cluster, hpaPath).status as { currentMetrics: unknown }).currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '101m' } } }]);
  });

  test('a container without a cpu request', () => {
    const cluster = new Cluster({ seed: 7, omitControllers: ['horizontal-pod-autoscaler'] });
    installMetricsServer(cluster);
    cluster.controllers.add(new HorizontalPodAutoscalerController(cluster.api.context.registry));
    const container = { name: 'php-apache', image: 'registry.k8s.io/hpa-example' };
    const body = { ...deployment, spec: { ...deployment.spec, template: { ...deployment.spec.template, spec: { containers: [container] } } } };
    cluster.handle({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body });
    cluster.advance(30_000);
    create(cluster, hpa);
    cluster.advance(16_000);
    const pod = (get(cluster, '/api/v1/namespaces/default/pods').items as KubeObject[])[0].metadata.name;
    expect(hpaEvents(cluster)[0]).toBe(`Warning FailedGetResourceMetric x1: failed to get cpu utilization: missing request for cpu in container php-apache of Pod ${pod}`);
  });
});
