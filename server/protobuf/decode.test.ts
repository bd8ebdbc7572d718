import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { captureKubectl } from './capture.ts';
import { ProtobufDecodeError, decodeProtobufObject, goDuration } from './decode.ts';

const hasKubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasKubectl) console.warn('server/protobuf: kubectl is not on the PATH; the real-kubectl protobuf tests are skipped');

const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, creationTimestamp: null, ...extra });

const deployment = {
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: meta('web', { labels: { app: 'web' } }),
  spec: {
    replicas: 2, selector: { matchLabels: { app: 'web' } }, strategy: {},
    template: {
      metadata: { creationTimestamp: null, labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }], resources: {} }] },
    },
  },
  status: {},
};

// What each command would have sent as JSON (the same objects `--dry-run=client -o json` prints).
const cases: Array<{ args: string[]; path: string; object: Record<string, unknown>; existing?: Record<string, unknown> }> = [
  { args: ['create', 'deployment', 'web', '--image=nginx', '--replicas=2', '--port=80'], path: '/apis/apps/v1/namespaces/default/deployments', object: deployment },
  { args: ['create', 'deployment', 'none', '--image=nginx', '--replicas=0'], path: '/apis/apps/v1/namespaces/default/deployments',
    object: { ...deployment, metadata: meta('none', { labels: { app: 'none' } }), spec: { ...deployment.spec, replicas: 0, selector: { matchLabels: { app: 'none' } },
      template: { metadata: { creationTimestamp: null, labels: { app: 'none' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } } } } },
  { args: ['create', 'namespace', 'dev'], path: '/api/v1/namespaces', object: { apiVersion: 'v1', kind: 'Namespace', metadata: meta('dev'), spec: {}, status: {} } },
  { args: ['create', 'configmap', 'cfg', '--from-literal=a=1', '--from-literal=b=two'], path: '/api/v1/namespaces/default/configmaps',
    object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cfg'), data: { a: '1', b: 'two' } } },
  { args: ['create', 'secret', 'generic', 's', '--from-literal=password=hunter2', '--type=Opaque'], path: '/api/v1/namespaces/default/secrets',
    object: { apiVersion: 'v1', kind: 'Secret', metadata: meta('s'), data: { password: 'aHVudGVyMg==' }, type: 'Opaque' } },
  { args: ['create', 'service', 'nodeport', 'np', '--tcp=80:http', '--node-port=30080'], path: '/api/v1/namespaces/default/services',
    object: { apiVersion: 'v1', kind: 'Service', metadata: meta('np', { labels: { app: 'np' } }),
      spec: { ports: [{ name: '80-http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080 }], selector: { app: 'np' }, type: 'NodePort' },
      status: { loadBalancer: {} } } },
  { args: ['create', 'service', 'clusterip', 'web', '--tcp=80:8080'], path: '/api/v1/namespaces/default/services',
    object: { apiVersion: 'v1', kind: 'Service', metadata: meta('web', { labels: { app: 'web' } }),
      spec: { ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }], selector: { app: 'web' }, type: 'ClusterIP' },
      status: { loadBalancer: {} } } },
  { args: ['create', 'cronjob', 'cj', '--image=busybox', '--schedule=*/5 * * * *', '--', 'echo', 'hi'], path: '/apis/batch/v1/namespaces/default/cronjobs',
    object: { apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('cj'),
      spec: { schedule: '*/5 * * * *', jobTemplate: { metadata: meta('cj'), spec: { template: { metadata: { creationTimestamp: null },
        spec: { containers: [{ name: 'cj', image: 'busybox', command: ['echo', 'hi'], resources: {} }], restartPolicy: 'OnFailure' } } } } },
      status: {} } },
  { args: ['create', 'clusterrole', 'agg', '--aggregation-rule=rbac.example.com/aggregate=true'], path: '/apis/rbac.authorization.k8s.io/v1/clusterroles',
    object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta('agg'), rules: null,
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate': 'true' } }] } } },
  { args: ['create', 'rolebinding', 'rb', '--role=reader', '--user=alice', '--serviceaccount=default:sa'], path: '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings',
    object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta('rb'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }, { kind: 'ServiceAccount', name: 'sa', namespace: 'default' }] } },
  { args: ['create', 'quota', 'q', '--hard=cpu=1,pods=10'], path: '/api/v1/namespaces/default/resourcequotas',
    object: { apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('q'), spec: { hard: { cpu: '1', pods: '10' } }, status: {} } },
  { args: ['create', 'pdb', 'p', '--selector=app=web', '--max-unavailable=50%'], path: '/apis/policy/v1/namespaces/default/poddisruptionbudgets',
    object: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('p'),
      spec: { maxUnavailable: '50%', selector: { matchLabels: { app: 'web' } } },
      status: { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 } } },
  { args: ['create', 'priorityclass', 'zero', '--value=0'], path: '/apis/scheduling.k8s.io/v1/priorityclasses',
    object: { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: meta('zero'), value: 0, preemptionPolicy: 'PreemptLowerPriority' } },
  { args: ['create', 'ingress', 'ing', '--class=nginx', '--rule=foo.com/bar*=svc:8080,tls=sec'], path: '/apis/networking.k8s.io/v1/namespaces/default/ingresses',
    object: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('ing'),
      spec: { ingressClassName: 'nginx', rules: [{ host: 'foo.com', http: { paths: [{ path: '/bar', pathType: 'Prefix', backend: { service: { name: 'svc', port: { number: 8080 } } } }] } }],
        tls: [{ hosts: ['foo.com'], secretName: 'sec' }] },
      status: { loadBalancer: {} } } },
  { args: ['create', 'token', 'robot', '--audience=api', '--duration=1h'], path: '/api/v1/namespaces/default/serviceaccounts/robot/token',
    object: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: { creationTimestamp: null },
      spec: { audiences: ['api'], expirationSeconds: 3600 }, status: { token: '', expirationTimestamp: null } } },
  { args: ['autoscale', 'deployment', 'web', '--min=2', '--max=5', '--cpu-percent=80'], path: '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers',
    existing: { '/apis/apps/v1/namespaces/default/deployments/web': { ...deployment, metadata: { name: 'web', namespace: 'default', uid: 'u1' } } },
    object: { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: meta('web'),
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 80 },
      status: {} } },
  { args: ['auth', 'can-i', 'get', 'pods', '--subresource=log', '-n', 'kube-system'], path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    object: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: { creationTimestamp: null },
      spec: { resourceAttributes: { namespace: 'kube-system', verb: 'get', resource: 'pods', subresource: 'log' } }, status: { allowed: false } } },
];

