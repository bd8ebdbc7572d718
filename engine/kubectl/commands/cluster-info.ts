/**
 * `kubectl cluster-info`: the control plane address from the kubeconfig, and the kube-system
 * Services labelled `kubernetes.io/cluster-service=true` with their proxy URLs.
 */
import { KubectlError, getJson } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';

interface Service {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: { ports?: { name?: string; port: number }[] };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/** utilnet.JoinSchemeNamePort. */
function joinSchemeNamePort(scheme: string, name: string, port: string): string {
  if (scheme) return `${scheme}:${name}:${port}`;
  return port ? `${name}:${port}` : name;
}

function run(context: CommandContext): number {
  const server = context.session.kubeconfig.clusters.find((c) => c.name === context.session.context?.cluster)?.server ?? '';
  const out: string[] = [`Kubernetes control plane is running at ${server}\n`];
  const list = getJson(context.api, '/api/v1/namespaces/kube-system/services', { labelSelector: 'kubernetes.io/cluster-service=true' }) as { items?: Service[] };
  for (const service of list.items ?? []) {
    let link: string;
    const ingress = service.status?.loadBalancer?.ingress?.[0];
    if (ingress) {
      const ip = ingress.ip || ingress.hostname || '';
      link = (service.spec?.ports ?? []).map((p) => `http://${ip}:${p.port} `).join('');
    } else {
      let name = service.metadata.name;
      const port = service.spec?.ports?.[0];
      if (port) name = joinSchemeNamePort(port.name === 'https' || port.port === 443 ? 'https' : '', name, port.name ?? '');
      link = `${server}/api/v1/namespaces/${service.metadata.namespace ?? 'kube-system'}/services/${name}/proxy`;
    }
    out.push(`${service.metadata.labels?.['kubernetes.io/name'] || service.metadata.name} is running at ${link}\n`);
  }
  out.push("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
  context.out.stdout.push(out.join(''));
  return 0;
}

/** The `cluster-info` command (without `dump`). */
export const clusterInfoCommand: CommandSpec = {
  name: 'cluster-info',
  short: 'Display cluster information',
  long: "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
  examples: '  # Print the address of the control plane and cluster services\n  kubectl cluster-info',
  usage: 'kubectl cluster-info [flags] [options]',
  flags: [],
  subcommands: [{
    name: 'dump',
    short: 'Dump relevant information for debugging and diagnosis',
    long: 'Dump cluster information out suitable for debugging and diagnosing cluster problems.',
    usage: 'kubectl cluster-info dump [flags] [options]',
    flags: [],
    run() {
      throw KubectlError.client('kubelab: cluster-info dump is not supported in this lab');
    },
  }],
  run,
};
