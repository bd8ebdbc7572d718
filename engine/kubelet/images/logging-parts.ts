/**
 * How the logging images are wired to their container: Elasticsearch's heap from ES_JAVA_OPTS or
 * the memory limit, its data path and names from the image and the pod; which Fluentd image runs.
 */
import type { CatalogueEntry } from './catalogue.ts';
import type { ContainerSpec } from './behaviours.ts';
import { discoverySettings, nodeSettings } from './elasticsearch-discovery.ts';
import { elasticsearchServer } from './elasticsearch.ts';
import type { FluentdImage } from './fluentd.ts';
import type { ShellContext } from './shell.ts';
import type { ServerParts } from './simple-servers.ts';
import { behaviourProfiles, type UsageProfile } from '../../metrics/usage.ts';
import { parseQuantity, quantityValue } from '../../api/validation/quantity.ts';

/** The JVM's memory beyond its heap (metaspace, threads, direct buffers) in a small Elasticsearch. */
const jvmOverheadBytes = 350 * 2 ** 20;

/**
 * Elasticsearch's memory: its heap plus the JVM's overhead. The heap is `-Xmx` from ES_JAVA_OPTS;
 * without one, ES 7.11+ sizes it to half the container's memory limit, and older images default to 1g.
 */
export function elasticsearchProfile(env: Record<string, string>, spec: ContainerSpec): UsageProfile {
  const units: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 };
  const xmx = /-Xmx(\d+)([kKmMgG])?/.exec(env.ES_JAVA_OPTS ?? '');
  let heap = 2 ** 30;
  if (xmx) heap = Number(xmx[1]) * (units[(xmx[2] ?? '').toLowerCase()] ?? 1);
  else {
    const limit = spec.resources?.limits?.memory;
    try {
      if (limit !== undefined) heap = Math.floor(quantityValue(parseQuantity(String(limit))) / 2);
    } catch {
      // An invalid limit never reaches a running container: validation refuses it.
    }
  }
  return { ...behaviourProfiles.elasticsearch, memoryBytes: heap + jvmOverheadBytes };
}

/** Which Fluentd image: the addon's, the plain one (no elasticsearch plugin), or fluentd-kubernetes-daemonset. */
export function fluentdImage(entry: CatalogueEntry | undefined): FluentdImage {
  const kind = entry?.settings?.fluentd;
  return kind === 'addon' || kind === 'plain' ? kind : 'daemonset';
}

/** Elasticsearch configured as its image and the pod say: data path, cluster and node names, discovery. */
export function elasticsearchParts(version: string, entry: CatalogueEntry | undefined, ctx: ShellContext): ServerParts {
  const image = entry?.settings ?? {};
  const settings = nodeSettings(ctx.env, ctx.files);
  const server = elasticsearchServer({
    version: version.replace(/^v/, ''),
    nodeName: settings['node.name'] ?? ctx.env.NODE_NAME ?? ctx.hostname,
    clusterName: settings['cluster.name'] ?? ctx.env.CLUSTER_NAME ?? image.clusterName ?? 'docker-cluster',
    dataPath: settings['path.data'] ?? image.dataPath ?? '/usr/share/elasticsearch/data',
    oss: image.flavour === 'oss',
    startedAt: ctx.now(),
    discovery: discoverySettings(settings),
    network: ctx.network,
    ip: ctx.ip,
  }, ctx.files);
  return { ...server, lines: () => [] };
}
