/**
 * Networking through the real kubectl against one `kubelab serve` with a manual clock: load spread
 * over endpoints, ClientIP affinity, CoreDNS names (Services, headless StatefulSet pods, SRV,
 * search paths, ExternalName), NetworkPolicies that drop and allow, an Ingress through
 * ingress-nginx, a NodePort, a LoadBalancer turned ClusterIP and `port-forward svc/…` — each
 * scenario in its own namespace, with the exact texts of curl 8.11 and busybox 1.36. A twin lab
 * with the same seed runs the first commands through the emulator and must print the same bytes.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, noKubectlMessage, splitArgs, startRealKubectl, type KubectlResult, type RealKubectl } from '../support/kubectl.ts';
import { advance } from '../support/scenario.ts';

/** A Deployment of kubelab/hello (it answers with its pod name) and its Service on port 80. */
const helloApp = (name: string, namespace: string, replicas: number, serviceSpec = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: hello
        image: kubelab/hello:1.0
        ports: [{name: http, containerPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {app: ${name}}
  ports: [{name: http, port: 80, targetPort: http}]
${serviceSpec}`;

const service = (name: string, namespace: string, selector: string, extra: string): string => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {app: ${selector}}
${extra}`;

/** curl's own image (`sleep` keeps it running) and busybox, for wget and nslookup. */
const clients = (namespace: string, curlName = 'client', labels = '{}'): string => `apiVersion: v1
kind: Pod
metadata: {name: ${curlName}, namespace: ${namespace}, labels: ${labels}}
spec:
  containers:
  - {name: curl, image: 'curlimages/curl:8.11.1', command: [sleep, infinity]}
---
apiVersion: v1
kind: Pod
metadata: {name: box, namespace: ${namespace}}
spec:
  containers:
  - {name: box, image: 'busybox:1.36', command: [sleep, '3600']}
`;

const namespace = (name: string, labels = '{}'): string => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: ${labels}}\n`;

const files: Record<string, string> = {
  'lb.yaml': [
    namespace('lb'), helloApp('web', 'lb', 3), clients('lb'),
    service('web-sticky', 'lb', 'web', '  sessionAffinity: ClientIP\n  ports: [{port: 80, targetPort: 8080}]\n'),
    service('web-np', 'lb', 'web', '  type: NodePort\n  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]\n'),
    service('empty', 'lb', 'nothing', '  ports: [{port: 80, targetPort: 8080}]\n'),
    'apiVersion: v1\nkind: Service\nmetadata: {name: search, namespace: lb}\nspec:\n  type: ExternalName\n  externalName: web.lb.svc.cluster.local\n',
  ].join('---\n'),
  'db.yaml': [namespace('db'), service('db', 'db', 'db', '  clusterIP: None\n  ports: [{name: http, port: 8080}]\n'), `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - {name: hello, image: 'kubelab/hello:1.0', ports: [{name: http, containerPort: 8080}]}
`, clients('db')].join('---\n'),
  'policy.yaml': [
    namespace('policy'), helloApp('api', 'policy', 1), clients('policy', 'outsider'),
    namespace('frontend', '{team: frontend}'), clients('frontend', 'client', '{role: client}').split('---\n')[0], clients('frontend', 'other').split('---\n')[0],
    `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-ingress, namespace: policy}
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-frontend-clients, namespace: policy}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {team: frontend}}
      podSelector: {matchLabels: {role: client}}
    ports:
    - {protocol: TCP, port: 8080}
`].join('---\n'),
  'shop.yaml': [namespace('shop'), helloApp('cart', 'shop', 2), `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example
    http:
      paths:
      - {path: /, pathType: Exact, backend: {service: {name: cart, port: {number: 80}}}}
      - {path: /healthz, pathType: Prefix, backend: {service: {name: cart, port: {name: http}}}}
