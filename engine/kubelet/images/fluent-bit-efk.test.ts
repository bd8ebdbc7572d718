/**
 * Fluent Bit end to end in an engine cluster: the fluent-bit docs' DaemonSet, ServiceAccount/RBAC
 * and ConfigMap (@INCLUDEd files, ${FLUENT_ELASTICSEARCH_HOST}), a single-node Elasticsearch 8,
 * and the docs' `counter` pod. The fluent-bit on the counter's node tails its log file, adds the
 * pod's metadata and ships the lines to Elasticsearch, where `_search?q=` finds them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { Cluster } from '../../cluster.ts';
import { attachNetwork } from '../../network/index.ts';
import type { ClusterNetwork } from '../../network/cluster-network.ts';
import { create, sh } from '../../network/test-helpers.ts';

const ns = 'logging';
const meta = (name: string, namespace = ns): KubeObject['metadata'] => ({ name, namespace });

const config: KubeObject = {
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...meta('fluent-bit-config'), labels: { 'k8s-app': 'fluent-bit' } },
  data: {
    'fluent-bit.conf': '[SERVICE]\n    Flush         1\n    Log_Level     info\n    Daemon        off\n    Parsers_File  parsers.conf\n    HTTP_Server   On\n    HTTP_Listen   0.0.0.0\n    HTTP_Port     2020\n\n@INCLUDE input-kubernetes.conf\n@INCLUDE filter-kubernetes.conf\n@INCLUDE output-elasticsearch.conf\n',
    'input-kubernetes.conf': '[INPUT]\n    Name              tail\n    Tag               kube.*\n    Path              /var/log/containers/*.log\n    multiline.parser  docker, cri\n    DB                /var/log/flb_kube.db\n    Mem_Buf_Limit     5MB\n    Skip_Long_Lines   On\n    Refresh_Interval  10\n',
    'filter-kubernetes.conf': '[FILTER]\n    Name                kubernetes\n    Match               kube.*\n    Kube_URL            https://kubernetes.default.svc:443\n    Merge_Log           On\n    Keep_Log            Off\n    K8S-Logging.Parser  On\n    K8S-Logging.Exclude Off\n',
    'output-elasticsearch.conf': '[OUTPUT]\n    Name               es\n    Match              *\n    Host               ${FLUENT_ELASTICSEARCH_HOST}\n    Port               ${FLUENT_ELASTICSEARCH_PORT}\n    Logstash_Format    On\n    Replace_Dots       On\n    Retry_Limit        False\n    Suppress_Type_Name On\n',
    'parsers.conf': '[PARSER]\n    Name   json\n    Format json\n    Time_Key time\n    Time_Format %d/%b/%Y:%H:%M:%S %z\n',
  },
};

const daemonSet: KubeObject = {
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { ...meta('fluent-bit'), labels: { 'k8s-app': 'fluent-bit-logging' } },
  spec: {
    selector: { matchLabels: { 'k8s-app': 'fluent-bit-logging' } },
    template: {
      metadata: { labels: { 'k8s-app': 'fluent-bit-logging' } },
      spec: {
        serviceAccountName: 'fluent-bit',
        terminationGracePeriodSeconds: 10,
        tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
        containers: [{
          name: 'fluent-bit', image: 'cr.fluentbit.io/fluent/fluent-bit:3.1.9', imagePullPolicy: 'Always',
          ports: [{ containerPort: 2020, name: 'http' }],
          env: [{ name: 'FLUENT_ELASTICSEARCH_HOST', value: 'elasticsearch' }, { name: 'FLUENT_ELASTICSEARCH_PORT', value: '9200' }],
          readinessProbe: { httpGet: { path: '/api/v1/health', port: 'http' } },
          volumeMounts: [{ name: 'varlog', mountPath: '/var/log' }, { name: 'fluent-bit-config', mountPath: '/fluent-bit/etc/' }],
        }],
        volumes: [{ name: 'varlog', hostPath: { path: '/var/log' } }, { name: 'fluent-bit-config', configMap: { name: 'fluent-bit-config' } }],
      },
    },
  },
};

const rbac: KubeObject[] = [
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('fluent-bit') },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'fluent-bit-read' }, rules: [{ apiGroups: [''], resources: ['namespaces', 'pods'], verbs: ['get', 'list', 'watch'] }] } as KubeObject,
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'fluent-bit-read' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'fluent-bit-read' }, subjects: [{ kind: 'ServiceAccount', name: 'fluent-bit', namespace: ns }] } as KubeObject,
];

const elasticsearch: KubeObject[] = [
  {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('elasticsearch'),
    spec: {
      replicas: 1, selector: { matchLabels: { app: 'elasticsearch' } },
      template: {
        metadata: { labels: { app: 'elasticsearch' } },
        spec: { containers: [{
          name: 'elasticsearch', image: 'docker.elastic.co/elasticsearch/elasticsearch:8.15.0', ports: [{ containerPort: 9200 }],
          env: [{ name: 'discovery.type', value: 'single-node' }, { name: 'xpack.security.enabled', value: 'false' }, { name: 'ES_JAVA_OPTS', value: '-Xms512m -Xmx512m' }],
        }] },
      },
    },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: meta('elasticsearch'), spec: { selector: { app: 'elasticsearch' }, ports: [{ port: 9200 }] } },
];

const counter: KubeObject = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'counter', namespace: 'default', labels: { app: 'counter', 'app.kubernetes.io/part-of': 'docs' } },
  spec: { containers: [{ name: 'count', image: 'busybox:1.36', args: ['/bin/sh', '-c', 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'] }] },
};
const client: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] } };

let cluster: Cluster;
let network: ClusterNetwork;
const curl = (args: string): string => sh(cluster, network, 'client', `curl -s ${args}`).out;
const pods = (namespace: string, selector: string): KubeObject[] =>
  (cluster.handle({ method: 'GET', path: `/api/v1/namespaces/${namespace}/pods`, query: { labelSelector: selector } }).body as { items: KubeObject[] }).items;
const nodeOf = (pod: KubeObject): string => (pod.spec as { nodeName: string }).nodeName;

/** The fluent-bit pod on the counter's node. */
function shipper(): KubeObject {
  const node = nodeOf(pods('default', 'app=counter')[0]);
  return pods(ns, 'k8s-app=fluent-bit-logging').find((p) => nodeOf(p) === node)!;
}

