/**
 * The EFK data path end to end in an engine cluster: the corpus's addon manifests (Elasticsearch
 * StatefulSet with volumeClaimTemplates, its Service, Kibana) and the official Fluentd DaemonSet,
 * plus the Kubernetes docs' `counter` pod. Fluentd on the counter's node ships its lines through
 * the Service to Elasticsearch, which keeps them on its PVC.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../api/types.ts';
import { Cluster } from '../../cluster.ts';
import { attachNetwork } from '../../network/index.ts';
import type { ClusterNetwork } from '../../network/cluster-network.ts';
import { create, sh } from '../../network/test-helpers.ts';
import { attachVolumes } from '../../storage/volume-manager.ts';

const corpus = '/work/shared/corpus/efk';
const vct = `${corpus}/k8s-addon-fluentd-elasticsearch-with-vct/deploy-efk`;

function load(path: string): KubeObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJS() as KubeObject).filter(Boolean);
}

/**
 * The corpus as a learner on kind would adapt it: `gp2` is an AWS class (a fresh kind cluster has
 * only `standard`, so the PVCs would stay Pending), and one ES replica: the addon image finds its
 * peers with elasticsearch_logging_discovery (through the API), which the simulation does not run,
 * so two pods would be two one-node clusters (discovery.seed_hosts does form one: see
 * elasticsearch-statefulset.test.ts).
 */
function adapted(objects: KubeObject[]): KubeObject[] {
  return objects.map((o) => {
    if (o.kind !== 'StatefulSet') return o;
    const spec = structuredClone(o.spec) as { replicas: number; volumeClaimTemplates: { spec: { storageClassName?: string } }[] };
    spec.replicas = 1;
    for (const t of spec.volumeClaimTemplates) t.spec.storageClassName = 'standard';
    return { ...o, spec };
  });
}

