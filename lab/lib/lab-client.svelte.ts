/**
 * The page's side of the worker: starts the cluster worker, wraps it with comlink, and pulls one
 * squashed change batch per animation frame after the worker says changes are waiting.
 * Components use `api` and never touch postMessage.
 *
 * It also keeps the cluster alive across reloads and crashes: every change the worker reports goes
 * into the journal (lib/journal.ts); on start, and whenever the worker dies (an `error` event, or
 * a ping that goes unanswered), a new worker replays the journal to the same virtual time.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { LabWorkerApi, LessonEvent, LessonLanguage } from '../../worker/protocol.ts';
import { takeWorker } from './worker-boot.ts';
import { slices } from './batch-slices.ts';
import { ClusterState } from './cluster-state.svelte.ts';
import { JournalStore, journalKey } from './journal.ts';

/** How often the watchdog pings, and how long an answer may take before the worker counts as dead. */
const pingEveryMs = 2000;
const pingTimeoutMs = 8000;
/**
 * The same while a call is running: a ping waits behind it, and `kubectl create deployment
 * --replicas=1000` settles the rollout's first step in one call (about 10 s on a loaded 2-core
 * machine). That is no hang.
 */
const busyPingTimeoutMs = 30_000;

/**
 * The shortest time between two pulled batches: the cluster view redraws at most ten times a
 * second, and about three times a second while big batches come (a rollout of hundreds of pods at
 * 100×): each redraw then costs the main thread tens of ms, and fewer, bigger batches carry the same
 * picture (the worker squashes what changed in between).
 */
const pullEveryMs = 100;
const busyPullEveryMs = 300;
/** A batch with more changes than this makes the next pull wait `busyPullEveryMs`. */
const bigBatch = 100;
/**
 * At most this many changes are drawn in one task: the first batch of a 1,000-pod rollout mounts a
 * card with every pending pod and redraws every node, about 25 ms of the main thread in one go on a
 * slow machine, which becomes a long task when the OS lends the page only half a core. The slices
 * follow each other at once, within a frame or two. (Slices of 250 cost more per frame: each one
 * redraws the cards the others touch too.)
 */
const changesPerTask = 500;

const methods = ['control', 'kubectl', 'setSpeed', 'step', 'subscribe', 'takeChanges', 'placement', 'vocabulary', 'ping', 'preview', 'record', 'replay', 'lesson', 'watchLessons', 'complete', 'auditLog', 'finishEdit', 'cancelEdit'] as const;

/** Raised by calls that were waiting on a worker that died. */
export class WorkerRestartedError extends Error {}

/** The lab's connection to its cluster worker. */
export class LabClient {
  /** The worker's API; calls go to whichever worker is current. */
  readonly api: LabWorkerApi;
  readonly cluster = new ClusterState();
  readonly journal: JournalStore;
  /** Set when the worker failed and could not be restarted (the message says why). */
  failure = $state<string | undefined>();
  /** A short notice for the learner ("The cluster was restored"), cleared after a while. */
  notice = $state<string | undefined>();
  /** Set when the journal could not be saved (storage full). */
  storageProblem = $state<string | undefined>();
  /** Resolves once the first batch arrived: the cluster is built and answering. */
  readonly ready: Promise<void>;
  private markReady: () => void = () => undefined;
  private worker!: Worker;
  private remote!: Remote<LabWorkerApi>;
  /** Rejects calls in flight when the current worker dies; replaced with each worker. */
  private died!: Promise<never>;
  private kill: (reason: Error) => void = () => undefined;
  private framePending = false;
  /** When the last batch was pulled (performance.now()). */
  private lastPull = -Infinity;
  private pullGap = pullEveryMs;
  private pullAgain = false;
  private taking = false;
  private restarting = false;
  /** False until the current worker has answered once: building a cluster takes seconds, and is no hang. */
  private alive = false;
  private generation = 0;
  /** Calls sent to the worker and not answered yet (the watchdog is patient while there are some). */
  private inFlight = 0;
  /** Told of every lesson event (`check`, `lesson-complete`) of whichever worker is current. */
  onLessonEvent: ((event: LessonEvent) => void) | undefined;
  private lessonLang: LessonLanguage = 'en';
  /** Told when a dead worker is replaced: what it held in memory only (a waiting kubectl edit) is gone. */
  private readonly restartListeners = new Set<() => void>();

