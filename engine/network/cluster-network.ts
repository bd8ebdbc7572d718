/**
 * The cluster's data plane in one place: DNS (CoreDNS), kube-proxy, NetworkPolicy and the
 * ingress-nginx data path, joined into `fetchInCluster` — the simulated HTTP that `wget`, `curl`,
 * graders and the lab use. It reads the cluster only through shared informers and writes nothing;
 * the processes that answer are the kubelets' (`httpGet`).
 */
import type { KubeObject } from '../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../runtime/controller.ts';
import { WorkQueue } from '../runtime/workqueue.ts';
import type { DnsAnswer, DnsType } from './dns.ts';
import { queryDns, resolveHost } from './dns.ts';
import type { InClusterError, InClusterRequest, InClusterResult } from './http.ts';
import { kernelConnectTimeoutMs, parseUrl, resolverTimeoutMs, responseHeaders, statusText } from './http.ts';
import { nginxErrorPage, routeIngress } from './ingress-router.ts';
import type { Listers, PodView } from './listers.ts';
import { findService, nodeAddresses, podByIP, podView, serviceSpec } from './listers.ts';
import type { Peer } from './network-policy.ts';
import { policyAllows } from './network-policy.ts';
import type { ResolvConf } from './resolv-conf.ts';
import { clusterDNS, formatResolvConf, nodeResolver, podResolvConf, searchCandidates } from './resolv-conf.ts';
import { serviceEndpoints, ServiceProxy } from './service-proxy.ts';

/** The kubelets' answer to an HTTP request on a pod IP (Kubelets.httpGet); method, headers and body reach the process. */
export type HttpGet = (request: { ip: string; port: number; path: string; client: string; userAgent: string; method?: string; headers?: Record<string, string>; body?: string }) => { status: number; body: string; elapsedMs?: number } | { error: string };

/** What a container's shell reaches the network through (ShellContext.network). */
export interface PodNetwork {
  /** An HTTP request from this pod. */
  fetch(request: Omit<InClusterRequest, 'fromPod' | 'fromNode'>): InClusterResult;
  /** One DNS question to `server` (default: the first nameserver); undefined when no server answers. */
  dns(qname: string, qtype: DnsType, server?: string): DnsAnswer | undefined;
  /** The pod's /etc/resolv.conf. */
  resolvConf(): ResolvConf;
}

/** A request's source: its IP, who it is for policies, and the resolver it uses. */
interface Source {
  ip: string;
  peer: Peer;
  conf: ResolvConf;
}