const counter: KubeObject = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'counter', namespace: 'default', labels: { app: 'counter' } },
  spec: { containers: [{ name: 'count', image: 'busybox:1.36', args: ['/bin/sh', '-c', 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'] }] },
};
const client: KubeObject = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
};

let cluster: Cluster;
let network: ClusterNetwork;

function logOf(namespace: string, pod: string): string {
  return cluster.handle({ method: 'GET', path: `/api/v1/namespaces/${namespace}/pods/${pod}/log` }).body as string;
}

function podsOf(namespace: string, selector: string): KubeObject[] {
  return (cluster.handle({ method: 'GET', path: `/api/v1/namespaces/${namespace}/pods`, query: { labelSelector: selector } }).body as { items: KubeObject[] }).items;
}

const curl = (args: string): { out: string; code: number } => sh(cluster, network, 'client', `curl -s ${args}`);

beforeAll(() => {
  cluster = new Cluster({ seed: 11 });
  network = attachNetwork(cluster);
  // Volume contents: files under a volumeMount live on the PV, so they outlive the pod.
  attachVolumes(cluster);
  create(cluster,
    ...adapted(load(`${vct}/es-statefulset.yaml`)), ...load(`${vct}/es-service.yaml`),
    ...load(`${corpus}/fluentd-kubernetes-daemonset/fluentd-daemonset-elasticsearch-rbac.yaml`),
    ...load(`${vct}/kibana-service.yaml`), ...load(`${corpus}/kubernetes-cluster-addons-fluentd-elasticsearch/kibana-deployment.yaml`),
    counter, client);
  cluster.advance(180_000);
}, 60_000);

describe('EFK from the corpus manifests', () => {
  it('ships the counter pod’s lines into a logstash index that _search finds', () => {
    const count = JSON.parse(curl('elasticsearch-logging.kube-system:9200/_count').out) as { count: number };
    expect(count.count).toBeGreaterThan(0);
    const found = JSON.parse(curl("'elasticsearch-logging.kube-system:9200/_search?q=kubernetes.pod_name:counter&size=1&sort=@timestamp:desc'").out) as { hits: { total: number; hits: { _index: string; _type: string; _source: Record<string, unknown> }[] } };
    // k8s.gcr.io/elasticsearch:v6.2.5: ES 6 shapes (numeric total, `_type` fluentd).
    expect(found.hits.total).toBeGreaterThan(10);
    const hit = found.hits.hits[0];
    expect(hit._index).toBe('logstash-2026.01.01');
    expect(hit._type).toBe('fluentd');
    expect(hit._source).toMatchObject({
      stream: 'stdout', log: expect.stringMatching(/^\d+: Thu Jan {2}1 00:0\d:\d\d UTC 2026$/),
      '@timestamp': expect.stringMatching(/^2026-01-01T00:0\d:\d\d\.\d{9}\+00:00$/),
      kubernetes: { pod_name: 'counter', namespace_name: 'default', container_name: 'count', container_image: 'busybox:1.36', labels: { app: 'counter' } },
    });
  });

  it('keeps the documents as files under the data volume mount (/data)', () => {
    const [es] = podsOf('kube-system', 'k8s-app=elasticsearch-logging');
    const run = cluster.kubelets.podRun(es)!;
    const files = run.containers.find((c) => c.name === 'elasticsearch-logging')!.files;
    expect(files.get('/data/nodes/0/_state/indices.json')).toContain('"logstash-2026.01.01"');
  });

  it('finds the same documents after the Elasticsearch pod is deleted and recreated on its PVC', () => {
    const before = (JSON.parse(curl('elasticsearch-logging.kube-system:9200/_count?q=kubernetes.pod_name:counter').out) as { count: number }).count;
    const [es] = podsOf('kube-system', 'k8s-app=elasticsearch-logging');
    cluster.handle({ method: 'DELETE', path: `/api/v1/namespaces/kube-system/pods/${es.metadata.name}` });
    cluster.advance(5_000);
    // While the new pod starts, Fluentd keeps the lines in its buffer.
    cluster.advance(60_000);
    const [again] = podsOf('kube-system', 'k8s-app=elasticsearch-logging');
    expect(again.metadata.uid).not.toBe(es.metadata.uid);
    const after = (JSON.parse(curl('elasticsearch-logging.kube-system:9200/_count?q=kubernetes.pod_name:counter').out) as { count: number }).count;
    expect(after).toBeGreaterThan(before);
    // The first line the counter wrote, shipped before the deletion, is still there.
    const oldest = JSON.parse(curl("'elasticsearch-logging.kube-system:9200/_search?q=kubernetes.pod_name:counter&sort=@timestamp:asc&size=1'").out) as { hits: { hits: { _source: { log: string } }[] } };
    expect(oldest.hits.hits[0]._source.log).toMatch(/^0: Thu Jan {2}1 00:00:\d\d UTC 2026$/);
  });

  it('reports yellow health: one node cannot hold its own replicas', () => {
    expect(curl('elasticsearch-logging.kube-system:9200/_cat/health?h=status').out).toBe('yellow\n');
    const indices = curl("'elasticsearch-logging.kube-system:9200/_cat/indices?v'").out.split('\n');
    expect(indices[0]).toBe('health status index               uuid                   pri rep docs.count docs.deleted store.size pri.store.size');
    expect(indices[1]).toMatch(/^yellow open {3}logstash-2026\.01\.01 [\w-]{22} {3}5 {3}1 +\d+ +0 +[\d.]+kb +[\d.]+kb$/);
  });

  it('logs Fluentd’s wait for Elasticsearch, then runs', () => {
    const [fluentd] = podsOf('kube-system', 'k8s-app=fluentd-logging').filter((p) => (p.spec as { nodeName: string }).nodeName === (podsOf('default', 'app=counter')[0].spec as { nodeName: string }).nodeName);
    const log = logOf('kube-system', fluentd.metadata.name!);
    expect(log).toMatch(/^2026-01-01 00:0\d:\d\d \+0000 \[warn\]: #0 \[out_es\] Could not communicate to Elasticsearch, resetting connection and trying again\. Connection refused - connect\(2\) for 10\.96\.\d+\.\d+:9200 \(Errno::ECONNREFUSED\)$/m);
    expect(log).toMatch(/^2026-01-01 00:0\d:\d\d \+0000 \[warn\]: #0 \[out_es\] Remaining retry: 14\. Retry to communicate after 2 second\(s\)\.$/m);
    expect(log).toContain('[info]: #0 fluentd worker is now running worker=0');
    expect(log).toContain('[info]: #0 [in_tail_container_logs] following tail of /var/log/containers/counter_default_count-');
  });

  it('serves Kibana’s status once Elasticsearch answers', () => {
    const status = JSON.parse(curl('kibana-logging.kube-system:5601/api/status').out) as { version: { number: string }; status: { overall: { state: string } } };
    expect(status).toMatchObject({ version: { number: '5.6.4' }, status: { overall: { state: 'green' } } });
  });
});