  constructor(readonly workspace = 'playground', private readonly messages = { restored: 'The cluster was restored.' }) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.journal = new JournalStore(typeof localStorage === 'undefined' ? undefined : safeLocalStorage(), journalKey(workspace));
    const api = {} as Record<string, unknown>;
    for (const method of methods) {
      api[method] = (...args: unknown[]) => this.call(method, args);
    }
    this.api = api as unknown as LabWorkerApi;
    void this.start(this.journal.hasState);
    setInterval(() => void this.watch(), pingEveryMs);
    addEventListener('pagehide', () => this.journal.save());
  }

  private async call(method: (typeof methods)[number], args: unknown[]): Promise<unknown> {
    const fn = this.remote[method] as unknown as (...a: unknown[]) => Promise<unknown>;
    this.inFlight++;
    try {
      return await Promise.race([fn(...args), this.died]);
    } finally {
      this.inFlight--;
    }
  }

  /** Start a worker; replay the journal into it when there is one. */
  private async start(restore: boolean): Promise<void> {
    const generation = ++this.generation;
    this.alive = false;
    this.worker = takeWorker();
    this.died = new Promise<never>((_resolve, reject) => (this.kill = reject));
    this.died.catch(() => undefined);
    this.worker.addEventListener('error', (event) => {
      if (generation === this.generation) void this.restart(event.message || 'the cluster worker failed');
    });
    this.remote = wrap<LabWorkerApi>(this.worker);
    await this.remote.record(proxy((entry) => this.noteStorage(this.journal.append(entry))));
    this.alive = true;
    if (restore) {
      this.restarting = true;
      try {
        const answer = await this.remote.replay(this.journal.journal);
        if (!answer.ok) this.failure = answer.error;
        else this.show(this.messages.restored);
      } finally {
        this.restarting = false;
      }
    }
    await this.remote.subscribe(proxy(() => this.schedule()));
    await this.watchLessons();
  }

  /** Grade the running lesson as the learner works, in `lang` (again after a language switch; each new worker too). */
  async setLessonLanguage(lang: LessonLanguage): Promise<void> {
    this.lessonLang = lang;
    if (this.alive) await this.watchLessons();
  }

  private async watchLessons(): Promise<void> {
    await this.remote.watchLessons(this.lessonLang, proxy((event: LessonEvent) => this.onLessonEvent?.(event)));
  }

  /** Be told each time a dead worker is replaced; the answer stops telling. */
  onRestart(listener: () => void): () => void {
    this.restartListeners.add(listener);
    return () => void this.restartListeners.delete(listener);
  }

  private noteStorage(problem: string | undefined): void {
    if (problem) this.storageProblem = problem;
  }

  private show(notice: string): void {
    this.notice = notice;
    setTimeout(() => {
      if (this.notice === notice) this.notice = undefined;
    }, 6000);
  }

  /** The watchdog: a worker that does not answer a ping in time is dead (a hang, or killed). */
  private async watch(): Promise<void> {
    if (this.restarting || !this.alive) return;
    const generation = this.generation;
    const wait = (ms: number): Promise<'timeout'> => new Promise((resolve) => setTimeout(() => resolve('timeout'), ms));
    const pong = this.remote.ping().catch(() => 'error');
    let answer = await Promise.race([pong, wait(pingTimeoutMs)]);
    if (answer === 'timeout' && this.inFlight > 0) answer = await Promise.race([pong, wait(busyPingTimeoutMs - pingTimeoutMs)]);
    if (answer !== 'pong' && generation === this.generation && !this.restarting) await this.restart('the cluster worker stopped answering');
  }

  /** Replace a dead worker: fail the calls that waited on it, start a new one, replay the journal. */
  private async restart(reason: string): Promise<void> {
    if (this.restarting) return;
    this.restarting = true;
    this.kill(new WorkerRestartedError(`kubelab: the cluster restarted (${reason}); run the command again`));
    this.worker.terminate();
    for (const listener of this.restartListeners) listener();
    try {
      await this.start(true);
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
    } finally {
      this.restarting = false;
    }
  }

  /** For tests: end the worker as a crash would, with no goodbye (the watchdog notices). */
  killWorker(): void {
    this.worker.terminate();
  }

  /** Forget the journal: the next start builds a fresh cluster. */
  forgetCluster(): void {
    this.journal.clear();
  }

  /**
   * Pull a batch on the next frame (several notifications before it collapse into one pull), and
   * not sooner than `pullGap` after the last one: at 100x a rollout changes pods every frame, and
   * redrawing the cluster view a few times a second instead of sixty leaves the main thread to the
   * learner (the worker squashes what came in between, so nothing is lost).
   */
  private schedule(): void {
    if (this.framePending) return;
    this.framePending = true;
    const wait = this.lastPull + this.pullGap - performance.now();
    if (wait <= 0) requestAnimationFrame(() => void this.pull());
    else setTimeout(() => requestAnimationFrame(() => void this.pull()), wait);
  }

  private async pull(): Promise<void> {
    this.framePending = false;
    // A notification that came while a take was in flight is pulled once that take is done.
    if (this.taking) {
      this.pullAgain = true;
      return;
    }
    this.taking = true;
    this.lastPull = performance.now();
    try {
      const batch = await this.api.takeChanges();
      this.pullGap = batch.changed.length + batch.removed.length > bigBatch ? busyPullEveryMs : pullEveryMs;
      for (const [i, slice] of slices(batch, changesPerTask).entries()) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 0));
        this.cluster.apply(slice);
      }
      this.noteStorage(this.journal.setTime(batch.time.now, batch.time.speed, performance.now()));
      this.markReady();
    } catch {
      // The worker died mid-call: the restart brings a fresh batch.
    } finally {
      this.taking = false;
      if (this.pullAgain) {
        this.pullAgain = false;
        this.schedule();
      }
    }
  }
}

/** localStorage, or undefined where reading it throws (a sandboxed frame with storage blocked). */
function safeLocalStorage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}
