/**
 * `kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT...`: find the pod (a Service's ports
 * become its pods' target ports), check that it runs, open `pods/NAME/portforward` and print
 * where it listens. A browser terminal cannot listen on a local port, so the emulator stops
 * after the greeting; with `kubelab serve` the real kubectl forwards real ports.
 */
import { portForwardTargetOf } from '../../api/handlers/exec.ts';
import { KubectlError, kubectlUserAgent, responseError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { portForwardHelp } from './help/port-forward.ts';
import { specFromHelp } from './help/types.ts';
import { attachablePod } from './exec.ts';
import { bodyOf, objectPath, restMapper, send, type Json } from './write-support.ts';

interface PortPair {
  local: string;
  remote: string;
}

/** `8080:80`, `80`, `:80`: local and remote parts as typed. */
function parsePort(text: string): PortPair {
  const colon = text.indexOf(':');
  if (colon < 0) return { local: text, remote: text };
  return { local: text.slice(0, colon), remote: text.slice(colon + 1) };
}

function containerPorts(pod: Json): { name?: string; containerPort: number }[] {
  return (((pod.spec ?? {}) as Json).containers as Json[] ?? []).flatMap((c) => (c.ports ?? []) as { name?: string; containerPort: number }[]);
}

/** A named remote port becomes the pod's container port of that name (convertPodNamedPortToNumber). */
function podPort(pod: Json, remote: string): string {
  if (/^\d+$/.test(remote)) return remote;
  const found = containerPorts(pod).find((p) => p.name === remote);
  if (!found) throw KubectlError.client(`Pod '${String(((pod.metadata ?? {}) as Json).name)}' does not have a named port '${remote}'`);
  return String(found.containerPort);
}

/** A Service port becomes its target port on the pod (translateServicePortToTargetPort). */
function servicePort(service: Json, pod: Json, pair: PortPair): PortPair {
  const ports = (((service.spec ?? {}) as Json).ports ?? []) as { name?: string; port: number; targetPort?: number | string }[];
  const port = /^\d+$/.test(pair.remote) ? ports.find((p) => String(p.port) === pair.remote) : ports.find((p) => p.name === pair.remote);
  const name = String(((service.metadata ?? {}) as Json).name);
  if (!port) throw KubectlError.client(`Service ${name} does not have a service port ${pair.remote}`);
  const target = port.targetPort ?? port.port;
  const remote = typeof target === 'number' ? String(target) : podPort(pod, target);
  // Without a local port, kubectl listens on the service port.
  return { local: pair.local === pair.remote ? String(port.port) : pair.local, remote };
}

function runPortForward(context: CommandContext): number {
  const { args, out } = context;
  if (args.length < 2) throw new KubectlError("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples");
  const [resource, ...specs] = args;
  const pod = attachablePod(context, resource);
  const mapping = resource.includes('/') ? restMapper(context).mappingFor(resource.slice(0, resource.indexOf('/'))) : undefined;
  let pairs = specs.map(parsePort);
  if (mapping?.kind === 'Service') {
    const service = bodyOf(send(context, 'GET', objectPath(mapping, context.namespace, resource.slice(resource.indexOf('/') + 1))));
    pairs = pairs.map((pair) => servicePort(service, pod, pair));
  } else pairs = pairs.map((pair) => ({ local: pair.local, remote: podPort(pod, pair.remote) }));
  const metadata = (pod.metadata ?? {}) as Json;
  const podPath = objectPath(restMapper(context).mappingFor('pods'), String(metadata.namespace ?? context.namespace), String(metadata.name));
  // RunPortForward reads the pod again and needs it Running.
  const current = bodyOf(send(context, 'GET', podPath));
  const phase = String(((current.status ?? {}) as Json).phase ?? '');
  if (phase !== 'Running') throw KubectlError.client(`unable to forward port because pod is not running. Current status=${phase}`);
  const response = context.api.handle({
    method: 'GET', path: `${podPath}/portforward`, query: {},
    headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-protocol': 'SPDY/3.1+portforward.k8s.io', 'user-agent': kubectlUserAgent },
  });
  if (!portForwardTargetOf(response)) throw responseError(response);
  for (const pair of pairs) {
    // A missing local port means "any free port"; the emulator names one above the remote port.
    const local = pair.local === '' ? String(30000 + (Number(pair.remote) % 30000)) : pair.local;
    out.stdout.push(`Forwarding from 127.0.0.1:${local} -> ${pair.remote}\n`, `Forwarding from [::1]:${local} -> ${pair.remote}\n`);
  }
  out.stderr.push('kubelab: this terminal cannot listen on local ports, so forwarding stops here; with `npx kubelab serve`, the real kubectl port-forward works\n');
  return 0;
}

/** The `port-forward` command. */
export const portForwardCommand: CommandSpec = specFromHelp('port-forward', portForwardHelp, runPortForward);
