/**
 * The worker side of the protocol: a LabControl (the control API over a Cluster) plus the
 * real-time driver and the change feed. Free of Worker and comlink so Node tests can call it.
 */
import { rfc3339 } from '../engine/clock.ts';
import { Cluster } from '../engine/cluster.ts';
import { complete } from '../engine/kubectl/completion/complete.ts';
import { LessonShelf } from '../engine/lessons/catalogue.ts';
import type { CheckResult, LessonBundle } from '../engine/lessons/types.ts';
import { LabControl, type ControlError } from '../engine/control/lab-control.ts';
import { ChangeFeed } from './change-feed.ts';
import { LessonWatch } from './lesson-watch.ts';
import { auditPage } from './audit-page.ts';
import type { ApplyPreview, AuditPage, AuditPageQuery, ChangeBatch, Completion, ControlMethod, Journal, JournalEntry, KubectlAnswer, LabWorkerApi, LessonEvent, LessonLanguage, LessonView, Placement, Result, TimeState, Vocabulary } from './protocol.ts';
import { kubectlVocabulary, placementOf } from './placement.ts';
import { previewApply } from './preview.ts';
import { isEditLine, noEditWaiting, TerminalEdits } from './replay-edit.ts';
import { advanceWithin } from './sliced-advance.ts';
import { TimeDriver, type TimeDriverOptions } from './time-driver.ts';

