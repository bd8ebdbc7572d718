/**
 * `pods/exec` and `pods/portforward`: the API server checks the pod (a container to run in, a
 * node to run on) as its streamLocation does, refuses requests that are not upgrades, and hands
 * the connection to the node's kubelet. Kubelets register the sources; the answer is a
 * `101 Switching Protocols` whose body is the open stream, for the HTTP adapter (WebSocket) or
 * the kubectl emulator to drive.
 *
 * Repeated query parameters (`command=sh&command=-c&command=…`) cannot live in ApiRequest's
 * string map, so clients join them with NUL, which no argv element can contain.
 */
import type { Status } from '../errors.ts';
import { statusErrors } from '../errors.ts';
import type { SubresourceProvider } from '../context.ts';
import type { ApiResponse, KubeObject } from '../types.ts';
import { fail } from './common.ts';

/** What `exec` asks the kubelet for (PodExecOptions). */
export interface ExecOptions {
  container: string;
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** Where an exec's output and final status go (the WebSocket channels 1, 2 and 3). */
export interface ExecSink {
  output(stream: 'stdout' | 'stderr', text: string): void;
  /** The error channel's Status: Success, NonZeroExitCode with the exit code, or a failure. */
  end(status: ExecStatus): void;
}

/** The Status written on the error channel (metav1.Status without kind, as the streaming server writes it). */
export type ExecStatus = Omit<Status, 'kind' | 'apiVersion' | 'code'> & { code?: number };

/** A command started in a container, or about to be. */
export interface ExecStream {
  /** When the command's current sleep ends (virtual ms), while it sleeps: a client that drives time advances to it. */
  readonly wakeAt?: number;
  /** Whether the command has finished (or failed, or was closed). */
  readonly ended: boolean;
  /** Attach the output; the command runs from now on. */
  start(sink: ExecSink): void;
  /** Data on the stdin channel. */
  stdin(text: string): void;
  /** The client closed stdin (v5's close signal, or the end of piped input). */
  closeStdin(): void;
  /** The client went away: stop the command. */
  close(): void;
}

/** A kubelet's answer to an HTTP request sent through a forwarded port. */
export type ForwardedAnswer = { status: number; body: string; headers: Record<string, string> } | { error: string };

/** A pod's ports, reachable as `kubectl port-forward` reaches them (from inside the pod's network namespace). */
export interface PortForwardTarget {
  /** Answer an HTTP request on `port`, or say why the connection failed. */
  http(port: number, request: { method: string; path: string; userAgent: string }): ForwardedAnswer;
}

/** The kubelet side: start an exec, or open a pod's ports. */
export interface StreamingSource {
  exec(pod: KubeObject, options: ExecOptions): ExecStream;
  portForward(pod: KubeObject): PortForwardTarget;
}

type ProviderRequest = Parameters<SubresourceProvider>[0] & { headers?: Record<string, string> };

const containerNames = (list: { name: string }[] | undefined): string => (list ?? []).map((c) => c.name).join(' ');

/** The container an exec names: the given one, else the only one (the API server's streamLocation). */
function execContainer(pod: KubeObject, requested: string | undefined): string {
  const spec = (pod.spec ?? {}) as { containers?: { name: string }[]; initContainers?: { name: string }[]; ephemeralContainers?: { name: string }[] };
  const name = pod.metadata.name;
  if (!requested) {
    const containers = spec.containers ?? [];
    if (containers.length === 1) return containers[0].name;
    if (containers.length === 0) fail(statusErrors.badRequest(`a container name must be specified for pod ${name}`));
    let message = `a container name must be specified for pod ${name}, choose one of: [${containerNames(containers)}]`;
    if (spec.initContainers?.length) message += ` or one of the init containers: [${containerNames(spec.initContainers)}]`;
    fail(statusErrors.badRequest(message));
  }
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
  if (!all.some((c) => c.name === requested)) fail(statusErrors.badRequest(`container ${requested} is not valid for pod ${name}`));
  return requested;
}

function requireHost(pod: KubeObject): void {
  if (!(pod.spec as { nodeName?: string } | undefined)?.nodeName) fail(statusErrors.badRequest(`pod ${pod.metadata.name} does not have a host assigned`));
}

/** The upgrade-aware proxy refuses plain requests: exec and port-forward need a streaming connection. */
function requireUpgrade(request: ProviderRequest): void {
  if (!request.headers?.upgrade) fail(statusErrors.badRequest('Upgrade request required'));
}

const flag = (value: string | undefined): boolean => value === 'true' || value === '1';

/** The open stream a 101 answer carries. */
function switching(body: ExecStream | PortForwardTarget): ApiResponse {
  return { status: 101, headers: {}, body };
}

/** Serve `pods/exec` (GET or POST, as an upgrade) from the kubelets' streaming source. */
export function execProvider(source: () => StreamingSource | undefined): SubresourceProvider {
  return (request: ProviderRequest) => {
    const pod = request.object;
    const options: ExecOptions = {
      container: execContainer(pod, request.query.container),
      command: request.query.command ? request.query.command.split('\0') : [],
      stdin: flag(request.query.stdin),
      stdout: flag(request.query.stdout),
      stderr: flag(request.query.stderr),
      tty: flag(request.query.tty),
    };
    requireHost(pod);
    requireUpgrade(request);
    const kubelets = source();
    if (!kubelets) fail(statusErrors.internal(`no kubelet serves node ${(pod.spec as { nodeName?: string }).nodeName}`));
    return switching(kubelets.exec(pod, options));
  };
}

/** Serve `pods/portforward` from the kubelets' streaming source. */
export function portForwardProvider(source: () => StreamingSource | undefined): SubresourceProvider {
  return (request: ProviderRequest) => {
    const pod = request.object;
    requireHost(pod);
    requireUpgrade(request);
    const kubelets = source();
    if (!kubelets) fail(statusErrors.internal(`no kubelet serves node ${(pod.spec as { nodeName?: string }).nodeName}`));
    return switching(kubelets.portForward(pod));
  };
}

/** The exec stream a `pods/exec` answer carries, if it is a 101. */
export function execStreamOf(response: ApiResponse): ExecStream | undefined {
  const body = response.body as Partial<ExecStream> | undefined;
  return response.status === 101 && typeof body?.start === 'function' ? (body as ExecStream) : undefined;
}

/** The port-forward target a `pods/portforward` answer carries, if it is a 101. */
export function portForwardTargetOf(response: ApiResponse): PortForwardTarget | undefined {
  const body = response.body as Partial<PortForwardTarget> | undefined;
  return response.status === 101 && typeof body?.http === 'function' ? (body as PortForwardTarget) : undefined;
}
