import { describe, expect, it } from 'vitest';
import { at, createPod, eventsOf, getPod, kubeletCluster, logsOf, makePod, podStatusOf, stateOf } from './test-helpers.ts';

const digest = expect.stringMatching(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
const containerdId = expect.stringMatching(/^containerd:\/\/[0-9a-f]{64}$/);

describe('a pod on a simulated node', () => {
  it('goes Pending → ContainerCreating → Running with the kubelet events and status of v1.32', () => {
    const { cluster } = kubeletCluster();
    createPod(cluster, makePod('web', [{ name: 'nginx', image: 'nginx:1.25' }]));
    const pending = podStatusOf(cluster, 'web');
    expect(pending.phase).toBe('Pending');
    expect(pending.containerStatuses).toEqual([{ name: 'nginx', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0, image: 'nginx:1.25', imageID: '', started: false }]);
    expect(pending.conditions.map((c) => [c.type, c.status])).toEqual([
      ['PodReadyToStartContainers', 'False'], ['Initialized', 'True'], ['Ready', 'False'], ['ContainersReady', 'False'], ['PodScheduled', 'True'],
    ]);

    cluster.advance(5_000);
    const pod = getPod(cluster, 'web')!;
    expect(pod.status).toEqual({
      phase: 'Running',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: at(1) },
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: at(0) },
        { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: at(3) },
        { type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: at(3) },
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: at(0) },
      ],
      hostIP: '172.18.0.3', hostIPs: [{ ip: '172.18.0.3' }],
      podIP: '10.244.1.2', podIPs: [{ ip: '10.244.1.2' }],
      startTime: at(0),
      containerStatuses: [{
        name: 'nginx', state: { running: { startedAt: at(3) } }, lastState: {}, ready: true, restartCount: 0,
        image: 'docker.io/library/nginx:1.25', imageID: digest, containerID: containerdId, started: true,
        volumeMounts: [{ name: expect.stringMatching(/^kube-api-access-/), mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true, recursiveReadOnly: 'Disabled' }],
      }],
      qosClass: 'BestEffort',
    });
    expect(eventsOf(cluster, 'web')).toEqual([
      ['Normal', 'Pulling', 'Pulling image "nginx:1.25"', 1],
      ['Normal', 'Pulled', 'Successfully pulled image "nginx:1.25" in 2.124s (2.124s including waiting). Image size: 72950530 bytes.', 1],
      ['Normal', 'Created', 'Created container: nginx', 1],
      ['Normal', 'Started', 'Started container nginx', 1],
    ]);
  });

  it('gives the same container IDs for the same seed, and pulls an image only once per node', () => {
    const ids = [1, 1, 2].map((seed) => {
      const { cluster } = kubeletCluster({}, seed);
      createPod(cluster, makePod('a', [{ name: 'nginx', image: 'nginx:1.25' }]));
      cluster.advance(5_000);
      createPod(cluster, makePod('b', [{ name: 'nginx', image: 'nginx:1.25' }]));
      cluster.advance(2_000);
      expect(eventsOf(cluster, 'b')[0]).toEqual(['Normal', 'Pulled', 'Container image "nginx:1.25" already present on machine', 1]);
      expect(podStatusOf(cluster, 'b').podIP).toBe('10.244.1.3');
      return podStatusOf(cluster, 'a').containerStatuses[0].containerID;
    });
    expect(ids[0]).toBe(ids[1]);
    expect(ids[0]).not.toBe(ids[2]);
  });

  it('fails to pull a tag the registry does not have: ErrImagePull, then ImagePullBackOff with 10 s, 20 s, 40 s back-off', () => {
    const { cluster } = kubeletCluster();
    createPod(cluster, makePod('bad', [{ name: 'nginx', image: 'nginx:9.9' }]));
    const error = 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:9.9": failed to resolve reference "docker.io/library/nginx:9.9": docker.io/library/nginx:9.9: not found';
    cluster.advance(1_600);
    expect(stateOf(cluster, 'bad')).toEqual({ waiting: { reason: 'ErrImagePull', message: error } });
    cluster.advance(1_000);
    expect(stateOf(cluster, 'bad')).toEqual({ waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:9.9"' } });
    expect(podStatusOf(cluster, 'bad').phase).toBe('Pending');
    expect(logsOf(cluster, 'bad')).toBe('error 400: container "nginx" in pod "bad" is waiting to start: trying and failing to pull image');
    // Pulls at 1 s, then 10 s after the first failure (1.6 s), then 20 s after the second, then 40 s.
    const pullsBy = (seconds: number): number => {
      cluster.advance(t0Offset(cluster, seconds));
      return eventsOf(cluster, 'bad').find((e) => e[1] === 'Pulling')![3];
    };
    expect(pullsBy(11.5)).toBe(1);
    expect(pullsBy(11.7)).toBe(2);
    expect(pullsBy(32.1)).toBe(2);
    expect(pullsBy(32.3)).toBe(3);
    expect(pullsBy(72.7)).toBe(3);
    expect(pullsBy(72.9)).toBe(4);
    expect(eventsOf(cluster, 'bad')).toEqual([
      ['Normal', 'Pulling', 'Pulling image "nginx:9.9"', 4],
      ['Warning', 'Failed', `Failed to pull image "nginx:9.9": ${error}`, 3],
      ['Warning', 'Failed', 'Error: ErrImagePull', 3],
      ['Normal', 'BackOff', 'Back-off pulling image "nginx:9.9"', 3],
      ['Warning', 'Failed', 'Error: ImagePullBackOff', 3],
    ]);
  });

  it('crash-loops kubelab/hello:3.0-broken: restarts at once, then after 10 s, 20 s, 40 s', () => {
    const { cluster } = kubeletCluster();
    createPod(cluster, makePod('hello', [{ name: 'hello', image: 'kubelab/hello:3.0-broken' }]));
    cluster.advance(1_600);
    // Pulled at 1.174 s, started 1.274 s, crashed 0.3 s later.
    const first = podStatusOf(cluster, 'hello').containerStatuses[0];
    expect(first.state).toEqual({ terminated: { exitCode: 1, reason: 'Error', startedAt: at(1), finishedAt: at(1), containerID: first.containerID } });
    const uid = getPod(cluster, 'hello')!.metadata.uid;
    const seen: [number, string][] = [];
    let last = '';
    for (let ms = 1_600; ms < 90_000; ms += 100) {
      cluster.advance(100);
      const status = podStatusOf(cluster, 'hello').containerStatuses[0] as { restartCount: number; state: { waiting?: { message?: string } } };
      const view = `${status.restartCount} ${status.state.waiting?.message ?? Object.keys(status.state)[0]}`;
      if (view !== last) seen.push([Math.round((cluster.now() - Date.UTC(2026, 0, 1)) / 100) / 10, (last = view)]);
    }
    const pod = `hello_default(${uid})`;
    // The first restart is immediate (at the next relist, 1 s); then 10 s, 20 s, 40 s, 80 s from each exit.
    expect(seen).toEqual([
      [1.7, '0 terminated'],
      [2.6, '1 waiting'], [2.7, '1 running'], [3, '1 terminated'],
      [4, `1 back-off 10s restarting failed container=hello pod=${pod}`],
      [13, '2 waiting'], [13.1, '2 running'], [13.4, '2 terminated'],
      [14.4, `2 back-off 20s restarting failed container=hello pod=${pod}`],
      [33.4, '3 waiting'], [33.5, '3 running'], [33.8, '3 terminated'],
      [34.8, `3 back-off 40s restarting failed container=hello pod=${pod}`],
      [73.8, '4 waiting'], [73.9, '4 running'], [74.2, '4 terminated'],
      [75.2, `4 back-off 1m20s restarting failed container=hello pod=${pod}`],
    ]);
    expect(podStatusOf(cluster, 'hello').phase).toBe('Running');
    expect(eventsOf(cluster, 'hello').filter((e) => e[1] === 'BackOff')).toEqual([
      ['Warning', 'BackOff', `Back-off restarting failed container hello in pod ${pod}`, 4],
    ]);
    expect(logsOf(cluster, 'hello', { previous: 'true' })).toBe('kubelab/hello 3.0-broken starting\npanic: open /etc/hello/config.yaml: no such file or directory\n');
  });
});

