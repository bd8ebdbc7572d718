/**
 * The controller contract and the runner that drives controllers in virtual time. Handlers only
 * enqueue keys; `sync(key)` does the work, reading the latest object from an informer. A sync
 * that throws is retried with back-off; one that returns `{requeueAfter}` runs again later.
 */
import type { Clock, Random } from '../clock.ts';
import type { ApiRequest, ApiResponse } from '../api/types.ts';
import type { ApiClient } from './informer.ts';
import { Informer } from './informer.ts';
import { WorkQueue } from './workqueue.ts';

export type SyncResult = void | { requeueAfter: number };

export interface ControllerEnv {
  /** The API, as this controller's user and user agent. */
  api: ApiClient;
  clock: Clock;
  random: Random;
  /** A shared informer for a collection URL (one per URL, shared by every controller). */
  informer(path: string): Informer;
}

export interface Controller {
  readonly name: string;
  readonly queue: WorkQueue;
  start(env: ControllerEnv): void;
  sync(key: string): SyncResult;
}

/** The identity controllers act as: kube-controller-manager's, per controller service account. */
function controllerAgent(name: string): string {
  return `kube-controller-manager/v1.32.2 (linux/amd64) kubernetes/67a30c0/system:serviceaccount:kube-system:${name}`;
}

/** Runs controllers until there is no work left at the current virtual time. */
export class ControllerRunner {
  private controllers: Controller[] = [];
  /** The latest sync failures, newest last: what to look at when a controller seems stuck. */
  readonly errors: { controller: string; key: string; message: string; at: number }[] = [];
  private informers = new Map<string, Informer>();

  constructor(private readonly api: ApiClient, private readonly clock: Clock, private readonly random: Random) {}

  add(controller: Controller): void {
    this.controllers.push(controller);
    const agent = controllerAgent(controller.name);
    // Kubelets speak as their node (system:node:NAME); controllers as their service account (made once, not per request).
    const serviceAccount = { username: `system:serviceaccount:kube-system:${controller.name}`, groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'] };
    // Every request gets the same object shape (no spread of whatever the caller built), and one
    // headers object when the caller sent none: the API server only reads headers.
    const agentOnly: Record<string, string> = { 'user-agent': agent };
    const api: ApiClient = {
      handle: (request: ApiRequest): ApiResponse =>
        this.api.handle({
          method: request.method,
          path: request.path,
          query: request.query,
          headers: request.headers ? { 'user-agent': agent, ...request.headers } : agentOnly,
          body: request.body,
          user: request.user ?? serviceAccount,
        }),
    };
    controller.start({
      api,
      clock: this.clock,
      random: this.random,
      informer: (path) => this.informer(path),
    });
  }

  private informer(path: string): Informer {
    let informer = this.informers.get(path);
    if (!informer) {
      informer = new Informer(this.api, path, 'kube-controller-manager/v1.32.2 (linux/amd64) kubernetes/67a30c0/shared-informers');
      this.informers.set(path, informer);
      informer.start();
    }
    return informer;
  }

  /** The earliest virtual time at which some controller has delayed work. */
  nextDue(): number | undefined {
    let next: number | undefined;
    for (const c of this.controllers) {
      const due = c.queue.nextDue();
      if (due !== undefined && (next === undefined || due < next)) next = due;
    }
    return next;
  }

  /**
   * Where an unfinished settle stopped: the pass's instant, the controller it was draining,
   * whether that controller's delayed keys were already promoted, and whether the pass ran
   * anything. Resuming from here runs the same syncs in the same order as one unbounded settle.
   */
  private pass: { now: number; index: number; promoted: boolean; busy: boolean } | undefined;

  /**
   * Run every queued key until all queues are empty. Returns the number of syncs run. With
   * `maxSyncs`, stops after that many and remembers where: the next call carries on exactly
   * there (same pass, same controller), so a settle split into bounded pieces runs the same
   * syncs in the same order as one that is not. The default bound keeps a controller that
   * keeps requeueing itself from freezing the cluster.
   */
  settle(maxSyncs = 1_000_000): number {
    let syncs = 0;
    for (;;) {
      const pass = (this.pass ??= { now: this.clock.now(), index: 0, promoted: false, busy: false });
      while (pass.index < this.controllers.length) {
        const controller = this.controllers[pass.index];
        // Promoted once per pass: keys requeued for "now" during this pass wait for the next one.
        if (!pass.promoted) {
          controller.queue.promote(pass.now);
          pass.promoted = true;
        }
        let key: string | undefined;
        while (syncs < maxSyncs && (key = controller.queue.get()) !== undefined) {
          pass.busy = true;
          syncs++;
          this.runSync(controller, key, pass.now);
        }
        if (syncs >= maxSyncs) return syncs;
        pass.index++;
        pass.promoted = false;
      }
      this.pass = undefined;
      if (!pass.busy) return syncs;
    }
  }

  /** Whether a settle would run anything now: a pass left unfinished, a queued key, or a delayed key now due. */
  pending(): boolean {
    if (this.pass) return true;
    const now = this.clock.now();
    return this.controllers.some((c) => c.queue.length > 0 || (c.queue.nextDue() ?? Infinity) <= now);
  }

  private runSync(controller: Controller, key: string, now: number): void {
    try {
      const result = controller.sync(key);
      controller.queue.forget(key);
      if (result && result.requeueAfter >= 0) controller.queue.addAt(key, now + result.requeueAfter);
    } catch (error) {
      controller.queue.addAt(key, now + controller.queue.backoff(key));
      this.errors.push({ controller: controller.name, key, message: error instanceof Error ? error.message : String(error), at: now });
      if (this.errors.length > 100) this.errors.shift();
    }
  }
}
