/**
 * `kubectl edit` typed in the lab's terminal, live and in a replay. The terminal cannot block
 * while the learner types in the editor, so the edit runs in a kubectl session that defers edits
 * (engine/kubectl/commands/edit-deferred.ts): the command stops where kubectl would launch
 * $EDITOR, the page shows the buffer, and each save continues the same run.
 *
 * For the journal the edit is two kinds of entry, each at the virtual time it happened: `edit`
 * when the editor opened (kubectl's GET: the objects every later patch is computed from) and
 * `edit-save` for each save or close. Replaying them at those times gives the same cluster; a
 * single entry replayed with a synchronous editor would patch at the wrong time, and from objects
 * newer than the ones the learner edited (a stale resourceVersion in the patch: a conflict).
 */
import type { Cluster } from '../engine/cluster.ts';
import type { LabControl } from '../engine/control/lab-control.ts';
import { KubectlSession, rootCommandOf } from '../engine/kubectl/session.ts';
import { splitCommandLine } from '../engine/kubectl/shell/split.ts';
import type { EditBuffer, JournalEntry, KubectlAnswer } from './protocol.ts';

/** Said when a save reaches a worker that holds no edit (it restarted, or the cluster was reset, while the editor was open). */
export const noEditWaiting = 'kubelab: the edit was not saved: the cluster restarted or was reset while the editor was open (run kubectl edit again)';

/**
 * Whether a terminal line is `kubectl edit …` (not piped: a pipe cannot hold the terminal open).
 * `apply edit-last-applied` and friends are not it.
 */
export function isEditLine(line: string): boolean {
  const split = splitCommandLine(line);
  if (!split.ok || split.stages.length !== 1) return false;
  const [program, ...argv] = split.stages[0];
  if (program !== 'kubectl' && program !== 'k') return false;
  // Found as the session finds it: global flags' values (`-n web edit …`) are skipped, not read as the verb.
  return rootCommandOf(argv) === 'edit';
}

/** What one step of a terminal edit answered, and the journal entry it makes. */
export interface EditStep {
  answer: KubectlAnswer;
  entry: JournalEntry;
}

/** The terminal's edits over the lab's current cluster: at most one waits for the editor at a time. */
export class TerminalEdits {
  private session: KubectlSession | undefined;
  private cluster: Cluster | undefined;

  constructor(private readonly lab: LabControl) {}

  /**
   * The deferring session, made again for a new cluster, with the kubeconfig of the lab's own
   * session (the learner's current context and namespace).
   */
  private sessionNow(): KubectlSession {
    if (!this.session || this.cluster !== this.lab.cluster) {
      this.cluster = this.lab.cluster;
      this.session = new KubectlSession(this.cluster, { deferEdits: true });
    }
    this.session.kubeconfig = this.lab.kubeconfig;
    return this.session;
  }

  /** The buffer the editor must show, if an edit waits for it. */
  pending(): EditBuffer | undefined {
    if (this.cluster !== this.lab.cluster) return undefined;
    const pending = this.session?.pendingEdit();
    return pending && { text: pending.text, fileName: pending.fileName, ext: pending.ext };
  }

  /** Run `kubectl edit …`: kubectl's output so far, and the buffer to show when the editor opened. */
  start(command: string, files?: Record<string, string>): EditStep {
    const session = this.sessionNow();
    const at = this.lab.cluster.now();
    // An edit still pending is dropped, as a killed kubectl's would be.
    session.deferredEdit = undefined;
    const result = session.run(command, files ? { files } : {});
    return { answer: this.withBuffer(result), entry: { at, op: 'edit', command, ...(files ? { files } : {}) } };
  }

  /** Continue the waiting edit with the saved text (null: the tab was closed without saving). */
  finish(text: string | null): EditStep | undefined {
    const session = this.cluster === this.lab.cluster ? this.session : undefined;
    if (!session?.pendingEdit()) return undefined;
    const at = this.lab.cluster.now();
    const result = session.finishEdit(text ?? undefined);
    return { answer: this.withBuffer(result), entry: { at, op: 'edit-save', text } };
  }

  /** Ctrl-C: drop the waiting edit, as killing kubectl would; nothing was changed. */
  cancel(): void {
    if (this.session) this.session.deferredEdit = undefined;
  }

  /** Replay a journaled step (at its time): the same run, the same saves. */
  replay(entry: Extract<JournalEntry, { op: 'edit' | 'edit-save' }>): void {
    if (entry.op === 'edit') this.start(entry.command, entry.files);
    else this.finish(entry.text);
  }

  private withBuffer(result: KubectlAnswer): KubectlAnswer {
    const edit = this.pending();
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, ...(edit ? { edit } : {}) };
  }
}
