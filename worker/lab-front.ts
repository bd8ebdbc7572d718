/**
 * What the page talks to (through comlink) from the moment the worker's code is loaded, before
 * the lab service exists: building it takes half a second on a slow machine. Calls wait in order
 * and go to the service once `serve` gives it. One kind does not wait: a `kubectl get` that
 * arrives before anything that could change the lab's state is answered from the build's image of
 * the lab at time zero (first-answers.ts), which is what the lab would answer. Once the service is
 * built it runs every such read again, in its place among the calls (its journal and audit log
 * get them as if it had answered), and `onMismatch` hears of any answer that differs.
 */
import type { ApplyPreview, AuditPage, AuditPageQuery, ChangeBatch, Completion, ControlMethod, Journal, JournalEntry, KubectlAnswer, LabWorkerApi, LessonEvent, LessonLanguage, LessonView, Placement, Result, TimeState, Vocabulary } from './protocol.ts';
import type { FirstAnswers } from './first-answers.ts';

type Method = keyof LabWorkerApi;

/** Calls that read or subscribe: they change neither the cluster nor the learner's kubectl session. */
const stateless = new Set<Method>(['subscribe', 'takeChanges', 'placement', 'vocabulary', 'ping', 'preview', 'record', 'lesson', 'watchLessons', 'complete', 'auditLog']);
const statelessControl = new Set<ControlMethod>(['status', 'lessons', 'checks']);

/** A read answered early: its command line and the answer given, which the service's is compared with. */
interface Early {
  line: string;
  given: unknown;
}

interface Waiting {
  method: Method;
  args: unknown[];
  /** Set for a read answered early: the service's answer is compared with it, not returned. */
  early?: Early;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface LabFrontOptions {
  /** The reader for this worker's lab, made at the first early read; undefined when the build shipped none for it. */
  answers: () => FirstAnswers | undefined;
  /** Told when the service's answer to an early read differs from the one given (a fidelity bug). */
  onMismatch?: (line: string, early: unknown, service: unknown) => void;
  /** Told of the first early answer (the worker marks it for the profiler). */
  mark?: (stage: string) => void;
}

export class LabFront implements LabWorkerApi {
  private service: LabWorkerApi | undefined;
  private readonly waiting: Waiting[] = [];
  /** False once a call that may change state waits: reads after it must see its effect. */
  private readsMayJump = true;
  /** The reader, made at the first read that could jump the queue (null: not yet). */
  private answers: FirstAnswers | undefined | null = null;
  private answered = false;

  constructor(private readonly options: LabFrontOptions) {}

  /** Hand over to the built service: the waiting calls go to it in order, and every later call at once. */
  serve(service: LabWorkerApi): void {
    for (const call of this.waiting.splice(0)) {
      const answer = (service[call.method] as (...args: unknown[]) => Promise<unknown>)(...call.args);
      if (call.early === undefined) {
        answer.then(call.resolve, call.reject);
        continue;
      }
      const { line, given } = call.early;
      void answer.then((value) => {
        if (JSON.stringify(value) !== JSON.stringify(given)) this.options.onMismatch?.(line, given, value);
      });
    }
    this.service = service;
  }

  /**
   * The answer to `line` from the image, in the shape the method returns, or undefined when it must
   * wait for the service.
   */
  private early(line: string, shape: (answer: KubectlAnswer) => unknown): Early | undefined {
    if (this.service || !this.readsMayJump) return undefined;
    let answer: KubectlAnswer | undefined;
    try {
      if (this.answers === null) this.answers = this.options.answers();
      answer = this.answers?.answer(line);
    } catch (error) {
      // Never worse than waiting: the service answers it once built.
      console.error('kubelab: the first answers failed', error);
      this.answers = undefined;
      return undefined;
    }
    if (!answer) return undefined;
    if (!this.answered) {
      this.answered = true;
      this.options.mark?.('first-answer');
    }
    return { line, given: shape(answer) };
  }

  private call(method: Method, args: unknown[], early?: Early): Promise<unknown> {
    if (this.service) return (this.service[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    if (early !== undefined) {
      this.waiting.push({ method, args, early, resolve: () => undefined, reject: () => undefined });
      return Promise.resolve(early.given);
    }
    if (!stateless.has(method) && !(method === 'control' && statelessControl.has(args[0] as ControlMethod))) this.readsMayJump = false;
    return new Promise((resolve, reject) => this.waiting.push({ method, args, resolve, reject }));
  }

  control(method: ControlMethod, params?: unknown): Promise<unknown> {
    const command = (params as { command?: unknown } | undefined)?.command;
    const plain = method === 'kubectl' && typeof command === 'string' && Object.keys(params as object).length === 1;
    return this.call('control', [method, params], plain ? this.early(command, (answer) => answer) : undefined);
  }

  kubectl(command: string, files?: Record<string, string>): Promise<Result<KubectlAnswer>> {
    const early = files === undefined ? this.early(command, (answer): Result<KubectlAnswer> => ({ ok: true, value: answer })) : undefined;
    return this.call('kubectl', files === undefined ? [command] : [command, files], early) as Promise<Result<KubectlAnswer>>;
  }

  finishEdit(text: string | null): Promise<Result<KubectlAnswer>> {
    return this.call('finishEdit', [text]) as Promise<Result<KubectlAnswer>>;
  }

  cancelEdit(): Promise<void> {
    return this.call('cancelEdit', []) as Promise<void>;
  }

  setSpeed(speed: number): Promise<Result<TimeState>> {
    return this.call('setSpeed', [speed]) as Promise<Result<TimeState>>;
  }

  step(seconds: number): Promise<Result<TimeState>> {
    return this.call('step', [seconds]) as Promise<Result<TimeState>>;
  }

  subscribe(notify: () => void): Promise<void> {
    return this.call('subscribe', [notify]) as Promise<void>;
  }

  takeChanges(): Promise<ChangeBatch> {
    return this.call('takeChanges', []) as Promise<ChangeBatch>;
  }

  placement(namespace: string, name: string): Promise<Result<Placement>> {
    return this.call('placement', [namespace, name]) as Promise<Result<Placement>>;
  }

  vocabulary(): Promise<Vocabulary> {
    return this.call('vocabulary', []) as Promise<Vocabulary>;
  }

  ping(): Promise<'pong'> {
    return this.call('ping', []) as Promise<'pong'>;
  }

  preview(fileName: string, text: string): Promise<Result<ApplyPreview>> {
    return this.call('preview', [fileName, text]) as Promise<Result<ApplyPreview>>;
  }

  record(onEntry: (entry: JournalEntry) => void): Promise<void> {
    return this.call('record', [onEntry]) as Promise<void>;
  }

  replay(journal: Journal): Promise<Result<TimeState>> {
    return this.call('replay', [journal]) as Promise<Result<TimeState>>;
  }

  lesson(id: string, lang: LessonLanguage): Promise<Result<LessonView>> {
    return this.call('lesson', [id, lang]) as Promise<Result<LessonView>>;
  }

  watchLessons(lang: LessonLanguage, onEvent: (event: LessonEvent) => void): Promise<void> {
    return this.call('watchLessons', [lang, onEvent]) as Promise<void>;
  }

  complete(line: string, cursor: number): Promise<Completion> {
    return this.call('complete', [line, cursor]) as Promise<Completion>;
  }

  auditLog(query: AuditPageQuery): Promise<Result<AuditPage>> {
    return this.call('auditLog', [query]) as Promise<Result<AuditPage>>;
  }
}