/** How far to advance so that virtual time is `seconds` after the start. */
function t0Offset(cluster: { now(): number }, seconds: number): number {
  return Date.UTC(2026, 0, 1) + seconds * 1000 - cluster.now();
}

describe('placing pods and nodes', () => {
  it('starts a pod bound through the binding subresource, and one on a node added later', () => {
    const { cluster, kubelets } = kubeletCluster();
    const unbound = makePod('bound', [{ name: 'app', image: 'kubelab/hello:1.0' }]);
    delete (unbound.spec as { nodeName?: string }).nodeName;
    createPod(cluster, unbound);
    cluster.advance(5_000);
    expect(podStatusOf(cluster, 'bound')).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-3' } };
    expect(cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods/bound/binding', body: binding }).status).toBe(201);
    cluster.advance(5_000);
    expect(podStatusOf(cluster, 'bound')).toMatchObject({ phase: 'Running', podIP: '10.244.3.2' });
    expect(logsOf(cluster, 'bound')).toBe('kubelab/hello 1.0 listening on :8080\n');
    expect(kubelets.httpGet({ ip: '10.244.3.2', port: 8080, path: '/', client: '10.244.1.7', userAgent: 'Wget' })).toEqual({ status: 200, body: 'Hello from kubelab/hello 1.0 on bound\n' });
    expect(kubelets.httpGet({ ip: '10.244.3.2', port: 80, path: '/', client: '10.244.1.7', userAgent: 'Wget' })).toEqual({ error: 'dial tcp 10.244.3.2:80: connect: connection refused' });

    kubelets.addNode({ name: 'node-4', cpu: 8, memory: '16Gi', labels: { disktype: 'ssd' }, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    cluster.settle();
    const node = cluster.handle({ method: 'GET', path: '/api/v1/nodes/node-4' }).body as { metadata: { labels: Record<string, string> }; spec: Record<string, unknown>; status: { capacity: Record<string, string> } };
    expect(node.metadata.labels.disktype).toBe('ssd');
    expect(node.spec).toEqual({ podCIDR: '10.244.4.0/24', podCIDRs: ['10.244.4.0/24'], providerID: 'kind://docker/kind/node-4', taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    expect(node.status.capacity).toMatchObject({ cpu: '8', memory: '16Gi', pods: '110' });
    createPod(cluster, makePod('late', [{ name: 'app', image: 'registry.k8s.io/pause:3.10' }], {}, 'node-4'));
    cluster.advance(3_000);
    expect(eventsOf(cluster, 'late')[0]).toEqual(['Normal', 'Pulled', 'Container image "registry.k8s.io/pause:3.10" already present on machine', 1]);
    expect(podStatusOf(cluster, 'late').phase).toBe('Running');
  });

  it('holds liveness and readiness until a startup probe succeeds, and runs an unknown image as a generic server', () => {
    const { cluster } = kubeletCluster();
    createPod(cluster, makePod('shop', [{
      name: 'shop', image: 'ghcr.io/acme/shop:1.4', ports: [{ name: 'http', containerPort: 3000 }],
      startupProbe: { tcpSocket: { port: 'http' }, periodSeconds: 2 },
      readinessProbe: { tcpSocket: { port: 3001 } },
    }]));
    cluster.advance(10_000);
    const status = podStatusOf(cluster, 'shop');
    expect(status.containerStatuses[0]).toMatchObject({ image: 'ghcr.io/acme/shop:1.4', started: true, ready: false });
    expect(eventsOf(cluster, 'shop').filter((e) => e[1] === 'Unhealthy')).toEqual([
      ['Warning', 'Unhealthy', 'Readiness probe failed: dial tcp 10.244.1.2:3001: connect: connection refused', 1],
    ]);
  });

  it('answers on a pod IP through its index: hostNetwork pods share the node IP, a deleted pod leaves no route', () => {
    const { cluster, kubelets } = kubeletCluster();
    const host = { hostNetwork: true };
    createPod(cluster, makePod('quiet', [{ name: 'app', image: 'registry.k8s.io/pause:3.10' }], host));
    createPod(cluster, makePod('hello', [{ name: 'app', image: 'kubelab/hello:1.0' }], host));
    createPod(cluster, makePod('own', [{ name: 'app', image: 'kubelab/hello:1.0' }]));
    cluster.advance(10_000);
    const nodeIP = (podStatusOf(cluster, 'hello') as unknown as { podIP: string }).podIP;
    const ownIP = (podStatusOf(cluster, 'own') as unknown as { podIP: string }).podIP;
    const get = (ip: string, port = 8080): unknown => kubelets.httpGet({ ip, port, path: '/', client: '10.244.2.9', userAgent: 'Wget' });
    expect([get(nodeIP), get(nodeIP, 9)]).toEqual([
      { status: 200, body: 'Hello from kubelab/hello 1.0 on hello\n' },
      { error: `dial tcp ${nodeIP}:9: connect: connection refused` },
    ]);
    expect(get(ownIP)).toEqual({ status: 200, body: 'Hello from kubelab/hello 1.0 on own\n' });
    cluster.handle({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/own', body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 } });
    cluster.advance(5_000);
    expect(get(ownIP)).toEqual({ error: `dial tcp ${ownIP}:8080: connect: no route to host` });
  });
});
