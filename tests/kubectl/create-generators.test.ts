/**
 * Real kubectl: every `kubectl create <generator>` (these send protobuf bodies), then what the API
 * server stored, defaults included, as `get -o yaml`, jsonpath and tables show it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, startRealKubectl, type KubectlResult, type RealKubectl } from '../support/kubectl.ts';
import { maskVarying, table, withoutStatus } from '../support/scenario.ts';

const tlsCrt = readFileSync(new URL('./testdata/tls.crt', import.meta.url), 'utf8');
const tlsKey = readFileSync(new URL('./testdata/tls.key', import.meta.url), 'utf8');
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const created = '  creationTimestamp: "2026-01-01T00:00:00Z"\n';
const ids = '  resourceVersion: "<rv>"\n  uid: <uid>\n';

/** Mask a ClusterIP from kind's service range and a NodePort from the default 30000-32767 range. */
function maskAllocations(yaml: string): string {
  return yaml
    .replace(/\b10\.96\.\d{1,3}\.\d{1,3}\b/g, '<cluster-ip>')
    .replace(/nodePort: (\d+)/g, (all, port: string) => (Number(port) >= 30000 && Number(port) <= 32767 ? 'nodePort: <node-port>' : all));
}

const podTemplateDefaults = (indent: string): string => [
  'resources: {}', 'terminationMessagePath: /dev/termination-log', 'terminationMessagePolicy: File',
].map((line) => `${indent}  ${line}\n`).join('') + [
  'dnsPolicy: ClusterFirst',
].map((line) => `${indent}${line}\n`).join('');

/** The kind named on the first line after `kind: ` in the expected YAML. */
function kindOf(c: GeneratorCase): string {
  return /^kind: (\w+)$/m.exec(c.yaml)?.[1] ?? '';
}

interface GeneratorCase {
  args: string[];
  message: string;
  /** `get … -o yaml` arguments and the stored object (masked; status cut off where a controller writes it). */
  get: string[];
  yaml: string;
  keepStatus?: boolean;
}

const serviceSpecHead = '  clusterIP: <cluster-ip>\n  clusterIPs:\n  - <cluster-ip>\n';
const serviceFamilies = '  internalTrafficPolicy: Cluster\n  ipFamilies:\n  - IPv4\n  ipFamilyPolicy: SingleStack\n';
const servicePorts = (nodePort: boolean): string =>
  `  ports:\n  - name: 80-8080\n${nodePort ? '    nodePort: <node-port>\n' : ''}    port: 80\n    protocol: TCP\n    targetPort: 8080\n`;
