/**
 * The kubelets' streaming server: starts exec sessions and opens pods' ports for port-forward,
 * and, as a controller, wakes each sleeping session when virtual time reaches its wake-up
 * instant (queue key: the session id). `attachStreaming` plugs it into a cluster: the
 * controller into the runner, `pods/exec` and `pods/portforward` into the API server.
 */
import type { Cluster } from '../cluster.ts';
import type { Clock } from '../clock.ts';
import type { ExecOptions, ExecStream, PortForwardTarget, StreamingSource } from '../api/handlers/exec.ts';
import { execProvider, portForwardProvider } from '../api/handlers/exec.ts';
import type { KubeObject } from '../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../runtime/controller.ts';
import { WorkQueue } from '../runtime/workqueue.ts';
import type { PodNetwork } from '../network/cluster-network.ts';
import type { ContainerLookup } from './plans.ts';
import { execPlan, portForwardTarget } from './plans.ts';
import type { SessionClock } from './session.ts';
import { ExecSession } from './session.ts';

/** Exec sessions in flight, woken in virtual time. */
export class ExecStreams implements Controller, StreamingSource {
  readonly name = 'kubelet-streaming';
  readonly queue = new WorkQueue();
  private readonly sessions = new Map<string, ExecSession>();
  private sequence = 0;
  private clock?: Clock;

  constructor(private readonly lookup: ContainerLookup, private readonly network?: (pod: KubeObject) => PodNetwork | undefined) {}

  start(env: ControllerEnv): void {
    this.clock = env.clock;
  }

  sync(key: string): SyncResult {
    this.sessions.get(key)?.wake();
  }

  /** How many sessions are open (tests and the lab's status). */
  get open(): number {
    return this.sessions.size;
  }

  exec(pod: KubeObject, options: ExecOptions): ExecStream {
    const now = (): number => this.now();
    const id = `exec-${++this.sequence}`;
    const plan = execPlan(this.lookup, pod, options, now, this.sequence, this.network?.(pod));
    const clock: SessionClock = {
      now,
      wakeAt: (session, at) => this.queue.addAt(session.id, at),
      done: (session) => this.sessions.delete(session.id),
    };
    const session = new ExecSession(id, plan, options.stdin, clock);
    this.sessions.set(id, session);
    return session;
  }

  portForward(pod: KubeObject): PortForwardTarget {
    return portForwardTarget(this.lookup, pod, () => this.now());
  }

  private now(): number {
    if (!this.clock) throw new Error('the kubelet streaming server has not started');
    return this.clock.now();
  }
}

/**
 * Serve exec and port-forward in a cluster. `lookup` finds the kubelet's record of a pod
 * (Kubelets.podRun once it has that accessor).
 */
export function attachStreaming(cluster: Cluster, lookup: ContainerLookup, network?: (pod: KubeObject) => PodNetwork | undefined): ExecStreams {
  const streams = new ExecStreams(lookup, network);
  cluster.controllers.add(streams);
  cluster.api.serveSubresource('/pods/exec', execProvider(() => streams));
  cluster.api.serveSubresource('/pods/portforward', portForwardProvider(() => streams));
  return streams;
}