const isIPv4 = (host: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
/** ingress-nginx's proxy-connect-timeout: 5 s, then 504. */
const ingressConnectTimeoutMs = 5_000;

/** Listers over the shared informers of a controller environment. */
function informerListers(env: ControllerEnv): Listers {
  const list = (path: string): (() => KubeObject[]) => {
    const informer = env.informer(path);
    return () => informer.list();
  };
  return {
    services: list('/api/v1/services'), endpointSlices: list('/apis/discovery.k8s.io/v1/endpointslices'), pods: list('/api/v1/pods'),
    namespaces: list('/api/v1/namespaces'), networkPolicies: list('/apis/networking.k8s.io/v1/networkpolicies'),
    ingresses: list('/apis/networking.k8s.io/v1/ingresses'), nodes: list('/api/v1/nodes'), secrets: list('/api/v1/secrets'),
  };
}

/** The simulated data plane. Register it as a controller to give it informers; it never syncs anything. */
export class ClusterNetwork implements Controller {
  readonly name = 'kubelab-network';
  readonly queue = new WorkQueue();
  private listers!: Listers;
  private proxy!: ServiceProxy;
  private now!: () => number;
  /** ingress-nginx balances round-robin per backend. */
  private readonly roundRobin = new Map<string, number>();

  constructor(private readonly httpGet: HttpGet, listers?: Listers) {
    if (listers) this.listers = listers;
  }

  start(env: ControllerEnv): void {
    this.listers ??= informerListers(env);
    this.now = () => env.clock.now();
    this.proxy = new ServiceProxy(this.listers, env.random, this.now);
  }

  sync(): SyncResult {}

  /** The network as one pod sees it: for its shell's wget, curl and nslookup. */
  podNetwork(namespace: string, name: string): PodNetwork {
    return {
      fetch: (request) => this.fetchInCluster({ ...request, fromPod: { namespace, name } }),
      dns: (qname, qtype, server) => {
        const source = this.source({ fromPod: { namespace, name }, url: '' });
        return source ? this.dnsQuery(source, qname, qtype, server) : undefined;
      },
      resolvConf: () => this.source({ fromPod: { namespace, name }, url: '' })?.conf ?? { nameservers: [clusterDNS], searches: [], options: [] },
    };
  }

  /** A pod's /etc/resolv.conf text, as `cat /etc/resolv.conf` prints it. */
  resolvConfText(namespace: string, name: string): string {
    return formatResolvConf(this.podNetwork(namespace, name).resolvConf());
  }

  /** HTTP from a pod or a node: DNS → kube-proxy → NetworkPolicy → the process that answers. */
  fetchInCluster(request: InClusterRequest): InClusterResult {
    const url = parseUrl(request.url);
    if (!url) return { error: 'bad url', host: request.url, elapsedMs: 0 };
    const source = this.source(request);
    if (!source) throw new Error(request.fromPod ? `pod ${request.fromPod.namespace}/${request.fromPod.name} has no IP` : `node ${request.fromNode} not found`);
    if (request.fromPod && (url.host === 'localhost' || url.host.startsWith('127.'))) return this.loopback(source, url.host, url.port, url.path, request);
    let address = url.host;
    if (!isIPv4(url.host)) {
      const resolved = this.resolve(source, url.host);
      if (resolved === 'timeout') return { error: 'could not resolve host', host: url.host, elapsedMs: resolverTimeoutMs };
      if (!resolved) return { error: 'could not resolve host', host: url.host, elapsedMs: 0 };
      address = resolved;
    }
    const timeout = request.connectTimeoutMs ?? kernelConnectTimeoutMs;
    const fail = (error: InClusterError['error'], elapsedMs: number): InClusterError => ({ error, host: url.host, address, port: url.port, elapsedMs });
    const decision = this.proxy.route(source.ip, address, url.port);
    if (decision.kind === 'reject') return fail('connection refused', 1);
    if (decision.kind === 'drop') return fail('timeout', timeout);
    const target = decision.kind === 'endpoint' ? { ip: decision.ip, port: decision.port } : { ip: address, port: url.port };
    const delivered = this.deliver(source, target.ip, target.port, url.path, url.host, request);
    if ('error' in delivered) return fail(delivered.error, delivered.error === 'timeout' ? timeout : 1);
    const now = this.now();
    const body = (request.method ?? 'GET') === 'HEAD' ? '' : delivered.body;
    return { status: delivered.status, statusText: statusText(delivered.status), headers: responseHeaders(delivered.body, now), body, address, port: url.port, elapsedMs: delivered.elapsedMs ?? 1 };
  }

  /**
   * `curl localhost:9200` inside a pod: the pod's own network namespace, shared by its containers.
   * Loopback traffic passes neither kube-proxy nor NetworkPolicy.
   */
  private loopback(source: Source, host: string, port: number, path: string, request: InClusterRequest): InClusterResult {
    const address = host === 'localhost' ? '127.0.0.1' : host;
    const delivered = this.answer(source.ip, port, path, address, request);
    if ('error' in delivered) return { error: 'connection refused', host, address, port, elapsedMs: 0 };
    const body = (request.method ?? 'GET') === 'HEAD' ? '' : delivered.body;
    return { status: delivered.status, statusText: statusText(delivered.status), headers: responseHeaders(delivered.body, this.now()), body, address, port, elapsedMs: 1 };
  }

  /** Who sends: a pod (its IP, or its node's with hostNetwork) or a node. */
  private source(request: InClusterRequest): Source | undefined {
    if (request.fromPod) {
      const pod = this.listers.pods().find((p) => p.metadata.namespace === request.fromPod!.namespace && p.metadata.name === request.fromPod!.name);
      if (!pod) return undefined;
      const view = podView(pod);
      const ip = view.hostNetwork ? view.hostIP : view.ip;
      if (!ip) return undefined;
      return { ip, peer: { ip, pod: view, node: view.hostNetwork ? view.nodeName : undefined }, conf: podResolvConf(pod) };
    }
    const ip = nodeAddresses(this.listers).get(request.fromNode ?? '');
    if (!ip) return undefined;
    return { ip, peer: { ip, node: request.fromNode }, conf: { ...nodeResolver, nameservers: [...nodeResolver.nameservers] } };
  }

  /**
   * Whether a DNS datagram reaches a server: kube-dns's ClusterIP goes through kube-proxy to a
   * ready CoreDNS pod, and NetworkPolicies must let UDP 53 out of the client and into CoreDNS.
   * `cluster` is false for a kind node's own resolver (docker's), which knows no cluster names.
   */
  private dnsServer(source: Source, server: string | undefined): { cluster: boolean } | undefined {
    if (!server) return undefined;
    if (server === nodeResolver.nameservers[0]) return { cluster: false };
    let ip = server;
    const decision = this.proxy.route(source.ip, server, 53, 'UDP');
    if (decision.kind === 'reject' || decision.kind === 'drop') return undefined;
    if (decision.kind === 'endpoint') ip = decision.ip;
    const pod = podByIP(this.listers, ip);
    if (!pod || !isCoreDNS(pod)) return undefined;
    return policyAllows(this.listers, source.peer, { ip, pod }, 53, 'UDP') ? { cluster: true } : undefined;
  }

  /** One DNS question to `server` (default: the first nameserver); undefined when no answer comes. */
  private dnsQuery(source: Source, qname: string, qtype: DnsType, server = source.conf.nameservers[0]): DnsAnswer | undefined {
    const reached = this.dnsServer(source, server);
    if (!reached) return undefined;
    return reached.cluster ? queryDns(this.listers, qname, qtype) : { rcode: 'NXDOMAIN', records: [] };
  }

  /** `getaddrinfo`: the search list in order against the first nameserver; 'timeout' when it does not answer. */
  private resolve(source: Source, host: string): string | undefined | 'timeout' {
    const reached = this.dnsServer(source, source.conf.nameservers[0]);
    if (!reached) return 'timeout';
    if (!reached.cluster) return undefined;
    return resolveHost(this.listers, searchCandidates(host, source.conf))?.addresses[0];
  }

  /** The packet after DNAT: to a pod (policies apply), a node's hostPort, or nowhere. */
  private deliver(source: Source, ip: string, port: number, path: string, host: string, request: InClusterRequest): { status: number; body: string; elapsedMs?: number } | { error: 'connection refused' | 'timeout' } {
    const pod = podByIP(this.listers, ip);
    if (pod) {
      if (!policyAllows(this.listers, source.peer, { ip, pod }, port)) return { error: 'timeout' };
      if (isIngressController(pod) && (port === 80 || port === 443)) return this.ingress(pod, ip, host, path, request);
      return this.answer(ip, port, path, source.ip, request);
    }
    const node = [...nodeAddresses(this.listers)].find(([, address]) => address === ip)?.[0];
    if (node) {
      // A hostPort (ingress-nginx's 80/443 on kind's control plane) forwards to the pod's containerPort.
      for (const candidate of this.listers.pods()) {
        const view = podView(candidate);
        if (view.nodeName !== node || !view.ip) continue;
        const containers = ((candidate.spec as { containers?: { ports?: { hostPort?: number; containerPort: number; protocol?: string }[] }[] }).containers ?? []);
        const mapped = containers.flatMap((c) => c.ports ?? []).find((p) => p.hostPort === port && (p.protocol ?? 'TCP') === 'TCP');
        if (mapped) return this.deliver(source, view.ip, mapped.containerPort, path, host, request);
      }
      return { error: 'connection refused' };
    }
    return { error: 'timeout' };
  }

  private answer(ip: string, port: number, path: string, client: string, request: InClusterRequest): { status: number; body: string; elapsedMs?: number } | { error: 'connection refused' | 'timeout' } {
    const answer = this.httpGet({ ip, port, path, client, userAgent: userAgent(request), method: request.method ?? 'GET', headers: request.headers, body: request.body });
    if (!('error' in answer)) return answer;
    return { error: answer.error.includes('connection refused') ? 'connection refused' : 'timeout' };
  }

  /** ingress-nginx: route by Host and path, then proxy to one endpoint of the backend Service. */
  private ingress(controller: PodView, controllerIP: string, urlHost: string, path: string, request: InClusterRequest): { status: number; body: string; elapsedMs?: number } {
    const host = (Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === 'host')?.[1] ?? urlHost).replace(/:\d+$/, '').toLowerCase();
    const route = routeIngress(this.listers.ingresses(), host, path);
    if ('notFound' in route || !route.backend.service) return { status: 404, body: nginxErrorPage(404, 'Not Found') };
    const gatewayTimeout = { status: 504, body: nginxErrorPage(504, 'Gateway Time-out'), elapsedMs: ingressConnectTimeoutMs };
    const unavailable = { status: 503, body: nginxErrorPage(503, 'Service Temporarily Unavailable') };
    const service = findService(this.listers, route.namespace, route.backend.service.name);
    if (!service) return unavailable;
    const wanted = route.backend.service.port;
    const servicePort = (serviceSpec(service).ports ?? []).find((p) => (wanted?.number !== undefined ? p.port === wanted.number : p.name === wanted?.name));
    if (!servicePort) return unavailable;
    const endpoints = serviceEndpoints(this.listers, service, servicePort);
    if (!endpoints.length) return unavailable;
    const key = `${route.namespace}/${service.metadata.name}:${servicePort.port}`;
    const turn = this.roundRobin.get(key) ?? 0;
    this.roundRobin.set(key, turn + 1);
    const endpoint = endpoints[turn % endpoints.length];
    const backendPod = podByIP(this.listers, endpoint.ip);
    const peer: Peer = { ip: controllerIP, pod: controller };
    if (backendPod && !policyAllows(this.listers, peer, { ip: endpoint.ip, pod: backendPod }, endpoint.port)) return gatewayTimeout;
    const answer = this.answer(endpoint.ip, endpoint.port, path, controllerIP, request);
    if ('error' in answer) return answer.error === 'timeout' ? gatewayTimeout : { status: 502, body: nginxErrorPage(502, 'Bad Gateway') };
    return answer;
  }
}

function userAgent(request: InClusterRequest): string {
  return Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === 'user-agent')?.[1] ?? '-';
}

/** CoreDNS pods: `k8s-app=kube-dns` in kube-system. */
function isCoreDNS(pod: PodView): boolean {
  return pod.namespace === 'kube-system' && pod.labels['k8s-app'] === 'kube-dns' && podReady(pod);
}

/** The ingress-nginx controller's pods. */
function isIngressController(pod: PodView): boolean {
  return pod.labels['app.kubernetes.io/name'] === 'ingress-nginx' && pod.labels['app.kubernetes.io/component'] === 'controller';
}

function podReady(pod: PodView): boolean {
  const conditions = ((pod.object.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}