`].join('---\n'),
};

/** A TCP port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const hello = (pod: string): string => `Hello from kubelab/hello 1.0 on ${pod}\n`;
const failed = (stderr: string, exitCode: number): KubectlResult => ({ stdout: '', stderr: `${stderr}command terminated with exit code ${exitCode}\n`, exitCode });
const nginx404 = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const dnsServer = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';

/** Run the real kubectl against a lab, moving its manual clock a second every 50 ms until kubectl exits. */
async function runAdvancing(lab: RealKubectl, args: string[]): Promise<KubectlResult> {
  let done = false;
  const running = lab.run(args).finally(() => { done = true; });
  for (let i = 0; i < 400 && !done; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (!done) advance(lab, 1);
  }
  return running;
}

describe.skipIf(!kubectlPath)('networking scenarios through the real kubectl', () => {
  let k: RealKubectl;
  let twin: RealKubectl;
  /** Facts of the running cluster, read once: Service IPs, pod names and IPs, node IPs. */
  const ip: Record<string, string> = {};
  const pods: Record<string, string[]> = {};
  const jsonpath = async (args: string): Promise<string> => {
    const result = await k.run(args);
    if (result.exitCode !== 0) throw new Error(result.stderr);
    return result.stdout;
  };
  /**
   * `kubectl exec` while the manual clock moves a second every 50 ms: even a 1 ms request waits
   * for virtual time to pass, and a dropped SYN waits for its timeout.
   */
  const exec = (namespace: string, pod: string, command: string): Promise<KubectlResult> =>
    runAdvancing(k, ['exec', '-n', namespace, pod, '--', ...splitArgs(command)]);

  beforeAll(async () => {
    [k, twin] = await Promise.all([startRealKubectl({ seed: 11 }), startRealKubectl({ seed: 11 })]);
    const names = Object.keys(files);
    // The same requests, in the same order, on both labs: the same pod names, IPs and random choices.
    await Promise.all([k, twin].map(async (lab) => {
      const applied = await lab.run(['apply', ...names.flatMap((name) => ['-f', name])], { files });
      expect(applied).toMatchObject({ exitCode: 0, stderr: '' });
      advance(lab, 60);
    }));
    for (const line of (await jsonpath('get svc -A -o jsonpath={range.items[*]}{.metadata.namespace}/{.metadata.name}={.spec.clusterIP}{"\\n"}{end}')).trim().split('\n')) {
      const [name, address] = line.split('=');
      ip[`svc/${name}`] = address;
    }
    for (const line of (await jsonpath('get pods -A -o jsonpath={range.items[*]}{.metadata.namespace}/{.metadata.name}={.status.podIP}{"\\n"}{end}')).trim().split('\n')) {
      const [name, address] = line.split('=');
      ip[`pod/${name}`] = address;
      const group = name.replace(/-[a-z0-9]+-[a-z0-9]{5}$/, '');
      (pods[group] ??= []).push(name.split('/')[1]);
    }
    for (const line of (await jsonpath('get nodes -o jsonpath={range.items[*]}{.metadata.name}={.status.addresses[0].address}{"\\n"}{end}')).trim().split('\n')) {
      const [name, address] = line.split('=');
      ip[`node/${name}`] = address;
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all([k?.stop(), twin?.stop()]);
  });

  it('prints through the emulator on a twin lab exactly what the real kubectl prints', async () => {
    if (!kubectlPath) throw new Error(noKubectlMessage);
    // The lab's own kubectl (a KubectlSession that moves the virtual clock while a command waits).
    const emulator = (line: string): KubectlResult => {
      const result = twin.lab.control.kubectl({ command: `kubectl ${line}` });
      if ('error' in result) throw new Error(result.error);
      return result;
    };
    const lines = [
      'exec -n lb client -- curl -s web', 'exec -n lb client -- curl -s web', 'exec -n lb client -- curl -s web',
      'exec -n lb box -- nslookup web.lb.svc.cluster.local', 'exec -n db box -- nslookup db-0.db.db.svc.cluster.local',
      'exec -n lb client -- curl -sS empty', 'exec -n lb box -- wget -qO- empty', 'exec -n lb box -- wget -qO- nosuch',
      'exec -n lb client -- curl nosuch', 'exec -n lb client -- curl -s search',
    ];
    const differences: string[] = [];
    const real: KubectlResult[] = [];
    for (const line of lines) {
      const expected = await runAdvancing(k, splitArgs(line));
      real.push(expected);
      const actual = emulator(line);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) differences.push(`kubectl ${line}\n  real:     ${JSON.stringify(expected)}\n  emulator: ${JSON.stringify(actual)}`);
    }
    expect(differences.join('\n')).toBe('');
    expect(real.slice(0, 3).every((r) => r.exitCode === 0 && pods['lb/web'].some((pod) => r.stdout === hello(pod)))).toBe(true);
    expect(real.slice(5)).toEqual([
      failed("curl: (7) Failed to connect to empty port 80 after 0 ms: Couldn't connect to server\n", 7),
      failed(`wget: can't connect to remote host (${ip['svc/lb/empty']}): Connection refused\n`, 1),
      failed("wget: bad address 'nosuch'\n", 1),
      failed('  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n'
        + '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\ncurl: (6) Could not resolve host: nosuch\n', 6),
      { stdout: expect.stringMatching(/^Hello from kubelab\/hello 1\.0 on web-/), stderr: '', exitCode: 0 },
    ]);
  }, 60_000);

  it('spreads requests to a Service over its endpoints, and sticks to one with ClientIP affinity', async () => {
    const loop = (service: string): string => `sh -c 'for i in 1 2 3 4 5 6 7 8 9; do curl -s ${service}; done'`;
    const spread = await exec('lb', 'client', loop('web'));
    const answers = spread.stdout.match(/[^\n]*\n/g) ?? [];
    expect(answers).toHaveLength(9);
    expect(answers.every((line) => pods['lb/web'].some((pod) => line === hello(pod)))).toBe(true);
    expect(new Set(answers).size).toBeGreaterThan(1);
    const sticky = (await exec('lb', 'client', loop('web-sticky'))).stdout.match(/[^\n]*\n/g) ?? [];
    expect(sticky).toHaveLength(9);
    expect(new Set(sticky).size).toBe(1);
  }, 120_000);

  it('answers DNS as CoreDNS does: Services, headless pods, SRV, search paths, ExternalName', async () => {
    const results = await Promise.all([
      exec('lb', 'box', 'nslookup web.lb.svc.cluster.local'),
      exec('db', 'box', 'nslookup db-0.db.db.svc.cluster.local'),
      exec('db', 'box', 'nslookup -type=SRV _http._tcp.db.db.svc.cluster.local'),
      exec('db', 'box', 'cat /etc/resolv.conf'),
      exec('db', 'box', 'wget -qO- db-1.db:8080'),
      exec('lb', 'box', 'nslookup search.lb.svc.cluster.local'),
    ]);
    expect(results).toEqual([
      { stdout: `${dnsServer}Name:\tweb.lb.svc.cluster.local\nAddress: ${ip['svc/lb/web']}\n\n\n`, stderr: '', exitCode: 0 },
      { stdout: `${dnsServer}Name:\tdb-0.db.db.svc.cluster.local\nAddress: ${ip['pod/db/db-0']}\n\n\n`, stderr: '', exitCode: 0 },
      { stdout: `${dnsServer}_http._tcp.db.db.svc.cluster.local\tservice = 0 50 8080 db-0.db.db.svc.cluster.local\n_http._tcp.db.db.svc.cluster.local\tservice = 0 50 8080 db-1.db.db.svc.cluster.local\n\n`, stderr: '', exitCode: 0 },
      { stdout: 'search db.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n', stderr: '', exitCode: 0 },
      { stdout: hello('db-1'), stderr: '', exitCode: 0 },
      { stdout: `${dnsServer}search.lb.svc.cluster.local\tcanonical name = web.lb.svc.cluster.local\nName:\tweb.lb.svc.cluster.local\nAddress: ${ip['svc/lb/web']}\n\n\n`, stderr: '', exitCode: 0 },
    ]);
  }, 120_000);

  it('drops traffic a default-deny policy blocks (timeouts) and lets the allowed namespace and pods through', async () => {
    const results = await Promise.all([
      exec('frontend', 'client', 'curl -s api.policy'),
      exec('policy', 'outsider', 'curl -sS --connect-timeout 2 api'),
      exec('policy', 'box', 'wget -q -T 2 -O- api'),
      exec('frontend', 'other', 'curl -sS -m 3 http://api.policy/'),
      // The Service has no port 81: kube-proxy has no rule for it and the SYN to the ClusterIP goes nowhere.
      exec('frontend', 'client', 'curl -sS -m 1 api.policy:81'),
    ]);
    expect(results).toEqual([
      { stdout: hello(pods['policy/api'][0]), stderr: '', exitCode: 0 },
      failed('curl: (28) Failed to connect to api port 80 after 2001 ms: Timeout was reached\n', 28),
      failed('wget: download timed out\n', 1),
      failed('curl: (28) Failed to connect to api.policy port 80 after 3001 ms: Timeout was reached\n', 28),
      failed('curl: (28) Failed to connect to api.policy port 81 after 1001 ms: Timeout was reached\n', 28),
    ]);
  }, 120_000);

  it('routes an Ingress by host and path through ingress-nginx, and 404s from nginx otherwise', async () => {
    const controller = 'ingress-nginx-controller.ingress-nginx';
    const results = await Promise.all([
      exec('lb', 'client', `curl -s -H 'Host: shop.example' ${controller}/`),
      exec('lb', 'client', `curl -s -H 'Host: shop.example' ${controller}/healthz`),
      exec('lb', 'client', `curl -s -H 'Host: shop.example' ${controller}/other`),
      exec('lb', 'client', `curl -s -H 'Host: nobody.example' ${controller}/`),
      // kind maps the controller's hostPort 80 on the control-plane node (how localhost:80 reaches it).
      exec('lb', 'client', `curl -s -o /dev/null -w %{http_code} -H 'Host: shop.example' ${ip['node/control-plane']}/healthz`),
    ]);
    expect(pods['shop/cart'].some((pod) => results[0].stdout === hello(pod))).toBe(true);
    expect(results.slice(1)).toEqual([
      { stdout: 'ok\n', stderr: '', exitCode: 0 },
      { stdout: nginx404, stderr: '', exitCode: 0 },
      { stdout: nginx404, stderr: '', exitCode: 0 },
      { stdout: '200', stderr: '', exitCode: 0 },
    ]);
  }, 120_000);

  it('reaches a NodePort on every node, and turns a LoadBalancer into a ClusterIP Service', async () => {
    const answers = await Promise.all(['node-1', 'node-2', 'control-plane'].map((node) => exec('lb', 'client', `curl -s ${ip[`node/${node}`]}:30080`)));
    expect(answers.every((r) => r.exitCode === 0 && pods['lb/web'].some((pod) => r.stdout === hello(pod)))).toBe(true);

    expect(await k.run('create service loadbalancer front -n lb --tcp=80:8080')).toEqual({ stdout: 'service/front created\n', stderr: '', exitCode: 0 });
    advance(k, 5);
    expect(await jsonpath('get svc front -n lb -o jsonpath={.status.loadBalancer.ingress[0].ip}')).toMatch(/^172\.18\.255\.2\d\d$/);
    expect(await k.run(['patch', 'svc', 'front', '-n', 'lb', '-p', '{"spec":{"type":"ClusterIP"}}'])).toEqual({ stdout: 'service/front patched\n', stderr: '', exitCode: 0 });
    expect(await jsonpath('get svc front -n lb -o jsonpath={.spec.type}/{.spec.ports[0].nodePort}/{.spec.externalTrafficPolicy}/{.status}'))
      .toBe('ClusterIP///{"loadBalancer":{}}');
  }, 120_000);

  it('forwards a local port to a Service with port-forward and answers real HTTP', async () => {
    const port = await freePort();
    const home = dirname(k.workdir);
    const child = spawn(kubectlPath!, ['--server', k.lab.url, '--cache-dir', join(home, 'cache'), 'port-forward', '-n', 'lb', 'svc/web', `${port}:80`], {
      env: { ...process.env, HOME: home, KUBECONFIG: join(home, 'kubeconfig') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    try {
      for (let i = 0; i < 100 && !stdout.includes('[::1]'); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stdout).toBe(`Forwarding from 127.0.0.1:${port} -> 8080\nForwarding from [::1]:${port} -> 8080\n`);
      const page = await httpGet(port, '/');
      expect(page.status).toBe(200);
      expect(pods['lb/web'].some((pod) => page.body === hello(pod))).toBe(true);
      expect(await httpGet(port, '/healthz')).toEqual({ status: 200, body: 'ok\n' });
      expect(stderr).toBe('');
    } finally {
      child.kill();
    }
  }, 120_000);
});
