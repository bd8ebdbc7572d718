import { beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { KubeObject } from '../api/types.ts';
import type { ClusterNetwork } from './cluster-network.ts';
import { attachNetwork } from './index.ts';
import { nginxErrorPage } from './ingress-router.ts';
import { clientPod, create, deployment, get, makeNamespace, makeService, sh } from './test-helpers.ts';

type PodList = { items: KubeObject[] };
const podIP = (pod: KubeObject): string => (pod.status as { podIP: string }).podIP;

let cluster: Cluster;
let network: ClusterNetwork;
let webIP: string;

function podsOf(app: string, namespace = 'default'): KubeObject[] {
  return (cluster.handle({ method: 'GET', path: `/api/v1/namespaces/${namespace}/pods`, query: { labelSelector: `app=${app}` } }).body as PodList).items;
}

function log(pod: KubeObject): string {
  return cluster.handle({ method: 'GET', path: `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/log` }).body as string;
}

beforeAll(() => {
  cluster = new Cluster({ seed: 7 });
  network = attachNetwork(cluster);
  create(cluster,
    deployment('web', 'nginx:1.27', 3, { ports: [{ containerPort: 80, name: 'http' }] }),
    makeService('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }),
    makeService('empty', { selector: { app: 'nothing' }, ports: [{ port: 80 }] }),
    clientPod('client'),
    makeService('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'web', port: 80 }] }),
    {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' },
      spec: { serviceName: 'db', replicas: 2, selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    },
    makeNamespace('policy-demo'),
    { ...deployment('nginx', 'nginx:1.27', 1), metadata: { name: 'nginx', namespace: 'policy-demo' } },
    makeService('nginx', { selector: { app: 'nginx' }, ports: [{ port: 80 }] }, 'policy-demo'),
    clientPod('plain', {}, 'policy-demo'),
    clientPod('allowed', { access: 'true' }, 'policy-demo'),
  );
  cluster.advance(60_000);
  webIP = (get<KubeObject>(cluster, '/api/v1/namespaces/default/services/web').spec as { clusterIP: string }).clusterIP;
}, 120_000);

describe('Service traffic from a busybox pod', () => {
  it('spreads wget over the three nginx pods, each logging the client', () => {
    const client = podIP(get(cluster, '/api/v1/namespaces/default/pods/client'));
    const result = sh(cluster, network, 'client', 'for i in 1 2 3 4 5 6 7 8 9 10 11 12; do wget -q -O- http://web >/dev/null; done; wget -qO- web:80/ >/dev/null');
    expect(result.code).toBe(0);
    const hits = podsOf('web').map((pod) => log(pod).split('\n').filter((line) => line.startsWith(`${client} - - [`)).length);
    expect(hits.reduce((a, b) => a + b, 0)).toBe(13);
    expect(hits.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    const line = podsOf('web').map(log).join('').split('\n').find((l) => l.startsWith(client))!;
    expect(line).toMatch(new RegExp(`^${client.replace(/\./g, '\\.')} - - \\[01/Jan/2026:00:01:00 \\+0000\\] "GET / HTTP/1\\.1" 200 615 "-" "Wget" "-"$`));
  });

  it.each([
    ['wget -q -O- web.default.svc.cluster.local >/tmp/page && echo ok', 'ok\n', 0],
    ['wget web/missing', 'Connecting to web (WEB:80)\nwget: server returned error: HTTP/1.1 404 Not Found\n', 1],
    ['wget -O /tmp/x web:80 && cat /tmp/x >/dev/null', "Connecting to web:80 (WEB:80)\nsaving to '/tmp/x'\n/tmp/x               100% |********************************|   615  0:00:00 ETA\n'/tmp/x' saved\n", 0],
    ['wget -q -O- http://nope', "wget: bad address 'nope'\n", 1],
    ['wget -q -O- http://empty', "wget: can't connect to remote host (EMPTY): Connection refused\n", 1],
    ['curl -s http://nope; echo " exit=$?"', ' exit=6\n', 0],
    ['curl -sS http://nope:8080/x', 'curl: (6) Could not resolve host: nope\n', 6],
    ['curl -sS http://empty', "curl: (7) Failed to connect to empty port 80 after 1 ms: Couldn't connect to server\n", 7],
    ["curl -s -o /dev/null -w '%{http_code}' http://web/missing", '404', 0],
    ["curl -s -o /dev/null -w '%{http_code}\\n' http://nope", '000\n', 6],
    ['curl -sI http://web.default.svc.cluster.local', 'HTTP/1.1 200 OK\r\nDate: Thu, 01 Jan 2026 00:01:00 GMT\r\nContent-Type: text/html\r\nContent-Length: 615\r\nConnection: keep-alive\r\n\r\n', 0],
  ])('%s', (script, expected, code) => {
    const emptyIP = (get<KubeObject>(cluster, '/api/v1/namespaces/default/services/empty').spec as { clusterIP: string }).clusterIP;
    const result = sh(cluster, network, 'client', script);
    expect({ out: result.out, code: result.code }).toEqual({ out: expected.replace('EMPTY', emptyIP).replace('WEB', webIP), code });
  });

  it('answers from the node: a NodePort on any node and the ingress hostPort', () => {
    const nodePort = (get<KubeObject>(cluster, '/api/v1/namespaces/ingress-nginx/services/ingress-nginx-controller').spec as { ports: { nodePort: number }[] }).ports[0].nodePort;
    const viaNodePort = network.fetchInCluster({ fromNode: 'node-2', url: `http://172.18.0.4:${nodePort}/` });
    expect('status' in viaNodePort && viaNodePort.status).toBe(404);
    expect(network.fetchInCluster({ fromNode: 'node-1', url: `http://${webIP}/` })).toMatchObject({ status: 200, address: webIP, port: 80 });
    expect(network.fetchInCluster({ fromNode: 'node-1', url: 'http://web/' })).toMatchObject({ error: 'could not resolve host' });
  });
});

describe('DNS', () => {
  it('prints nslookup as busybox does, trying each search domain', () => {
    const result = sh(cluster, network, 'client', 'nslookup web');
    expect(result.out).toBe([
      'Server:\t\t10.96.0.10', 'Address:\t10.96.0.10:53', '',
      'Name:\tweb.default.svc.cluster.local', `Address: ${webIP}`, '',
      "** server can't find web.svc.cluster.local: NXDOMAIN", '',
      "** server can't find web.cluster.local: NXDOMAIN", '',
      '', // AAAA web.default.svc.cluster.local: NODATA prints only the blank line
      "** server can't find web.svc.cluster.local: NXDOMAIN", '',
      "** server can't find web.cluster.local: NXDOMAIN", '', '',
    ].join('\n'));
    expect(result.code).toBe(1);
  });

  it('names StatefulSet pods through their headless Service', () => {
    const [db0, db1] = ['db-0', 'db-1'].map((n) => podIP(get(cluster, `/api/v1/namespaces/default/pods/${n}`)));
    expect(sh(cluster, network, 'client', 'nslookup -type=a db-0.db.default.svc.cluster.local').out)
      .toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tdb-0.db.default.svc.cluster.local\nAddress: ${db0}\n\n`);
    const all = sh(cluster, network, 'client', 'nslookup -type=a db.default.svc.cluster.local').out;
    expect(all).toContain(`Name:\tdb.default.svc.cluster.local\nAddress: ${db0}\n`);
    expect(all).toContain(`Name:\tdb.default.svc.cluster.local\nAddress: ${db1}\n`);
    expect(sh(cluster, network, 'client', 'nslookup -type=srv _web._tcp.db.default.svc.cluster.local').out).toContain(`_web._tcp.db.default.svc.cluster.local\tservice = 0 50 80 db-0.db.default.svc.cluster.local\n`);
    expect(sh(cluster, network, 'client', 'wget -q -O- db-1.db >/dev/null').code).toBe(0);
    expect(sh(cluster, network, 'client', 'cat /etc/resolv.conf').out).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('times out when no CoreDNS pod is ready', () => {
    cluster.handle({ method: 'PATCH', path: '/apis/apps/v1/namespaces/kube-system/deployments/coredns/scale', headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { replicas: 0 } } });
    cluster.advance(40_000);
    expect(sh(cluster, network, 'client', 'nslookup web')).toEqual({ out: ';; connection timed out; no servers could be reached\n\n', code: 1, slept: 5000 });
    expect(sh(cluster, network, 'client', 'wget -q -O- web')).toEqual({ out: "wget: bad address 'web'\n", code: 1, slept: 10_000 });
    cluster.handle({ method: 'PATCH', path: '/apis/apps/v1/namespaces/kube-system/deployments/coredns/scale', headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { replicas: 2 } } });
    cluster.advance(60_000);
    expect(sh(cluster, network, 'client', 'wget -q -O- web >/dev/null').code).toBe(0);
  });
});

describe('NetworkPolicy (the "Declare Network Policy" walkthrough)', () => {
  const spider = (pod: string): { out: string; code: number; slept: number } => sh(cluster, network, pod, 'wget --spider --timeout=1 nginx', 'policy-demo');

  it('lets everyone in until a policy selects nginx, then only access=true pods', () => {
    const nginxIP = (get<KubeObject>(cluster, '/api/v1/namespaces/policy-demo/services/nginx').spec as { clusterIP: string }).clusterIP;
    const connecting = `Connecting to nginx (${nginxIP}:80)\n`;
    expect(spider('plain')).toEqual({ out: `${connecting}remote file exists\n`, code: 0, slept: 1 });
    create(cluster, {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'access-nginx', namespace: 'policy-demo' },
      spec: { podSelector: { matchLabels: { app: 'nginx' } }, ingress: [{ from: [{ podSelector: { matchLabels: { access: 'true' } } }] }] },
    });
    expect(spider('plain')).toEqual({ out: `${connecting}wget: download timed out\n`, code: 1, slept: 1000 });
    expect(spider('allowed')).toEqual({ out: `${connecting}remote file exists\n`, code: 0, slept: 1 });
    expect(sh(cluster, network, 'plain', 'curl -sS --connect-timeout 2 http://nginx', 'policy-demo')).toEqual({ out: 'curl: (28) Failed to connect to nginx port 80 after 2001 ms: Timeout was reached\n', code: 28, slept: 2000 });
  });

  it('a default-deny egress policy also blocks DNS until UDP 53 to kube-dns is allowed', () => {
    create(cluster, {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny-egress', namespace: 'policy-demo' },
      spec: { podSelector: {}, policyTypes: ['Egress'] },
    });
    expect(sh(cluster, network, 'allowed', 'wget -q -T 1 -O- nginx', 'policy-demo')).toEqual({ out: "wget: bad address 'nginx'\n", code: 1, slept: 10_000 });
    create(cluster, {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow-dns', namespace: 'policy-demo' },
      spec: {
        podSelector: {}, policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
      },
    });
    expect(sh(cluster, network, 'allowed', 'wget -q -T 1 -O- nginx', 'policy-demo')).toEqual({ out: 'wget: download timed out\n', code: 1, slept: 1000 });
    create(cluster, {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow-web-egress', namespace: 'policy-demo' },
      spec: { podSelector: { matchLabels: { access: 'true' } }, egress: [{ to: [{ podSelector: { matchLabels: { app: 'nginx' } } }], ports: [{ port: 80 }] }] },
    });
    expect(sh(cluster, network, 'allowed', 'wget -q -T 1 -O- nginx >/dev/null', 'policy-demo').code).toBe(0);
  });
});

describe('Ingress through ingress-nginx', () => {
  it('routes two paths to two Services, publishes localhost, and 404s the rest', () => {
    create(cluster,
      deployment('hello', 'kubelab/hello:1.0', 1),
      makeService('hello', { selector: { app: 'hello' }, ports: [{ port: 8080 }] }),
      {
        apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'demo', namespace: 'default' },
        spec: {
          ingressClassName: 'nginx',
          rules: [{ host: 'demo.local', http: { paths: [
            { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
            { path: '/healthz', pathType: 'Exact', backend: { service: { name: 'hello', port: { number: 8080 } } } },
          ] } }],
        },
      });
    cluster.advance(30_000);
    expect((get<KubeObject>(cluster, '/apis/networking.k8s.io/v1/namespaces/default/ingresses/demo').status)).toEqual({ loadBalancer: { ingress: [{ hostname: 'localhost' }] } });
    const fetch = (host: string, path: string): unknown => {
      const result = network.fetchInCluster({ fromNode: 'control-plane', url: `http://172.18.0.2${path}`, headers: { Host: host } });
      return 'status' in result ? [result.status, result.body.slice(0, 30)] : result;
    };
    expect(fetch('demo.local', '/')).toEqual([200, '<!DOCTYPE html>\n<html>\n<head>\n']);
    expect(fetch('demo.local', '/healthz')).toEqual([200, 'ok\n']);
    expect(fetch('other.local', '/')).toEqual([404, nginxErrorPage(404, 'Not Found').slice(0, 30)]);
    expect(sh(cluster, network, 'client', "curl -s -H 'Host: demo.local' http://ingress-nginx-controller.ingress-nginx/healthz").out).toBe('ok\n');
  });
});

describe('LoadBalancer Services', () => {
  it('get an address from the kind pool that kube-proxy routes', () => {
    create(cluster, makeService('web-lb', { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 8080, targetPort: 80 }] }));
    const status = get<KubeObject>(cluster, '/api/v1/namespaces/default/services/web-lb').status;
    expect(status).toEqual({ loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } });
    expect(network.fetchInCluster({ fromNode: 'node-3', url: 'http://172.18.255.200:8080/' })).toMatchObject({ status: 200 });
    create(cluster, makeService('second-lb', { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] }));
    expect(get<KubeObject>(cluster, '/api/v1/namespaces/default/services/second-lb').status).toEqual({ loadBalancer: { ingress: [{ ip: '172.18.255.201' }] } });
    const patched = cluster.handle({ method: 'PATCH', path: '/api/v1/namespaces/default/services/web-lb', headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { type: 'ClusterIP', ports: [{ port: 8080, targetPort: 80 }], allocateLoadBalancerNodePorts: null, externalTrafficPolicy: null } } });
    expect(patched.status).toBe(200);
    expect(get<KubeObject>(cluster, '/api/v1/namespaces/default/services/web-lb').status).toEqual({ loadBalancer: {} });
    expect(network.fetchInCluster({ fromNode: 'node-3', url: 'http://172.18.255.200:8080/', connectTimeoutMs: 1000 })).toMatchObject({ error: 'timeout', elapsedMs: 1000 });
  });
});
