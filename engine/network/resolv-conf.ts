/**
 * A pod's /etc/resolv.conf as the kubelet builds it from `dnsPolicy` and `dnsConfig`, and the
 * search-list expansion the C library's resolver performs with it (`res_search` with `ndots`).
 */
import type { KubeObject } from '../api/types.ts';

/** kube-dns's ClusterIP: the kubelet's `--cluster-dns`. */
export const clusterDNS = '10.96.0.10';
/** The kubelet's `--cluster-domain`. */
export const clusterDomain = 'cluster.local';
/** A kind node's own resolv.conf names docker's gateway on the `kind` network. */
export const nodeResolver = { nameservers: ['172.18.0.1'], searches: [] as string[], options: [['ndots', '0']] as [string, string | undefined][] };

/** A parsed resolv.conf. */
export interface ResolvConf {
  nameservers: string[];
  searches: string[];
  /** `ndots:5` as `['ndots', '5']`; flags such as `edns0` have no value. */
  options: [string, string | undefined][];
}

interface PodDNSSpec {
  dnsPolicy?: string;
  hostNetwork?: boolean;
  dnsConfig?: { nameservers?: string[]; searches?: string[]; options?: { name: string; value?: string }[] };
}

/**
 * The resolv.conf of a pod. ClusterFirst (the default) points at kube-dns with the namespace's
 * search list and `ndots:5`; a host-network pod with ClusterFirst falls back to the node's file
 * (only ClusterFirstWithHostNet keeps cluster DNS there); `None` uses `dnsConfig` alone, which
 * is merged into every other policy too (nameservers at most 3, searches de-duplicated).
 */
export function podResolvConf(pod: KubeObject): ResolvConf {
  const spec = (pod.spec ?? {}) as PodDNSSpec;
  const namespace = pod.metadata.namespace ?? 'default';
  let policy = spec.dnsPolicy ?? 'ClusterFirst';
  if (policy === 'ClusterFirst' && spec.hostNetwork) policy = 'Default';
  let conf: ResolvConf;
  if (policy === 'ClusterFirst' || policy === 'ClusterFirstWithHostNet') {
    conf = { nameservers: [clusterDNS], searches: [`${namespace}.svc.${clusterDomain}`, `svc.${clusterDomain}`, clusterDomain], options: [['ndots', '5']] };
  } else if (policy === 'Default') {
    conf = { nameservers: [...nodeResolver.nameservers], searches: [...nodeResolver.searches], options: [...nodeResolver.options] };
  } else {
    conf = { nameservers: [], searches: [], options: [] };
  }
  const extra = spec.dnsConfig;
  if (extra) {
    conf.nameservers = [...new Set([...conf.nameservers, ...(extra.nameservers ?? [])])].slice(0, 3);
    conf.searches = [...new Set([...conf.searches, ...(extra.searches ?? [])])];
    for (const option of extra.options ?? []) {
      const at = conf.options.findIndex(([name]) => name === option.name);
      if (at >= 0) conf.options[at] = [option.name, option.value];
      else conf.options.push([option.name, option.value]);
    }
  }
  return conf;
}

/** The file's text, in the order containerd writes it: search, nameserver, options. */
export function formatResolvConf(conf: ResolvConf): string {
  const lines: string[] = [];
  if (conf.searches.length) lines.push(`search ${conf.searches.join(' ')}`);
  for (const server of conf.nameservers) lines.push(`nameserver ${server}`);
  if (conf.options.length) lines.push(`options ${conf.options.map(([n, v]) => (v === undefined ? n : `${n}:${v}`)).join(' ')}`);
  return lines.map((l) => l + '\n').join('');
}

/** `ndots` from the options (the resolver's default is 1). */
export function ndots(conf: ResolvConf): number {
  const value = conf.options.find(([name]) => name === 'ndots')?.[1];
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) ? Math.min(Math.max(n, 0), 15) : 1;
}

/**
 * The names the resolver tries, in order: a name ending in `.` is absolute; a name with at least
 * `ndots` dots is tried as given first, then with each search domain; otherwise the search
 * domains come first and the bare name last. With ndots:5, `web` tries
 * `web.default.svc.cluster.local` first — which is why short Service names work in pods.
 */
export function searchCandidates(name: string, conf: ResolvConf): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = conf.searches.map((domain) => `${name}.${domain}`);
  return dots >= ndots(conf) ? [name, ...searched] : [...searched, name];
}
