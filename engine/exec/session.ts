/**
 * One `kubectl exec`: a process started in a container, driven in virtual time. Output goes to
 * the sink as the process makes it; a `sleep 5` parks the session until the clock has moved
 * 5 s (the cluster's controllers wake it), so the caller decides how fast time runs: the real
 * clock in `kubelab serve`, `/advance` with a manual clock, the emulator by advancing itself.
 * A program that reads stdin (`sh` without `-c`, `cat` alone) starts when stdin is closed: the
 * simulated shell runs a whole script, as `sh < script.sh` does.
 */
import type { ExecSink, ExecStatus, ExecStream } from '../api/handlers/exec.ts';
import type { ProcessRun } from '../kubelet/images/shell.ts';

/** How a session meets time: read it, ask to be woken, say it is finished. */
export interface SessionClock {
  now(): number;
  wakeAt(session: ExecSession, at: number): void;
  done(session: ExecSession): void;
}

/** What the kubelet decided to run: a process, or a failure reported on the error channel. */
export type ExecPlan =
  | { kind: 'fail'; status: ExecStatus }
  | { kind: 'run'; command: string[]; readsStdin: boolean; start(stdin: string): ProcessRun };

/** The error channel's Status for an exit code: Success, or NonZeroExitCode with an ExitCode cause. */
export function exitStatus(code: number): ExecStatus {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: command terminated with exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** An internal error as the API server's stream translator reports it. */
export function internalStatus(why: string): ExecStatus {
  return { metadata: {}, status: 'Failure', message: `Internal error occurred: ${why}`, reason: 'InternalError', details: { causes: [{ message: why }] }, code: 500 };
}

/** A running (or finished) exec. */
export class ExecSession implements ExecStream {
  /** When the process's current sleep ends, if it is sleeping. */
  wakeAt?: number;
  private sink?: ExecSink;
  private run?: ProcessRun;
  private stdinText = '';
  private waitingForStdin = false;
  private finished = false;

  constructor(readonly id: string, private readonly plan: ExecPlan, private readonly stdinAttached: boolean, private readonly clock: SessionClock) {}

  /** Whether the session has ended (exited, failed, or closed by the client). */
  get ended(): boolean {
    return this.finished;
  }

  start(sink: ExecSink): void {
    if (this.sink || this.finished) return;
    this.sink = sink;
    if (this.plan.kind === 'fail') return this.finish(this.plan.status);
    // Without stdin attached a reader sees end-of-file at once.
    if (this.plan.readsStdin && this.stdinAttached) this.waitingForStdin = true;
    else this.begin('');
  }

  stdin(text: string): void {
    if (this.waitingForStdin) this.stdinText += text;
  }

  closeStdin(): void {
    if (!this.waitingForStdin) return;
    this.waitingForStdin = false;
    this.begin(this.stdinText);
  }

  close(): void {
    if (this.finished) return;
    this.finished = true;
    this.wakeAt = undefined;
    this.clock.done(this);
  }

  /** Resume the process if its sleep is over. */
  wake(): void {
    if (this.finished || this.wakeAt === undefined || this.clock.now() < this.wakeAt) return;
    this.wakeAt = undefined;
    this.pump();
  }

  private begin(stdin: string): void {
    if (this.plan.kind !== 'run') return;
    this.run = this.plan.start(stdin);
    this.pump();
  }

  /** Run the process until it sleeps or exits. */
  private pump(): void {
    const run = this.run;
    if (!run) return;
    for (;;) {
      if (this.finished) return;
      const step = run.next();
      if (step.done) return this.finish(exitStatus(step.value));
      const action = step.value;
      if (action.kind === 'output') {
        this.sink?.output(action.stream, action.text);
        continue;
      }
      if (action.ms <= 0) continue;
      this.wakeAt = this.clock.now() + action.ms;
      this.clock.wakeAt(this, this.wakeAt);
      return;
    }
  }

  private finish(status: ExecStatus): void {
    if (this.finished) return;
    this.finished = true;
    this.sink?.end(status);
    this.clock.done(this);
  }
}
