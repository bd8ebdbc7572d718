/**
 * The worker side of the protocol: a LabControl (the control API over a Cluster) plus the
 * real-time driver and the change feed. Free of Worker and comlink so Node tests can call it.
 */
import { rfc3339 } from '../engine/clock.ts';
import { LabControl, type ControlError } from '../engine/control/lab-control.ts';
import { builtinResources } from '../engine/api/registry.ts';
import { commandRegistry } from '../engine/kubectl/index.ts';
import { explainDecision } from '../engine/scheduler/decisions.ts';
import { ChangeFeed } from './change-feed.ts';
import type { ApplyPreview, ChangeBatch, ControlMethod, Journal, JournalEntry, KubectlAnswer, LabWorkerApi, Placement, Result, TimeState, Vocabulary } from './protocol.ts';
import { previewApply } from './preview.ts';
import { TimeDriver, type TimeDriverOptions } from './time-driver.ts';

/** The longest single step of the time controls: one hour. */
const maxStepSeconds = 3600;

function isControlError(answer: unknown): answer is ControlError {
  return typeof answer === 'object' && answer !== null && 'error' in answer;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface LabServiceOptions {
  seed?: number;
  /** Initial speed (virtual seconds per real second); default 1. */
  speed?: number;
  /** Real time and a timer; omit to leave time still until `step` or `advance`. */
  timer?: Pick<TimeDriverOptions, 'now' | 'every'>;
}

export class LabService implements LabWorkerApi {
  /** The control API over the current cluster (a reset replaces the cluster inside it). */
  readonly lab: LabControl;
  private readonly feed: ChangeFeed;
  private readonly driver: TimeDriver;
  private notify: (() => void) | undefined;
  private notified = false;
  private onEntry: ((entry: JournalEntry) => void) | undefined;
  private replaying = false;

  constructor(options: LabServiceOptions = {}) {
    this.lab = new LabControl({ seed: options.seed, clock: options.timer ? 'real' : 'manual' });
    this.feed = new ChangeFeed(this.lab.cluster, () => this.changed());
    const timer = options.timer ?? { now: () => 0, every: () => () => undefined };
    this.driver = new TimeDriver({ ...timer, advance: (ms) => this.lab.cluster.advance(ms) });
    if (options.timer) this.driver.setSpeed(options.speed ?? 1);
  }

  private changed(): void {
    if (this.notified || !this.notify) return;
    this.notified = true;
    this.notify();
  }

  private time(): TimeState {
    const now = this.lab.cluster.now();
    return { time: rfc3339(now), speed: this.driver.speed, now };
  }

  /** Report a change to the journal's listener, stamped with the virtual time it runs at. */
  private journal(entry: JournalEntry): void {
    if (!this.replaying) this.onEntry?.(entry);
  }

  private runKubectl(params: { command: string; files?: Record<string, string>; stdin?: string }): KubectlAnswer | ControlError {
    this.journal({ at: this.lab.cluster.now(), op: 'kubectl', ...params });
    return this.lab.kubectl(params);
  }

  private async runControl(method: ControlMethod, params: unknown): Promise<unknown> {
    const p = (params ?? {}) as { name?: unknown };
    switch (method) {
      case 'status': return this.lab.status();
      case 'advance': return this.lab.advance(params);
      case 'kubectl': {
        const k = (params ?? {}) as { command?: unknown; files?: unknown; stdin?: unknown };
        if (typeof k.command !== 'string') return this.lab.kubectl(params); // its own 400
        return this.runKubectl({ command: k.command, files: k.files as Record<string, string> | undefined, stdin: k.stdin as string | undefined });
      }
      case 'addNode':
        this.journal({ at: this.lab.cluster.now(), op: 'control', method, params });
        return this.lab.addNode(params);
      case 'failNode':
      case 'recoverNode':
        if (typeof p.name !== 'string') return { error: 'name must be a node name', code: 400 };
        this.journal({ at: this.lab.cluster.now(), op: 'control', method, params });
        return method === 'failNode' ? this.lab.failNode(p.name) : this.lab.recoverNode(p.name);
      case 'reset': {
        const answer = this.lab.reset(params);
        if (!isControlError(answer)) {
          this.feed.attach(this.lab.cluster);
          const lesson = (params as { lesson?: unknown } | undefined)?.lesson;
          this.journal({ at: this.lab.cluster.now(), op: 'reset', seed: this.lab.cluster.seed, ...(typeof lesson === 'string' ? { lesson } : {}) });
        }
        this.changed();
        return answer;
      }
      default: return { error: `no such operation: ${String(method)}`, code: 404 };
    }
  }

  async control(method: ControlMethod, params?: unknown): Promise<unknown> {
    try {
      const answer = await this.runControl(method, params);
      // The HTTP API sends the code as the status, not in the body.
      if (isControlError(answer)) return { error: answer.error };
      return answer;
    } catch (error) {
      return { error: message(error) };
    }
  }

  async kubectl(command: string, files?: Record<string, string>): Promise<Result<KubectlAnswer>> {
    try {
      const answer = this.runKubectl(files ? { command, files } : { command });
      if (isControlError(answer)) return { ok: false, error: answer.error };
      return { ok: true, value: answer };
    } catch (error) {
      return { ok: false, error: `kubelab: internal error: ${message(error)}` };
    }
  }

  async setSpeed(speed: number): Promise<Result<TimeState>> {
    const error = this.driver.setSpeed(speed);
    if (error) return { ok: false, error };
    this.changed();
    return { ok: true, value: this.time() };
  }

  async step(seconds: number): Promise<Result<TimeState>> {
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > maxStepSeconds) {
      return { ok: false, error: `a step is from 1 to ${maxStepSeconds} seconds` };
    }
    this.lab.cluster.advance(seconds * 1000);
    this.changed();
    return { ok: true, value: this.time() };
  }

  async subscribe(notify: () => void): Promise<void> {
    this.notify = notify;
    this.notified = false;
    this.changed();
  }

  async takeChanges(): Promise<ChangeBatch> {
    this.notified = false;
    return { ...this.feed.take(), time: this.time() };
  }

  async placement(namespace: string, name: string): Promise<Result<Placement>> {
    const decision = this.lab.cluster.scheduler.decisions.find(namespace, name);
    if (!decision) return { ok: false, error: `no scheduling decision recorded for pod ${namespace}/${name}` };
    return {
      ok: true,
      value: {
        attempt: decision.attempt,
        time: rfc3339(decision.time),
        result: decision.result,
        selectedNode: decision.selectedNode,
        message: decision.message,
        nodes: explainDecision(decision).map((entry) => {
          const failed = entry.filters.find((f) => f.code !== 'Success');
          return {
            node: entry.node,
            selected: entry.selected,
            ...(failed ? { rejectedBy: { plugin: failed.plugin, reasons: [...failed.reasons] } } : {}),
            ...(entry.total !== undefined ? { score: entry.total } : {}),
          };
        }),
      },
    };
  }

  async vocabulary(): Promise<Vocabulary> {
    const resources = new Set<string>();
    for (const info of builtinResources) {
      if (info.resource.includes('/')) continue;
      resources.add(info.resource);
      resources.add(info.singular);
      for (const short of info.shortNames ?? []) resources.add(short);
    }
    return { verbs: Object.keys(commandRegistry).sort(), resources: [...resources].sort() };
  }

  async ping(): Promise<'pong'> {
    return 'pong';
  }

  async preview(fileName: string, text: string): Promise<Result<ApplyPreview>> {
    try {
      // A dry run may still draw from the seeded random stream (a uid): journal it, so a replay draws the same.
      this.journal({ at: this.lab.cluster.now(), op: 'preview', fileName, text });
      return { ok: true, value: previewApply(this.lab.cluster, fileName, text) };
    } catch (error) {
      return { ok: false, error: `kubelab: internal error: ${message(error)}` };
    }
  }

  async record(onEntry: (entry: JournalEntry) => void): Promise<void> {
    this.onEntry = onEntry;
  }

  /** Move virtual time to `at` (never back). */
  private advanceTo(at: number | undefined): void {
    const delta = at === undefined ? 0 : at - this.lab.cluster.now();
    if (delta > 0) this.lab.cluster.advance(delta);
  }

  private replayEntry(entry: JournalEntry): void {
    switch (entry.op) {
      case 'kubectl': this.lab.kubectl({ command: entry.command, files: entry.files, stdin: entry.stdin }); break;
      case 'preview': previewApply(this.lab.cluster, entry.fileName, entry.text); break;
      case 'reset': this.lab.reset({ seed: entry.seed, ...(entry.lesson ? { lesson: entry.lesson } : {}) }); break;
      case 'control': {
        const name = (entry.params as { name?: unknown } | undefined)?.name;
        if (entry.method === 'addNode') this.lab.addNode(entry.params);
        else if (typeof name === 'string') void (entry.method === 'failNode' ? this.lab.failNode(name) : this.lab.recoverNode(name));
        break;
      }
    }
  }

  async replay(journal: Journal): Promise<Result<TimeState>> {
    const speed = journal.speed ?? this.driver.speed;
    // No real-time ticks while replaying: time moves only to each entry's instant.
    this.driver.setSpeed(0);
    this.replaying = true;
    try {
      const reset = this.lab.reset({ seed: journal.seed, ...(journal.lesson ? { lesson: journal.lesson } : {}) });
      if (isControlError(reset)) return { ok: false, error: reset.error };
      for (const entry of journal.entries) {
        this.advanceTo(entry.at);
        this.replayEntry(entry);
      }
      this.advanceTo(journal.time);
      return { ok: true, value: this.time() };
    } catch (error) {
      return { ok: false, error: `kubelab: the cluster could not be restored: ${message(error)}` };
    } finally {
      this.replaying = false;
      this.feed.attach(this.lab.cluster);
      this.driver.setSpeed(speed);
      this.changed();
    }
  }
}
