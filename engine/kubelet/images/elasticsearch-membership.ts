/**
 * One node's part in a cluster: what it answers on the transport port (handshake, its store for
 * peer recovery, replicated writes) and, for each REST request it takes, the cluster as it sees it
 * at that moment — members, master, shard allocation — after catching up if it has been away.
 * Membership is worked out again at every request (level-driven): nothing is pushed between pods,
 * so a pod that is deleted simply stops answering and drops out.
 */
import type { HttpAnswer, HttpRequest } from './behaviours.ts';
import { allocate, roster } from './elasticsearch-allocation.ts';
import type { ClusterSnapshot } from './elasticsearch-cat.ts';
import type { Handshake, Member } from './elasticsearch-discovery.ts';
import { clustered, discover, transport, transportHeader } from './elasticsearch-discovery.ts';
import type { EsConfig } from './elasticsearch.ts';
import type { ReplicaOp, ReplicatedStore } from './elasticsearch-replication.ts';
import type { StoreDump } from './elasticsearch-store.ts';

/** No master elected: whether a cluster was ever formed decides which block a request hits. */
export interface NoMaster {
  noMaster: true;
  formed: boolean;
}

/** A node's view of its cluster and its transport endpoint. */
export class ClusterMembership {
  /** Members missed since they left (name → when), for delayed allocation. */
  private readonly departed = new Map<string, number>();
  private readonly known = new Set<string>();
  /** Its own address as the other members see it (the pod IP). */
  private learntIp?: string;

  constructor(private readonly config: EsConfig, private readonly store: ReplicatedStore, private readonly major: number) {}

  /** The cluster now, or why there is no master. */
  snapshot(now: number): ClusterSnapshot | NoMaster {
    const own = this.store.clusterState();
    const self = { name: this.config.nodeName, startedAt: this.config.startedAt, version: own.version, formed: own.formed };
    const base = { clusterName: this.config.clusterName, version: this.config.version, oss: this.config.oss };
    const discovery = this.config.discovery;
    if (!discovery || !clustered(discovery, this.config.network)) {
      const member: Member = { ...self, ip: this.config.ip ?? this.learntIp ?? '127.0.0.1' };
      return { ...base, members: [member], master: member, allocation: allocate(this.store.indices(), [member.name], new Set([member.name])) };
    }
    const network = this.config.network;
    const view = discover(self, this.config.clusterName, discovery, network, this.major);
    this.learntIp = view.selfIp ?? this.learntIp;
    const members = view.members.map((m) => (m.name === self.name && !m.ip ? { ...m, ip: this.config.ip ?? this.learntIp ?? '127.0.0.1' } : m));
    if (!view.master) return { noMaster: true, formed: view.formed };
    // Peer recovery: a node that was away copies the store of the member with the newest state.
    const newest = members.reduce((a, b) => (b.version > a.version ? b : a));
    if (newest.version > own.version && newest.name !== self.name) {
      const answer = transport(network, newest.host ?? newest.ip, 'dump');
      if (answer?.status === 200) this.store.restore(JSON.parse(answer.body) as StoreDump);
    }
    const state = this.store.clusterState();
    if (!state.formed) this.store.setClusterState({ ...state, formed: true });
    const names = members.map((m) => m.name);
    const master = members.find((m) => m.name === view.master!.name)!;
    // The master owns shard allocation (and remembers who left): every member asks it, so all answer alike.
    // Each node keeps the same memory too, so a newly elected master knows who left before it.
    const local = this.roster(names, now);
    const fromMaster = master.name === self.name ? undefined : transport(network, master.host ?? master.ip, 'roster', { live: names });
    const placement = fromMaster?.status === 200 ? (JSON.parse(fromMaster.body) as { roster: string[] }).roster : local;
    return { ...base, members, master, allocation: allocate(this.store.indices(), placement, new Set(names)) };
  }

  /** The nodes shards are placed on: the live ones and those that left less than a minute ago. */
  private roster(live: string[], now: number): string[] {
    return roster(live, this.departed, this.known, now);
  }

  /**
   * Send this request's writes to the other members, on top of the state version they share.
   * A member at another version missed writes while it was away: it gets the whole store.
   */
  replicate(cluster: ClusterSnapshot): void {
    const ops = this.store.take();
    const network = this.config.network;
    if (!ops.length || cluster.members.length < 2 || !network) return;
    const state = this.store.clusterState();
    const next = { version: state.version + 1, formed: true };
    this.store.setClusterState(next);
    for (const member of cluster.members) {
      if (member.name === this.config.nodeName) continue;
      const target = member.host ?? member.ip;
      const answer = transport(network, target, 'apply', { base: state.version, version: next.version, ops });
      if (answer?.status === 409) transport(network, target, 'restore', this.store.dump());
    }
  }

  /** Answer a transport message on 9300; undefined for plain HTTP (which real ES refuses there). */
  answer(request: HttpRequest, now: number): HttpAnswer | undefined {
    const action = Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === transportHeader)?.[1];
    if (!action) return undefined;
    const body = JSON.parse(request.body || '{}') as unknown;
    const state = this.store.clusterState();
    switch (action) {
      case 'handshake': {
        const hello: Handshake = { name: this.config.nodeName, cluster_name: this.config.clusterName, started_at: this.config.startedAt, version: state.version, formed: state.formed, remote_address: request.client };
        return { status: 200, body: JSON.stringify(hello) };
      }
      case 'roster':
        return { status: 200, body: JSON.stringify({ roster: this.roster((body as { live: string[] }).live, now) }) };
      case 'dump':
        return { status: 200, body: JSON.stringify(this.store.dump()) };
      case 'apply': {
        const change = body as { base: number; version: number; ops: ReplicaOp[] };
        if (change.base !== state.version) return { status: 409, body: '{}' };
        this.store.applyReplica(change.ops);
        this.store.setClusterState({ version: change.version, formed: true });
        return { status: 200, body: '{}' };
      }
      case 'restore':
        this.store.restore(body as StoreDump);
        return { status: 200, body: '{}' };
      default:
        return { status: 400, body: '{}' };
    }
  }
}
