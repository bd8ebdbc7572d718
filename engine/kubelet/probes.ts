/**
 * Probes as the kubelet's prober runs them, answered by the simulated process: httpGet asks the
 * image's HTTP handler (nginx logs the `kube-probe/1.32` request), tcpSocket checks the listening
 * ports, exec runs the command in the container's shell. Results carry the prober's output text,
 * which becomes the `Unhealthy` event message.
 */
import type { ContainerRun, PodContainer, ProbeSpec, ProbeState } from './pod-runtime.ts';

export interface ProbeResult {
  ok: boolean;
  output: string;
}

/** The kubelet's probe user agent for v1.32. */
export const probeUserAgent = 'kube-probe/1.32';

/** A named port resolves through the container's ports, as the prober does. */
function resolvePort(port: number | string, container: PodContainer): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** Exec commands in probes must finish: the shell runs at most this many steps. */
const execStepLimit = 100_000;

/** Run one probe against a running container. `podIP` is the target, `client` the node's gateway address. */
export function runProbe(spec: ProbeSpec, c: ContainerRun, podIP: string, client: string, now: number): ProbeResult {
  const process = c.process;
  if (!process) return { ok: false, output: '' };
  if (spec.exec) {
    const run = process.exec(spec.exec.command ?? []);
    let output = '';
    let code = 0;
    for (let i = 0; i < execStepLimit; i++) {
      const step = run.next();
      if (step.done) { code = step.value; break; }
      if (step.value.kind === 'output') output += step.value.text;
    }
    return { ok: code === 0, output: output.replace(/\n$/, '') };
  }
  if (spec.httpGet) {
    const port = resolvePort(spec.httpGet.port, c.spec);
    const host = spec.httpGet.host || podIP;
    const path = spec.httpGet.path || '/';
    const scheme = (spec.httpGet.scheme ?? 'HTTP').toLowerCase();
    const url = `${scheme}://${host}:${port}${path}`;
    const answer = port === undefined ? undefined : process.http({ port, path, client, userAgent: probeUserAgent }, now);
    if (!answer) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    if (answer.log) c.log?.append(now, 'stdout', answer.log + '\n');
    if (answer.status >= 200 && answer.status < 400) return { ok: true, output: '' };
    return { ok: false, output: `HTTP probe failed with statuscode: ${answer.status}` };
  }
  const raw = spec.tcpSocket?.port ?? spec.grpc?.port;
  const port = raw === undefined ? undefined : resolvePort(raw, c.spec);
  const host = spec.tcpSocket?.host || podIP;
  if (port !== undefined && process.ports.includes(port)) return { ok: true, output: '' };
  return { ok: false, output: `dial tcp ${host}:${port}: connect: connection refused` };
}

/** Probe states for a container that just started: startup first, then liveness and readiness. */
export function initialProbes(container: PodContainer, startedAt: number): ProbeState[] {
  const probes: ProbeState[] = [];
  const add = (kind: ProbeState['kind'], spec: ProbeSpec | undefined): void => {
    if (!spec) return;
    const period = (spec.periodSeconds ?? 10) * 1000;
    const delay = (spec.initialDelaySeconds ?? 0) * 1000;
    // The prober ticks every period from the start and skips ticks inside the initial delay.
    const first = startedAt + Math.ceil(delay / period) * period;
    probes.push({ kind, spec, nextAt: first, successes: 0, failures: 0 });
  };
  add('Startup', container.startupProbe);
  add('Liveness', container.livenessProbe);
  add('Readiness', container.readinessProbe);
  return probes;
}