const serviceMeta = (name: string): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n${created}  labels:\n    app: ${name}\n  name: ${name}\n  namespace: default\n${ids}spec:\n`;
// A LoadBalancer gets an address from the lab's simulated pool (as cloud-provider-kind gives one).
const serviceTail = (name: string, type: string): string =>
  `  selector:\n    app: ${name}\n  sessionAffinity: None\n  type: ${type}\nstatus:\n  loadBalancer:${type === 'LoadBalancer' ? '\n    ingress:\n    - ip: 172.18.255.200' : ' {}'}\n`;

const cases: GeneratorCase[] = [
  {
    args: ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2', '--port=80'],
    message: 'deployment.apps/web created',
    get: ['deployment', 'web'],
    // The deployment controller has already annotated it with its first revision, as on a real cluster.
    yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n    deployment.kubernetes.io/revision: "1"\n${created}  generation: 1\n  labels:\n    app: web\n  name: web\n`
      + `  namespace: default\n${ids}spec:\n  progressDeadlineSeconds: 600\n  replicas: 2\n  revisionHistoryLimit: 10\n`
      + '  selector:\n    matchLabels:\n      app: web\n  strategy:\n    rollingUpdate:\n      maxSurge: 25%\n      maxUnavailable: 25%\n'
      + '    type: RollingUpdate\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n'
      + '    spec:\n      containers:\n      - image: nginx:1.27\n        imagePullPolicy: IfNotPresent\n        name: nginx\n'
      + '        ports:\n        - containerPort: 80\n          protocol: TCP\n' + podTemplateDefaults('      ')
      + '      restartPolicy: Always\n      schedulerName: default-scheduler\n      securityContext: {}\n'
      + '      terminationGracePeriodSeconds: 30\n',
  },
  {
    args: ['create', 'namespace', 'dev'],
    message: 'namespace/dev created',
    get: ['namespace', 'dev'],
    keepStatus: true,
    yaml: `apiVersion: v1\nkind: Namespace\nmetadata:\n${created}  labels:\n    kubernetes.io/metadata.name: dev\n  name: dev\n${ids}`
      + 'spec:\n  finalizers:\n  - kubernetes\nstatus:\n  phase: Active\n',
  },
  {
    args: ['create', 'configmap', 'app-config', '--from-literal=mode=prod', '--from-literal=level=3'],
    message: 'configmap/app-config created',
    get: ['configmap', 'app-config'],
    yaml: `apiVersion: v1\ndata:\n  level: "3"\n  mode: prod\nkind: ConfigMap\nmetadata:\n${created}  name: app-config\n  namespace: default\n${ids}`,
  },
  {
    args: ['create', 'secret', 'generic', 'db', '--from-literal=password=s3cret'],
    message: 'secret/db created',
    get: ['secret', 'db'],
    yaml: `apiVersion: v1\ndata:\n  password: czNjcmV0\nkind: Secret\nmetadata:\n${created}  name: db\n  namespace: default\n${ids}type: Opaque\n`,
  },
  {
    args: ['create', 'secret', 'tls', 'tls-cert', '--cert=tls.crt', '--key=tls.key'],
    message: 'secret/tls-cert created',
    get: ['secret', 'tls-cert'],
    yaml: `apiVersion: v1\ndata:\n  tls.crt: ${b64(tlsCrt)}\n  tls.key: ${b64(tlsKey)}\nkind: Secret\nmetadata:\n${created}`
      + `  name: tls-cert\n  namespace: default\n${ids}type: kubernetes.io/tls\n`,
  },
  {
    args: ['create', 'secret', 'docker-registry', 'regcred', '--docker-server=registry.example.com', '--docker-username=u',
      '--docker-password=p', '--docker-email=e@example.com'],
    message: 'secret/regcred created',
    get: ['secret', 'regcred'],
    yaml: `apiVersion: v1\ndata:\n  .dockerconfigjson: ${b64('{"auths":{"registry.example.com":{"username":"u","password":"p","email":"e@example.com","auth":"dTpw"}}}')}\n`
      + `kind: Secret\nmetadata:\n${created}  name: regcred\n  namespace: default\n${ids}type: kubernetes.io/dockerconfigjson\n`,
  },
  {
    args: ['create', 'service', 'clusterip', 'web', '--tcp=80:8080'],
    message: 'service/web created',
    get: ['service', 'web'],
    keepStatus: true,
    yaml: serviceMeta('web') + serviceSpecHead + serviceFamilies + servicePorts(false) + serviceTail('web', 'ClusterIP'),
  },
  {
    args: ['create', 'service', 'nodeport', 'web-np', '--tcp=80:8080'],
    message: 'service/web-np created',
    get: ['service', 'web-np'],
    keepStatus: true,
    yaml: serviceMeta('web-np') + serviceSpecHead + '  externalTrafficPolicy: Cluster\n' + serviceFamilies + servicePorts(true)
      + serviceTail('web-np', 'NodePort'),
  },
  {
    args: ['create', 'service', 'loadbalancer', 'web-lb', '--tcp=80:8080'],
    message: 'service/web-lb created',
    get: ['service', 'web-lb'],
    keepStatus: true,
    yaml: serviceMeta('web-lb') + '  allocateLoadBalancerNodePorts: true\n' + serviceSpecHead + '  externalTrafficPolicy: Cluster\n'
      + serviceFamilies + servicePorts(true) + serviceTail('web-lb', 'LoadBalancer'),
  },
  {
    args: ['create', 'service', 'externalname', 'ext', '--external-name=example.com'],
    message: 'service/ext created',
    get: ['service', 'ext'],
    keepStatus: true,
    yaml: serviceMeta('ext') + '  externalName: example.com\n' + serviceTail('ext', 'ExternalName'),
  },
  {
    args: ['create', 'cronjob', 'nightly', '--image=busybox:1.36', '--schedule=0 2 * * *', '--', 'echo', 'hi'],
    message: 'cronjob.batch/nightly created',
    get: ['cronjob', 'nightly'],
    yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n${created}  generation: 1\n  name: nightly\n  namespace: default\n${ids}`
      + 'spec:\n  concurrencyPolicy: Allow\n  failedJobsHistoryLimit: 1\n  jobTemplate:\n    metadata:\n      creationTimestamp: null\n'
      + '      name: nightly\n    spec:\n      template:\n        metadata:\n          creationTimestamp: null\n        spec:\n'
      + '          containers:\n          - command:\n            - echo\n            - hi\n            image: busybox:1.36\n'
      + '            imagePullPolicy: IfNotPresent\n            name: nightly\n' + podTemplateDefaults('          ')
      + '          restartPolicy: OnFailure\n          schedulerName: default-scheduler\n          securityContext: {}\n'
      + '          terminationGracePeriodSeconds: 30\n  schedule: 0 2 * * *\n  successfulJobsHistoryLimit: 3\n  suspend: false\n',
  },
  {
    args: ['create', 'role', 'pod-reader', '--verb=get,list', '--resource=pods'],
    message: 'role.rbac.authorization.k8s.io/pod-reader created',
    get: ['role', 'pod-reader'],
    yaml: `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n${created}  name: pod-reader\n  namespace: default\n${ids}`
      + 'rules:\n- apiGroups:\n  - ""\n  resources:\n  - pods\n  verbs:\n  - get\n  - list\n',
  },
  {
    args: ['create', 'clusterrole', 'node-reader', '--verb=get,list,watch', '--resource=nodes'],
    message: 'clusterrole.rbac.authorization.k8s.io/node-reader created',
    get: ['clusterrole', 'node-reader'],
    yaml: `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n${created}  name: node-reader\n${ids}`
      + 'rules:\n- apiGroups:\n  - ""\n  resources:\n  - nodes\n  verbs:\n  - get\n  - list\n  - watch\n',
  },
  {
    args: ['create', 'rolebinding', 'read-pods', '--role=pod-reader', '--user=jane'],
    message: 'rolebinding.rbac.authorization.k8s.io/read-pods created',
    get: ['rolebinding', 'read-pods'],
    yaml: `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n${created}  name: read-pods\n  namespace: default\n${ids}`
      + 'roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: pod-reader\n'
      + 'subjects:\n- apiGroup: rbac.authorization.k8s.io\n  kind: User\n  name: jane\n',
  },
  {
    args: ['create', 'clusterrolebinding', 'read-nodes', '--clusterrole=node-reader', '--serviceaccount=default:robot'],
    message: 'clusterrolebinding.rbac.authorization.k8s.io/read-nodes created',
    get: ['clusterrolebinding', 'read-nodes'],
    yaml: `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n${created}  name: read-nodes\n${ids}`
      + 'roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: node-reader\n'
      + 'subjects:\n- kind: ServiceAccount\n  name: robot\n  namespace: default\n',
  },
  {
    args: ['create', 'quota', 'compute', '--hard=pods=10,requests.cpu=1'],
    message: 'resourcequota/compute created',
    get: ['resourcequota', 'compute'],
    yaml: `apiVersion: v1\nkind: ResourceQuota\nmetadata:\n${created}  name: compute\n  namespace: default\n${ids}`
      + 'spec:\n  hard:\n    pods: "10"\n    requests.cpu: "1"\n',
  },
  {
    args: ['create', 'pdb', 'web-pdb', '--selector=app=web', '--min-available=1'],
    message: 'poddisruptionbudget.policy/web-pdb created',
    get: ['pdb', 'web-pdb'],
    yaml: `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n${created}  generation: 1\n  name: web-pdb\n  namespace: default\n${ids}`
      + 'spec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: web\n',
  },
  {
    args: ['create', 'priorityclass', 'high', '--value=1000', '--description=high priority'],
    message: 'priorityclass.scheduling.k8s.io/high created',
    get: ['priorityclass', 'high'],
    yaml: `apiVersion: scheduling.k8s.io/v1\ndescription: high priority\nkind: PriorityClass\nmetadata:\n${created}  name: high\n${ids}`
      + 'preemptionPolicy: PreemptLowerPriority\nvalue: 1000\n',
  },
  {
    args: ['create', 'ingress', 'simple', '--rule=foo.com/bar=svc1:8080'],
    message: 'ingress.networking.k8s.io/simple created',
    get: ['ingress', 'simple'],
    keepStatus: true,
    yaml: `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n${created}  generation: 1\n  name: simple\n  namespace: default\n${ids}`
      + 'spec:\n  rules:\n  - host: foo.com\n    http:\n      paths:\n      - backend:\n          service:\n            name: svc1\n'
      + '            port:\n              number: 8080\n        path: /bar\n        pathType: Exact\nstatus:\n  loadBalancer: {}\n',
  },
  {
    args: ['create', 'serviceaccount', 'robot'],
    message: 'serviceaccount/robot created',
    get: ['serviceaccount', 'robot'],
    yaml: `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n${created}  name: robot\n  namespace: default\n${ids}`,
  },
];

/** Split `get -o yaml` of several objects (a List) into each object's own YAML, as `get` of one prints it. */
function listItems(listYaml: string): string[] {
  const body = listYaml.slice(listYaml.indexOf('items:\n') + 'items:\n'.length, listYaml.search(/^kind: List$/m));
  return body.split(/^- /m).slice(1).map((item) => item.replace(/^ {2}/gm, ''));
}

/** `Kind/name` of one object's YAML, read from its top-level kind and metadata.name. */
function identity(yaml: string): string {
  const metadata = /^metadata:\n((?: {2}.*\n)*)/m.exec(yaml)?.[1] ?? '';
  return `${/^kind: (\w+)$/m.exec(yaml)?.[1]}/${/^ {2}name: (.*)$/m.exec(metadata)?.[1]}`;
}

describe.skipIf(!kubectlPath)('real kubectl: create generators', () => {
  let k: RealKubectl;
  const results = new Map<GeneratorCase, KubectlResult>();
  const stored = new Map<GeneratorCase, string>();
  beforeAll(async () => {
    k = await startRealKubectl();
    // Written once, before the concurrent runs: each run writing them again could truncate a file another kubectl reads.
    writeFileSync(join(k.workdir, 'tls.crt'), tlsCrt);
    writeFileSync(join(k.workdir, 'tls.key'), tlsKey);
    await Promise.all(cases.map(async (c) => results.set(c, await k.run(c.args))));
    // One read of everything, split per object: the same text as one `get -o yaml` each.
    const all = await k.run(['get', ...cases.map((c) => `${c.get[0]}/${c.get[1]}`), '-o', 'yaml']);
    const items = listItems(all.stdout);
    for (const c of cases) {
      stored.set(c, items.find((item) => identity(item) === `${kindOf(c)}/${c.get[1]}`) ?? all.stderr);
    }
  }, 60_000);
  afterAll(async () => {
    await k.stop();
  });

  it.each(cases)('$message, and the object stored with its defaults', (c) => {
    expect(results.get(c)).toEqual({ stdout: `${c.message}\n`, stderr: '', exitCode: 0 });
    const yaml = maskAllocations(maskVarying(stored.get(c) ?? ''));
    expect(c.keepStatus ? yaml : withoutStatus(yaml)).toBe(c.yaml);
  });

  it('creates a Job with the selector and labels the API server generates', async () => {
    expect(await k.run(['create', 'job', 'pi', '--image=busybox:1.36', '--', 'echo', 'hi']))
      .toEqual({ stdout: 'job.batch/pi created\n', stderr: '', exitCode: 0 });
    const got = await k.run(['get', 'job', 'pi', '-o', 'jsonpath={.spec.backoffLimit} {.spec.completions} {.spec.parallelism} '
      + '{.spec.completionMode} {.spec.suspend} {.spec.podReplacementPolicy} {.spec.template.spec.restartPolicy} '
      + '{.spec.template.spec.containers[0].command} {.spec.selector.matchLabels} {.metadata.labels}']);
    expect(maskVarying(got.stdout)).toBe('6 1 1 NonIndexed false TerminatingOrFailed Never ["echo","hi"] '
      + '{"batch.kubernetes.io/controller-uid":"<uid>"} '
      + '{"batch.kubernetes.io/controller-uid":"<uid>","batch.kubernetes.io/job-name":"pi","controller-uid":"<uid>","job-name":"pi"}');
    const uids = await k.run(['get', 'job', 'pi', '-o', 'jsonpath={.metadata.uid} {.spec.template.metadata.labels.controller-uid}']);
    const [uid, labelled] = uids.stdout.split(' ');
    expect(labelled).toBe(uid);
  });

  it('prints the tables of the created objects', async () => {
    const [svc, cronjob, bindings, pdb, pc, ingress, sa, role] = await Promise.all([
      k.run('get service ext'),
      k.run('get cronjob nightly'),
      k.run('get rolebinding read-pods -o wide'),
      k.run('get pdb web-pdb'),
      k.run('get priorityclass high'),
      k.run('get ingress simple'),
      k.run('get serviceaccount robot'),
      k.run('get role pod-reader'),
    ]);
    expect(svc.stdout).toBe(table([['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], ['ext', 'ExternalName', '<none>', 'example.com', '<none>', '0s']]));
    expect(cronjob.stdout).toBe(table([['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
      ['nightly', '0 2 * * *', '<none>', 'False', '0', '<none>', '0s']]));
    expect(bindings.stdout).toBe(table([['NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS'], ['read-pods', 'Role/pod-reader', '0s', 'jane', '', '']]));
    expect(pdb.stdout).toBe(table([['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'], ['web-pdb', '1', 'N/A', '0', '0s']]));
    expect(pc.stdout).toBe(table([['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'], ['high', '1000', 'false', '0s', 'PreemptLowerPriority']]));
    expect(ingress.stdout).toBe(table([['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'], ['simple', '<none>', 'foo.com', '', '80', '0s']]));
    expect(sa.stdout).toBe(table([['NAME', 'SECRETS', 'AGE'], ['robot', '0', '0s']]));
    expect(role.stdout).toBe(table([['NAME', 'CREATED AT'], ['pod-reader', '2026-01-01T00:00:00Z']]));
  });
});
