/**
 * A three-node Elasticsearch in an engine cluster, from the StatefulSet most EFK tutorials use
 * (DigitalOcean's "How To Set Up an Elasticsearch, Fluentd and Kibana (EFK) Logging Stack on
 * Kubernetes", its init containers included, storage class `standard` for kind): a headless
 * Service `elasticsearch` with the REST and transport ports, and pods es-cluster-0..2 with their
 * own claims that find each other through their per-pod DNS names.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { Cluster } from '../../cluster.ts';
import { attachNetwork } from '../../network/index.ts';
import type { ClusterNetwork } from '../../network/cluster-network.ts';
import { create, sh } from '../../network/test-helpers.ts';
import { attachVolumes } from '../../storage/volume-manager.ts';

const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-logging' } };
const service: KubeObject = {
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'elasticsearch', namespace: 'kube-logging', labels: { app: 'elasticsearch' } },
  spec: { selector: { app: 'elasticsearch' }, clusterIP: 'None', ports: [{ port: 9200, name: 'rest' }, { port: 9300, name: 'inter-node' }] },
};
const statefulSet: KubeObject = {
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'es-cluster', namespace: 'kube-logging' },
  spec: {
    serviceName: 'elasticsearch', replicas: 3, selector: { matchLabels: { app: 'elasticsearch' } },
    template: {
      metadata: { labels: { app: 'elasticsearch' } },
      spec: {
        containers: [{
          name: 'elasticsearch', image: 'docker.elastic.co/elasticsearch/elasticsearch:7.17.26',
          resources: { limits: { cpu: '1000m' }, requests: { cpu: '100m' } },
          volumeMounts: [{ name: 'data', mountPath: '/usr/share/elasticsearch/data' }],
          ports: [{ containerPort: 9200, name: 'rest', protocol: 'TCP' }, { containerPort: 9300, name: 'inter-node', protocol: 'TCP' }],
          env: [
            { name: 'cluster.name', value: 'k8s-logs' },
            { name: 'node.name', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            { name: 'discovery.seed_hosts', value: 'es-cluster-0.elasticsearch,es-cluster-1.elasticsearch,es-cluster-2.elasticsearch' },
            { name: 'cluster.initial_master_nodes', value: 'es-cluster-0,es-cluster-1,es-cluster-2' },
            { name: 'ES_JAVA_OPTS', value: '-Xms512m -Xmx512m' },
          ],
        }],
        initContainers: [
          { name: 'fix-permissions', image: 'busybox', command: ['sh', '-c', 'chown -R 1000:1000 /usr/share/elasticsearch/data'], securityContext: { privileged: true }, volumeMounts: [{ name: 'data', mountPath: '/usr/share/elasticsearch/data' }] },
          { name: 'increase-vm-max-map', image: 'busybox', command: ['sysctl', '-w', 'vm.max_map_count=262144'], securityContext: { privileged: true } },
          { name: 'increase-fd-ulimit', image: 'busybox', command: ['sh', '-c', 'ulimit -n 65536'], securityContext: { privileged: true } },
        ],
      },
    },
    volumeClaimTemplates: [{ metadata: { name: 'data', labels: { app: 'elasticsearch' } }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } } }],
  },
};
const client: KubeObject = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
};

let cluster: Cluster;
let network: ClusterNetwork;
const curl = (args: string): string => sh(cluster, network, 'client', `curl -s ${args}`).out;
const health = (): Record<string, unknown> => JSON.parse(curl('elasticsearch.kube-logging:9200/_cluster/health')) as Record<string, unknown>;

beforeAll(() => {
  cluster = new Cluster({ seed: 5 });
  network = attachNetwork(cluster);
  attachVolumes(cluster);
  create(cluster, namespace, service, statefulSet, client);
  cluster.advance(150_000);
}, 60_000);

describe('a three-node Elasticsearch StatefulSet', () => {
  it('forms one cluster of three nodes, es-cluster-0 elected', () => {
    const pods = (cluster.handle({ method: 'GET', path: '/api/v1/namespaces/kube-logging/pods' }).body as { items: { metadata: { name: string }; status: { phase: string } }[] }).items;
    expect(pods.map((p) => `${p.metadata.name} ${p.status.phase}`)).toEqual(['es-cluster-0 Running', 'es-cluster-1 Running', 'es-cluster-2 Running']);
    expect(curl("'elasticsearch.kube-logging:9200/_cluster/health?pretty'")).toContain('"number_of_nodes" : 3,\n  "number_of_data_nodes" : 3,');
    const rows = curl("'elasticsearch.kube-logging:9200/_cat/nodes?h=ip,master,name'").trimEnd().split('\n').map((r) => r.split(/\s+/));
    expect(rows.map((r) => r.slice(1))).toEqual([['*', 'es-cluster-0'], ['-', 'es-cluster-1'], ['-', 'es-cluster-2']]);
    expect(rows.every((r) => /^10\.244\.\d+\.\d+$/.test(r[0]))).toBe(true);
  });

  it('holds one set of documents whichever pod answers', () => {
    sh(cluster, network, 'client', `curl -s -X PUT -H 'Content-Type: application/json' -d '{"settings":{"number_of_replicas":1}}' es-cluster-2.elasticsearch.kube-logging:9200/app`);
    sh(cluster, network, 'client', `curl -s -X PUT -H 'Content-Type: application/json' -d '{"msg":"hi"}' es-cluster-2.elasticsearch.kube-logging:9200/app/_doc/1`);
    for (const pod of ['es-cluster-0', 'es-cluster-1']) expect(curl(`${pod}.elasticsearch.kube-logging:9200/app/_count`)).toBe('{"count":1,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0}}');
    expect(health()).toMatchObject({ status: 'green', active_shards: 2 });
  });

  it('drops to two nodes and yellow while a deleted pod is replaced, then is whole again', () => {
    // app's one shard: primary on es-cluster-0, replica on es-cluster-1 (see elasticsearch-allocation.ts).
    cluster.handle({ method: 'DELETE', path: '/api/v1/namespaces/kube-logging/pods/es-cluster-1' });
    cluster.advance(5_000);
    expect(health()).toMatchObject({ status: 'yellow', number_of_nodes: 2, unassigned_shards: 1, delayed_unassigned_shards: 1 });
    cluster.advance(40_000);
    expect(health()).toMatchObject({ status: 'green', number_of_nodes: 3 });
    expect(curl('es-cluster-1.elasticsearch.kube-logging:9200/app/_doc/1')).toContain('"found":true');
  });
});
