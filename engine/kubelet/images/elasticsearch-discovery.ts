/**
 * How Elasticsearch nodes in pods find each other and elect a master. Settings come from the
 * environment (the docker image turns `discovery.seed_hosts=…` variables into settings) or
 * `config/elasticsearch.yml`. A node asks every seed host (the headless Service's per-pod names,
 * `es-cluster-0.elasticsearch`) over the transport port, through the pod network, so DNS and
 * NetworkPolicies decide who is reachable. Those that answer with the same `cluster.name` are the
 * members. ES 7+ bootstraps the first time once a majority of `cluster.initial_master_nodes` are
 * among them, and afterwards keeps a master while a majority of that voting configuration is up;
 * ES 6 needs `discovery.zen.minimum_master_nodes`. `discovery.type: single-node` never looks.
 */
import type { PodNetwork } from '../../network/cluster-network.ts';
import type { FileMap } from './elasticsearch-store.ts';

/** The discovery settings of a node. */
export interface DiscoverySettings {
  seedHosts: string[];
  initialMasterNodes: string[];
  /** ES 6's `discovery.zen.minimum_master_nodes` (default 1). */
  minimumMasterNodes: number;
  singleNode: boolean;
}

/** What a member says of itself in the transport handshake. */
export interface Handshake {
  name: string;
  cluster_name: string;
  started_at: number;
  version: number;
  formed: boolean;
  /** The asking node's address as this member sees it: how a node learns its own IP. */
  remote_address: string;
}

/** A member of the cluster as the coordinating node sees it. */
export interface Member {
  name: string;
  ip: string;
  startedAt: number;
  version: number;
  formed: boolean;
  /** The seed host it answered on; undefined for the node itself when it is not a seed host. */
  host?: string;
}

/** The cluster as one node sees it: the members (by name), the elected master if there is one. */
export interface ClusterView {
  members: Member[];
  master?: Member;
  /** Why there is no master: not bootstrapped yet, or too few of the voting configuration. */
  formed: boolean;
}

/** The header that marks the simulation's transport messages on port 9300 (real ES speaks its binary protocol there). */
export const transportHeader = 'x-elasticsearch-transport';

const list = (value: string | undefined): string[] => (value ?? '').replace(/^\[|\]$/g, '').split(',').map((s) => s.trim().replace(/^["']|["']$/g, '')).filter(Boolean);

/** `key: value` lines of elasticsearch.yml (flat keys, the way the docs and tutorials write them). */
function yamlSettings(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of (text ?? '').split('\n')) {
    const match = /^([A-Za-z0-9_.]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (match && match[2] !== '') out[match[1]] = match[2].replace(/^["']|["']$/g, '');
  }
  return out;
}

/** The node's settings: elasticsearch.yml under its config path, overridden by dotted environment variables. */
export function nodeSettings(env: Record<string, string>, files: FileMap, configPath = '/usr/share/elasticsearch/config'): Record<string, string> {
  const dotted = Object.fromEntries(Object.entries(env).filter(([k]) => k.includes('.')));
  return { ...yamlSettings(files.get(`${configPath}/elasticsearch.yml`)), ...dotted };
}

/** Discovery settings from the node's settings. */
export function discoverySettings(settings: Record<string, string>): DiscoverySettings {
  return {
    seedHosts: list(settings['discovery.seed_hosts'] ?? settings['discovery.zen.ping.unicast.hosts']),
    initialMasterNodes: list(settings['cluster.initial_master_nodes']),
    minimumMasterNodes: Number(settings['discovery.zen.minimum_master_nodes'] ?? 1) || 1,
    singleNode: settings['discovery.type'] === 'single-node',
  };
}

/** Whether the node looks for others at all: not single-node, with seed hosts and a network to reach them. */
export function clustered(discovery: DiscoverySettings, network: PodNetwork | undefined): network is PodNetwork {
  return !discovery.singleNode && discovery.seedHosts.length > 0 && network !== undefined;
}

/** Send one transport message to `host` (`name` or `name:port`); undefined when nothing answers. */
export function transport(network: PodNetwork, host: string, action: string, body?: unknown): { status: number; body: string; address: string } | undefined {
  const target = /:\d+$/.test(host) ? host : `${host}:9300`;
  const answer = network.fetch({ url: `http://${target}/`, method: 'POST', headers: { [transportHeader]: action, 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}), connectTimeoutMs: 1_000 });
  return 'error' in answer ? undefined : { status: answer.status, body: answer.body, address: answer.address };
}

/**
 * Ask every seed host for its handshake and decide the master. The master is the member that has
 * been up longest (ties by name): a master that stays up stays master, and a new one is elected
 * only when it leaves, as with ES's elections in a quiet cluster.
 */
export function discover(self: Omit<Member, 'ip' | 'host'>, clusterName: string, discovery: DiscoverySettings, network: PodNetwork, major: number): ClusterView & { selfIp?: string } {
  const byName = new Map<string, Member>();
  let selfIp: string | undefined;
  for (const host of discovery.seedHosts) {
    const answer = transport(network, host, 'handshake');
    if (!answer || answer.status !== 200) continue;
    const hello = JSON.parse(answer.body) as Handshake;
    selfIp ??= hello.remote_address;
    if (hello.cluster_name !== clusterName) continue;
    if (hello.name === self.name) selfIp = answer.address;
    if (!byName.has(hello.name)) byName.set(hello.name, { name: hello.name, ip: answer.address, startedAt: hello.started_at, version: hello.version, formed: hello.formed, host });
  }
  if (!byName.has(self.name)) byName.set(self.name, { ...self, ip: selfIp ?? '' });
  const members = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  const formed = members.some((m) => m.formed);
  const names = new Set(members.map((m) => m.name));
  const majority = (n: number): number => Math.floor(n / 2) + 1;
  let quorate: boolean;
  if (major < 7) quorate = members.length >= discovery.minimumMasterNodes;
  else if (formed) quorate = members.length >= majority(Math.max(discovery.initialMasterNodes.length, 1));
  // Bootstrapping counts names: a typo in initial_master_nodes never forms a cluster, as on a real one.
  else quorate = discovery.initialMasterNodes.length > 0 && discovery.initialMasterNodes.filter((n) => names.has(n)).length >= majority(discovery.initialMasterNodes.length);
  const master = quorate ? [...members].sort((a, b) => a.startedAt - b.startedAt || a.name.localeCompare(b.name))[0] : undefined;
  return { members, master, formed: formed || master !== undefined, selfIp };
}