describe.skipIf(!hasKubectl)('decodeProtobufObject on bodies from the real kubectl', () => {
  it.each(cases)('kubectl $args.0 $args.1 $args.2', async ({ args, path, object, existing }) => {
    const [request] = await captureKubectl(args, existing);
    expect(request?.path).toBe(path);
    expect(request.contentType).toBe('application/vnd.kubernetes.protobuf');
    const decoded = decodeProtobufObject(request.body);
    expect(decoded).toEqual({ apiVersion: object.apiVersion, kind: object.kind, object });
  });
});

describe('decodeProtobufObject errors', () => {
  const reasonOf = (body: Uint8Array): string => {
    try {
      decodeProtobufObject(body);
      return 'decoded';
    } catch (e) {
      return e instanceof ProtobufDecodeError ? `${e.reason}: ${e.message}` : String(e);
    }
  };
  // typeMeta{apiVersion "v1", kind "Widget"} inside runtime.Unknown.
  const unknownKind = new Uint8Array([0x6b, 0x38, 0x73, 0x00, 0x0a, 0x0c, 0x0a, 0x02, 0x76, 0x31, 0x12, 0x06, ...new TextEncoder().encode('Widget')]);
  it.each([
    ['JSON body', new TextEncoder().encode('{"kind":"Pod"}'), 'not-protobuf: provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]'],
    ['unknown kind', unknownKind, 'unknown-kind: no kind "Widget" is registered for version "v1" in scheme "pkg/runtime/scheme.go:100"'],
    ['truncated', unknownKind.subarray(0, 9), 'malformed: unable to decode protobuf body: length-delimited field runs past the end'],
  ])('%s', (_name, body, expected) => {
    expect(reasonOf(body)).toBe(expected);
  });
});

describe('decodeProtobufObject on a typed client\'s DeleteOptions', () => {
  // Hand-encoded as gogo-protobuf writes them: tag, then a varint or a length-prefixed value.
  const varint = (n: number): number[] => (n > 127 ? [(n & 127) | 128, ...varint(n >>> 7)] : [n]);
  const bytes = (field: number, value: number[]): number[] => [(field << 3) | 2, ...varint(value.length), ...value];
  const text = (value: string): number[] => [...new TextEncoder().encode(value)];
  const body = (apiVersion: string, raw: number[]): Uint8Array =>
    new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...bytes(1, [...bytes(1, text(apiVersion)), ...bytes(2, text('DeleteOptions'))]), ...bytes(2, raw)]);
  // gracePeriodSeconds 0 (a pointer: kept), preconditions{uid}, propagationPolicy.
  const raw = [1 << 3, 0, ...bytes(2, bytes(1, text('abc'))), ...bytes(4, text('Background'))];
  it.each(['rbac.authorization.k8s.io/v1', 'v1', 'apps/v1'])('in %s', (apiVersion) => {
    expect(decodeProtobufObject(body(apiVersion, raw)).object).toEqual({
      apiVersion, kind: 'DeleteOptions', gracePeriodSeconds: 0, preconditions: { uid: 'abc' }, propagationPolicy: 'Background',
    });
  });
});

describe('goDuration', () => {
  it.each([[0, '0s'], [3.6e12, '1h0m0s'], [1.5e9, '1.5s'], [90e9, '1m30s'], [5e6, '5ms']])('%d ns is %s', (ns, text) => {
    expect(goDuration(ns)).toBe(text);
  });
});
