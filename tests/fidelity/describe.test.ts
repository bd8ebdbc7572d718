/**
 * Real kubectl 1.32 `describe` against `kubelab serve`, compared byte for byte with the emulator's
 * `describeObject` over the same cluster at the same virtual time. Statuses are written through
 * /status where a richer object is wanted (there are no kubelets or workload controllers yet).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, startRealKubectl, type RealKubectl } from '../support/kubectl.ts';
import { advance } from '../support/scenario.ts';
import { describeObject } from '../../engine/kubectl/describe/index.ts';
import type { KubeObject } from '../../engine/api/types.ts';

// One key per ConfigMap and Secret: real kubectl describes their data in Go map order, which
// changes from run to run.
const manifests = `apiVersion: v1
kind: ConfigMap
metadata: {name: app-config, labels: {app: web, tier: front}, annotations: {note: hello}}
data: {greeting: "hi\\nthere"}
binaryData: {blob: AAEC}
---
apiVersion: v1
kind: Secret
metadata: {name: creds}
stringData: {password: s3cret}
---
apiVersion: v1
kind: Service
metadata: {name: web, labels: {app: web}}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}, {name: metrics, port: 9090, targetPort: metrics}]
---
apiVersion: v1
kind: Service
metadata: {name: nodeport}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}, annotations: {team: blue}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports: [{containerPort: 80}, {containerPort: 443}]
        env: [{name: MODE, value: prod}, {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
        resources: {limits: {cpu: 500m, memory: 128Mi}, requests: {cpu: 250m, memory: 64Mi}}
        readinessProbe: {httpGet: {path: /, port: 80}}
        volumeMounts: [{name: config, mountPath: /etc/config, readOnly: true}]
      volumes: [{name: config, configMap: {name: app-config}}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg, image: postgres:16, args: ["-c", "max_connections=10"]}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      nodeSelector: {kubernetes.io/os: linux}
      tolerations: [{operator: Exists}]
      containers: [{name: agent, image: busybox, command: [sh, -c, "sleep 3600"]}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox, command: [echo, hi]}]
---
apiVersion: v1
kind: Pod
metadata: {name: solo, labels: {app: solo, run: solo}}
spec:
  containers:
  - name: main
    image: busybox
    command: [sleep, "3600"]
    env: [{name: FROM_SECRET, valueFrom: {secretKeyRef: {name: creds, key: password}}}]
    envFrom: [{configMapRef: {name: app-config}, prefix: CFG_}]
    livenessProbe: {exec: {command: [cat, /tmp/ok]}, initialDelaySeconds: 5}
  volumes: [{name: scratch, emptyDir: {}}]
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: quota, namespace: default}
spec: {hard: {pods: "10"}}
---
apiVersion: v1
kind: PodTemplate
metadata: {name: tpl, labels: {app: tpl}}
template:
  metadata: {labels: {app: tpl}}
  spec: {containers: [{name: c, image: busybox, ports: [{containerPort: 8080}]}]}
`;

interface Case {
  args: string;
  path: string;
  resource: string;
  group: string;
}

const cases: Case[] = [
  { args: 'configmap app-config', path: '/api/v1/namespaces/default/configmaps/app-config', resource: 'configmaps', group: '' },
  { args: 'secret creds', path: '/api/v1/namespaces/default/secrets/creds', resource: 'secrets', group: '' },
  { args: 'service web', path: '/api/v1/namespaces/default/services/web', resource: 'services', group: '' },
  { args: 'service nodeport', path: '/api/v1/namespaces/default/services/nodeport', resource: 'services', group: '' },
  { args: 'deployment web', path: '/apis/apps/v1/namespaces/default/deployments/web', resource: 'deployments', group: 'apps' },
  { args: 'statefulset db', path: '/apis/apps/v1/namespaces/default/statefulsets/db', resource: 'statefulsets', group: 'apps' },
  { args: 'daemonset agent', path: '/apis/apps/v1/namespaces/default/daemonsets/agent', resource: 'daemonsets', group: 'apps' },
  { args: 'job once', path: '/apis/batch/v1/namespaces/default/jobs/once', resource: 'jobs', group: 'batch' },
  { args: 'pod solo', path: '/api/v1/namespaces/default/pods/solo', resource: 'pods', group: '' },
  { args: 'namespace default', path: '/api/v1/namespaces/default', resource: 'namespaces', group: '' },
  { args: 'namespace kube-system', path: '/api/v1/namespaces/kube-system', resource: 'namespaces', group: '' },
  // PodTemplate has no describer of its own: kubectl uses the generic one.
  { args: 'podtemplate tpl', path: '/api/v1/namespaces/default/podtemplates/tpl', resource: 'podtemplates', group: '' },
];

describe.skipIf(!kubectlPath)('real kubectl: describe', () => {
  let k: RealKubectl;
  beforeAll(async () => {
    k = await startRealKubectl();
    const created = await k.run('create -f all.yaml', { files: { 'all.yaml': manifests } });
    expect(created.stderr).toBe('');
    advance(k, 95);
  }, 60_000);
  afterAll(async () => {
    await k.stop();
  });

  it.each(cases)('describe $args', async ({ args, path, resource, group }) => {
    const real = await k.run(`describe ${args}`, { env: { TZ: 'UTC' } });
    const cluster = k.lab.control.cluster;
    const object = cluster.api.handle({ method: 'GET', path }).body as KubeObject;
    const info = cluster.api.context.registry.all().find((r) => r.resource === resource && r.group === group)!;
    // kubectl measures ages (events) from its own wall clock, not the lab's virtual one; at a day's
    // granularity (the lab starts on 2026-01-01) they agree unless a day turns over mid-test.
    expect(describeObject(cluster.api, info, object, Date.now())).toBe(real.stdout);
  });
});
