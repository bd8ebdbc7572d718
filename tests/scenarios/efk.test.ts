/**
 * The EFK stack through the real kubectl: the corpus's Elasticsearch StatefulSet (with
 * volumeClaimTemplates), its Service, the official Fluentd DaemonSet and Kibana are applied as
 * files, a counter pod logs a line a second, and after a few virtual minutes
 * `kubectl exec elasticsearch-logging-0 -- curl -s 127.0.0.1:9200/...` finds its lines. (kubectl exec's
 * shell reaches only its own pod for now — engine/exec gives it no cluster network — so the checks
 * ask each server on loopback; Kibana's own status still asks Elasticsearch through the Service.)
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, noKubectlMessage, startRealKubectl, type RealKubectl } from '../support/kubectl.ts';
import { advance } from '../support/scenario.ts';

const corpus = '/work/shared/corpus/efk';
const vct = `${corpus}/k8s-addon-fluentd-elasticsearch-with-vct/deploy-efk`;
const read = (path: string): string => readFileSync(path, 'utf8');

/** kind has no `gp2` StorageClass (its PVCs would stay Pending) and the simulation runs single-node ES. */
const statefulSet = read(`${vct}/es-statefulset.yaml`).replace('storageClassName: gp2', 'storageClassName: standard').replace('replicas: 2', 'replicas: 1');

const counter = `apiVersion: v1
kind: Pod
metadata:
  name: counter
  labels: {app: counter}
spec:
  containers:
  - name: count
    image: busybox:1.36
    args: [/bin/sh, -c, 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done']
`;

describe.skipIf(!kubectlPath)('EFK through the real kubectl', () => {
  let k: RealKubectl;
  const es = ['exec', '-n', 'kube-system', 'elasticsearch-logging-0', '-c', 'elasticsearch-logging', '--', 'curl', '-s'];
  beforeAll(async () => {
    k = await startRealKubectl({ seed: 5 });
  }, 120_000);
  afterAll(async () => { await k?.stop(); });

  it('applies the manifests and ships the counter’s lines to Elasticsearch', async () => {
    if (!kubectlPath) throw new Error(noKubectlMessage);
    const files = {
      'efk/es-statefulset.yaml': statefulSet, 'efk/es-service.yaml': read(`${vct}/es-service.yaml`),
      'efk/fluentd.yaml': read(`${corpus}/fluentd-kubernetes-daemonset/fluentd-daemonset-elasticsearch-rbac.yaml`),
      'efk/kibana-deployment.yaml': read(`${corpus}/kubernetes-cluster-addons-fluentd-elasticsearch/kibana-deployment.yaml`),
      'efk/kibana-service.yaml': read(`${vct}/kibana-service.yaml`), 'counter.yaml': counter,
    };
    const applied = await k.run('apply -f efk/ -f counter.yaml', { files });
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toContain('statefulset.apps/elasticsearch-logging created\n');
    expect(applied.stdout).toContain('daemonset.apps/fluentd created\n');
    advance(k, 180);

    const pods = await k.run('get pods -n kube-system -l k8s-app=elasticsearch-logging -o jsonpath={.items[*].status.phase}');
    expect(pods.stdout).toBe('Running');
    const pvc = await k.run('get pvc -n kube-system -o jsonpath={.items[*].status.phase}');
    expect(pvc.stdout).toBe('Bound');

    const indices = await k.run([...es, '127.0.0.1:9200/_cat/indices?v']);
    expect(indices).toMatchObject({ exitCode: 0, stderr: '' });
    expect(indices.stdout.split('\n')[0]).toBe('health status index               uuid                   pri rep docs.count docs.deleted store.size pri.store.size');
    expect(indices.stdout.split('\n')[1]).toMatch(/^yellow open {3}logstash-2026\.01\.01 /);

    const found = await k.run([...es, '127.0.0.1:9200/_search?q=kubernetes.pod_name:counter&size=1&sort=@timestamp:desc']);
    const body = JSON.parse(found.stdout) as { hits: { total: number; hits: { _source: { log: string; kubernetes: { pod_name: string; namespace_name: string } } }[] } };
    expect(body.hits.total).toBeGreaterThan(60);
    expect(body.hits.hits[0]._source).toMatchObject({ log: expect.stringMatching(/^\d+: Thu Jan {2}1 00:0\d:\d\d UTC 2026$/), kubernetes: { pod_name: 'counter', namespace_name: 'default' } });

    const health = await k.run([...es, '127.0.0.1:9200/_cluster/health?pretty']);
    expect(health.stdout).toContain('  "cluster_name" : "kubernetes-logging",\n  "status" : "yellow",\n');
  }, 120_000);

  it('shows Fluentd’s wait in its log, and Kibana green once it reaches Elasticsearch', async () => {
    const counterNode = (await k.run('get pod counter -o jsonpath={.spec.nodeName}')).stdout;
    const fluentd = (await k.run(['get', 'pods', '-n', 'kube-system', '-l', 'k8s-app=fluentd-logging', '--field-selector', `spec.nodeName=${counterNode}`, '-o', 'jsonpath={.items[0].metadata.name}'])).stdout;
    const log = await k.run(['logs', '-n', 'kube-system', fluentd]);
    expect(log.stdout).toMatch(/\[warn\]: #0 \[out_es\] Could not communicate to Elasticsearch, resetting connection and trying again\. Connection refused - connect\(2\) for 10\.96\.\d+\.\d+:9200 \(Errno::ECONNREFUSED\)\n/);
    expect(log.stdout).toContain('[info]: #0 fluentd worker is now running worker=0\n');

    const kibana = (await k.run('get pods -n kube-system -l k8s-app=kibana-logging -o jsonpath={.items[0].metadata.name}')).stdout;
    const status = await k.run(['exec', '-n', 'kube-system', kibana, '--', 'curl', '-s', '127.0.0.1:5601/api/status']);
    expect(JSON.parse(status.stdout)).toMatchObject({ version: { number: '5.6.4' }, status: { overall: { state: 'green' } } });
  }, 120_000);
});
