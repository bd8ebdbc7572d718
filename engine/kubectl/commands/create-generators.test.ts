import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { runKubectl } from '../index.ts';
import { containerNameFor } from './create-generators.ts';

// Expected texts are real kubectl 1.32's `--dry-run=client -o yaml` output.
const deploymentYaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: docker.io/library/nginx:1.27
        name: nginx
        ports:
        - containerPort: 80
        resources: {}
status: {}
`;

const serviceYaml = `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: db
  name: db
spec:
  ports:
  - name: 5432-5432
    port: 5432
    protocol: TCP
    targetPort: 5432
  selector:
    app: db
  type: ClusterIP
status:
  loadBalancer: {}
`;

describe('create generators', () => {
  const cluster = new Cluster();
  it.each([
    ['create deployment web --image=docker.io/library/nginx:1.27 --replicas=2 --port=80 --dry-run=client -o yaml', deploymentYaml],
    ['create service clusterip db --tcp=5432:5432 --dry-run=client -o yaml', serviceYaml],
    ['create namespace dev --dry-run=client -o name', 'namespace/dev\n'],
    ['create configmap cfg --from-literal=b=2 --from-literal=a=1 --dry-run=client -o jsonpath={.data}', '{"a":"1","b":"2"}'],
    ['create secret generic db --from-literal=pw=s3cret --dry-run=client -o jsonpath={.data.pw}', 'czNjcmV0'],
    ['create deployment web --image=nginx', 'deployment.apps/web created\n'],
  ])('%s', (line, expected) => {
    expect(runKubectl(cluster, `kubectl ${line}`)).toEqual({ stdout: expected, stderr: '', exitCode: 0 });
  });

  it.each([
    ['nginx', 'nginx'],
    ['nginx:1.27', 'nginx'],
    ['registry.k8s.io/pause:3.10', 'pause'],
    ['busybox@sha256:abc', 'busybox'],
  ])('names the container of %s %s', (image, name) => {
    expect(containerNameFor(image)).toBe(name);
  });
});