beforeAll(() => {
  cluster = new Cluster({ seed: 23 });
  network = attachNetwork(cluster);
  create(cluster, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, ...rbac, config, ...elasticsearch, daemonSet, counter, client);
  cluster.advance(120_000);
}, 60_000);

describe('Fluent Bit ships container logs to Elasticsearch', () => {
  it('puts the counter’s lines in a logstash index with the kubernetes filter’s metadata, as _search?q= finds them', () => {
    const found = JSON.parse(curl("'elasticsearch.logging:9200/_search?q=kubernetes.pod_name:counter&size=1&sort=@timestamp:desc'")) as { hits: { total: { value: number }; hits: { _index: string; _source: Record<string, unknown> }[] } };
    expect(found.hits.total.value).toBeGreaterThan(20);
    expect(found.hits.hits[0]._index).toBe('logstash-2026.01.01');
    expect(found.hits.hits[0]._source).toEqual({
      '@timestamp': expect.stringMatching(/^2026-01-01T00:0\d:\d\d\.\d{3}Z$/),
      time: expect.stringMatching(/^2026-01-01T00:0\d:\d\d\.\d{9}Z$/),
      stream: 'stdout', _p: 'F', log: expect.stringMatching(/^\d+: Thu Jan {2}1 00:0\d:\d\d UTC 2026$/),
      kubernetes: {
        pod_name: 'counter', namespace_name: 'default', pod_id: pods('default', 'app=counter')[0].metadata.uid,
        labels: { app: 'counter', 'app_kubernetes_io/part-of': 'docs' }, host: nodeOf(pods('default', 'app=counter')[0]),
        container_name: 'count', docker_id: expect.stringMatching(/^[0-9a-f]{64}$/),
        container_hash: expect.stringMatching(/^docker\.io\/library\/busybox@sha256:[0-9a-f]{64}$/), container_image: 'docker.io/library/busybox:1.36',
      },
    });
  });

  it('logs its start, the file it follows, and its retries while Elasticsearch was starting', () => {
    const pod = shipper();
    const log = cluster.handle({ method: 'GET', path: `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}/log` }).body as string;
    expect(log.startsWith('Fluent Bit v3.1.9\n* Copyright (C) 2015-2024 The Fluent Bit Authors\n')).toBe(true);
    expect(log).toMatch(/^\[2026\/01\/01 00:00:\d\d\] \[ info\] \[fluent bit\] version=3\.1\.9, commit=431fa79ae2, pid=1$/m);
    expect(log).toMatch(/^\[2026\/01\/01 00:0\d:\d\d\] \[ info\] \[input:tail:tail\.0\] inotify_fs_add\(\): inode=\d+ watch_fd=\d+ name=\/var\/log\/containers\/counter_default_count-[0-9a-f]{64}\.log$/m);
    expect(log).toMatch(/^\[2026\/01\/01 00:0\d:\d\d\] \[error\] \[net\] TCP connection failed: elasticsearch:9200 \(Connection refused\)$/m);
    expect(log).toMatch(/^\[2026\/01\/01 00:0\d:\d\d\] \[ warn\] \[engine\] failed to flush chunk '1-\d{10}\.\d{9}\.flb', retry in \d+ seconds: task_id=\d+, input=tail\.0 > output=es\.0 \(out_id=0\)$/m);
    expect(log).toMatch(/^\[2026\/01\/01 00:0\d:\d\d\] \[ info\] \[engine\] flush chunk '1-\d{10}\.\d{9}\.flb' succeeded at retry \d+: task_id=\d+, input=tail\.0 > output=es\.0 \(out_id=0\)$/m);
  });

  it('is Ready by its /api/v1/health probe and counts what it sent on :2020', () => {
    const pod = shipper();
    expect((pod.status as { conditions: { type: string; status: string }[] }).conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
    const metrics = JSON.parse(curl(`${(pod.status as { podIP: string }).podIP}:2020/api/v1/metrics`)) as { output: Record<string, { proc_records: number; retries: number }> };
    expect(metrics.output['es.0'].proc_records).toBeGreaterThan(20);
    expect(metrics.output['es.0'].retries).toBeGreaterThan(0);
  });
});