/** Wall ms of controller work a kubectl write runs before it answers (the rest runs in time slices). */
const writeBudgetMs = 20;

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
  /** Every file of lessons/ (vite bundles it); each lesson is parsed the first time it is needed, all of them when the list is. */
  lessons?: LessonBundle;
  /** A lesson to start at once, on the first cluster (no second cluster is built for it). */
  lesson?: string;
  /** Told each boot stage as it ends (`cluster-built`, `lesson-started`): the worker marks them for the profiler. */
  mark?: (stage: string) => void;
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
  /** The lessons, parsed as they are needed; LabControl reads this same shelf. */
  private readonly shelf: LessonShelf;
  /** The lesson started at construction, told to the journal's listener once it exists. */
  private bootEntry: JournalEntry | undefined;
  private readonly watch: LessonWatch;
  /** The terminal's `kubectl edit`, which waits for the page's editor (worker/replay-edit.ts). */
  private readonly edits: TerminalEdits;
  private lang: LessonLanguage = 'en';
  /** The page's lesson listener, told at once when a lesson (re)starts through the control API. */
  private lessonListener: ((event: LessonEvent) => void) | undefined;

  constructor(options: LabServiceOptions = {}) {
    // The problems of lessons that do not load are told when the whole list is first read.
    this.shelf = new LessonShelf(options.lessons ?? {}, (problems) => {
      for (const problem of problems) console.warn(`kubelab: lesson skipped: ${problem}`);
    });
    // The first cluster stays spare until a lesson starts at construction: that start takes it
    // instead of building a second one (nothing has run on it, so it is what a fresh one would be).
    let spare: Cluster | undefined;
    const makeCluster = (seed: number): Cluster => {
      // With a real clock a write answers within a few ms of controller work; the time slices do the rest.
      const cluster = spare?.seed === seed ? spare : new Cluster({ seed, ...(options.timer ? { writeSettle: { budgetMs: writeBudgetMs, wallNow: options.timer.now } } : {}) });
      spare = undefined;
      return cluster;
    };
    this.lab = new LabControl({ seed: options.seed, clock: options.timer ? 'real' : 'manual', lessons: this.shelf, makeCluster });
    options.mark?.('cluster-built');
    this.edits = new TerminalEdits(this.lab);
    if (options.lesson !== undefined) {
      spare = this.lab.cluster;
      // Only this lesson's folder is parsed now: the others wait until the list is asked for.
      const started = this.lab.startLesson(options.lesson);
      if (!isControlError(started)) this.bootEntry = { at: this.lab.cluster.now(), op: 'reset', seed: this.lab.cluster.seed, lesson: options.lesson };
      spare = undefined;
      options.mark?.('lesson-started');
    }
    // Without a timer (Node tests) nothing grades on its own: each `gradeTick` grades what changed.
    this.watch = new LessonWatch({ now: options.timer?.now ?? (() => 0), minIntervalMs: options.timer ? 1000 : 0, grade: () => this.gradeCurrent() });
    this.feed = new ChangeFeed(this.lab.cluster, () => this.changed());
    const timer = options.timer ?? { now: () => 0, every: () => () => undefined };
    this.driver = new TimeDriver({
      ...timer,
      advance: (ms) => this.lab.cluster.advance(ms),
      // Real time is sliced so that a kubectl request waits for one slice at most, not a whole tick.
      // Work a bounded write left at this instant comes first, in pieces, as one settle would run it.
      advanceWithin: (ms, budgetMs) => {
        const began = timer.now();
        if (!this.lab.cluster.settleWithin(budgetMs, timer.now)) return 0;
        return advanceWithin(this.lab.cluster, ms, budgetMs - (timer.now() - began), timer.now);
      },
    });
    if (options.timer) {
      this.driver.setSpeed(options.speed ?? 1);
      options.timer.every(250, () => this.watch.tick());
      // Paused time still finishes what a write set off at this instant, a slice at a time.
      options.timer.every(50, () => {
        if (this.driver.speed === 0 && this.lab.cluster.busy) this.lab.cluster.settleWithin(30, timer.now);
      });
    }
  }

  private gradeCurrent(): { lesson: string; checks: CheckResult[] } | undefined {
    const lesson = this.lab.status().lesson;
    if (!lesson) return undefined;
    const checks = this.lab.checks(lesson, { lang: this.lang });
    return isControlError(checks) ? undefined : { lesson, checks };
  }

  private changed(): void {
    this.watch?.changed();
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
    this.watch.changed();
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
      case 'lessons':
        return this.lab.lessons(params);
      case 'checks': {
        const id = lessonId(params);
        return id === undefined ? { error: 'id must be a lesson id', code: 400 } : this.lab.checks(id, params);
      }
      case 'startLesson': {
        const id = lessonId(params);
        return id === undefined ? { error: 'id must be a lesson id', code: 400 } : this.runControl('reset', { lesson: id });
      }
      case 'reset': {
        const answer = this.lab.reset(params);
        if (!isControlError(answer)) {
          this.feed.attach(this.lab.cluster);
          const lesson = (params as { lesson?: unknown } | undefined)?.lesson;
          this.journal({ at: this.lab.cluster.now(), op: 'reset', seed: this.lab.cluster.seed, ...(typeof lesson === 'string' ? { lesson } : {}) });
          this.watch.restarted();
          // The panel switches now, not at the next grading (an embedder's startLesson, "start over").
          const running = this.lab.status().lesson;
          if (running) this.lessonListener?.({ event: 'lesson-started', lesson: running, checks: [] });
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
      if (isEditLine(command)) return { ok: true, value: this.editStep(this.edits.start(command, files)) };
      const answer = this.runKubectl(files ? { command, files } : { command });
      if (isControlError(answer)) return { ok: false, error: answer.error };
      return { ok: true, value: answer };
    } catch (error) {
      return { ok: false, error: `kubelab: internal error: ${message(error)}` };
    }
  }

  /** Journal a step of a terminal edit and answer with it. */
  private editStep(step: { answer: KubectlAnswer; entry: JournalEntry }): KubectlAnswer {
    this.journal(step.entry);
    this.watch.changed();
    return step.answer;
  }

  async finishEdit(text: string | null): Promise<Result<KubectlAnswer>> {
    try {
      const step = this.edits.finish(text);
      return step ? { ok: true, value: this.editStep(step) } : { ok: false, error: noEditWaiting };
    } catch (error) {
      return { ok: false, error: `kubelab: internal error: ${message(error)}` };
    }
  }

  async cancelEdit(): Promise<void> {
    this.edits.cancel();
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
    return { ok: true, value: placementOf(decision) };
  }

  async vocabulary(): Promise<Vocabulary> {
    return kubectlVocabulary();
  }

  async ping(): Promise<'pong'> {
    return 'pong';
  }

  async preview(fileName: string, text: string): Promise<Result<ApplyPreview>> {
    try {
      // A dry run may still draw from the seeded random stream (a uid): journal it, so a replay draws the same.
      this.journal({ at: this.lab.cluster.now(), op: 'preview', fileName, text });
      return { ok: true, value: previewApply(this.lab.cluster, fileName, text, this.lab.kubeconfig) };
    } catch (error) {
      return { ok: false, error: `kubelab: internal error: ${message(error)}` };
    }
  }

  async record(onEntry: (entry: JournalEntry) => void): Promise<void> {
    this.onEntry = onEntry;
    if (this.bootEntry) onEntry(this.bootEntry);
    this.bootEntry = undefined;
  }

  /** Move virtual time to `at` (never back). */
  private advanceTo(at: number | undefined): void {
    const delta = at === undefined ? 0 : at - this.lab.cluster.now();
    if (delta > 0) this.lab.cluster.advance(delta);
  }

  private replayEntry(entry: JournalEntry): void {
    switch (entry.op) {
      case 'kubectl': this.lab.kubectl({ command: entry.command, files: entry.files, stdin: entry.stdin }); break;
      case 'preview': previewApply(this.lab.cluster, entry.fileName, entry.text, this.lab.kubeconfig); break;
      case 'edit':
      case 'edit-save': this.edits.replay(entry); break;
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
      // An edit the learner had not saved when the worker stopped is gone (the terminal says so).
      this.edits.cancel();
      return { ok: true, value: this.time() };
    } catch (error) {
      return { ok: false, error: `kubelab: the cluster could not be restored: ${message(error)}` };
    } finally {
      this.replaying = false;
      this.feed.attach(this.lab.cluster);
      this.driver.setSpeed(speed);
      this.watch.restarted();
      this.changed();
    }
  }

  async lesson(id: string, lang: LessonLanguage): Promise<Result<LessonView>> {
    const lesson = this.shelf.find(id);
    if (!lesson) return { ok: false, error: `lesson "${id}" not found` };
    const pick = (text: { en: string; 'zh-CN'?: string }): string => text[lang] ?? text.en;
    return { ok: true, value: { id, title: pick(lesson.title), summary: pick(lesson.summary), time: lesson.time, body: pick(lesson.body), files: { ...lesson.files } } };
  }

  async watchLessons(lang: LessonLanguage, onEvent: (event: LessonEvent) => void): Promise<void> {
    this.lang = lang;
    this.lessonListener = onEvent;
    this.watch.listen(onEvent);
  }

  async auditLog(query: AuditPageQuery): Promise<Result<AuditPage>> {
    try {
      return { ok: true, value: auditPage(this.lab.cluster.audit, query ?? {}) };
    } catch (error) {
      return { ok: false, error: `kubelab: internal error: ${message(error)}` };
    }
  }

  /** For tests without a timer: grade now if something changed (the worker's timer calls this every 250 ms). */
  gradeTick(): void {
    this.watch.tick();
  }

  async complete(line: string, cursor: number): Promise<Completion> {
    try {
      return await complete(line, cursor, this.lab.cluster);
    } catch {
      // A completion never fails the terminal: no candidates.
      return { from: cursor, items: [] };
    }
  }
}

/** The lesson id of a `startLesson` / `checks` body: `{id}` (the HTTP API has it in the path) or the id itself. */
function lessonId(params: unknown): string | undefined {
  const id = typeof params === 'string' ? params : (params as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id ? id : undefined;
}

/**
 * The lab service a worker named `name` runs: `lesson=<id>` opens that lesson, anything else (the
 * playground, `restore`) none. The page names the lesson in the worker's name (lab/lib/worker-boot.ts)
 * so that the first cluster built is already the lesson's: no second cluster before the first answer.
 * The build (first-answer-image.ts) builds the same lab in Node, with a timer that never fires.
 */
export function workerLab(name: string, lessons: LessonBundle, timer: LabServiceOptions['timer'], mark?: (stage: string) => void): LabService {
  const lesson = new URLSearchParams(name).get('lesson') || undefined;
  return new LabService({ seed: 1, speed: 1, lessons, lesson, timer, mark });
}
