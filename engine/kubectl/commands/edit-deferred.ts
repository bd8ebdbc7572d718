/**
 * An edit that waits for the lab's editor. A browser terminal cannot block while the learner
 * types, so with `SessionOptions.deferEdits` `kubectl edit` stops where kubectl would launch the
 * editor and leaves this object on the session; `KubectlSession.finishEdit(text)` continues the
 * same run with what was saved — possibly leaving a new pending edit, when kubectl would reopen
 * the editor after an invalid or unparsable save.
 */
import { KubectlError } from '../client/api-client.ts';
import type { Output, StreamControl } from '../command.ts';
import type { KubectlResult, KubectlSessionBase } from '../session-base.ts';
import type { EditRun, PendingEdit } from './edit-run.ts';

/** The edit a session holds between `kubectl edit` and the editor's save. */
export class DeferredEdit {
  constructor(
    private readonly session: KubectlSessionBase,
    private readonly run: EditRun,
    /** What the editor must show now. */
    public pending: PendingEdit,
    /** The terminal's stream when the command was started with `KubectlSession.start`: it stays open until the edit ends. */
    private readonly stream?: StreamControl,
  ) {}

  /**
   * Continue the run with the saved text (`undefined`: the editor was closed without saving, which
   * kubectl sees as an unchanged file). Returns what this part printed and, once the run is over,
   * its exit code; while the editor must open again the exit code is 0 and `pending` is the new text.
   */
  finish(text: string | undefined): KubectlResult {
    const out: Output = { stdout: [], stderr: [] };
    this.run.useOutput(out);
    let exitCode: number | undefined;
    try {
      exitCode = this.run.save(text ?? this.pending.text);
      if (exitCode === undefined) this.pending = this.run.open();
    } catch (error) {
      if (!(error instanceof KubectlError)) throw error;
      out.stderr.push(`${error.text}\n`);
      exitCode = 1;
    }
    if (exitCode !== undefined && this.session.deferredEdit === this) this.session.deferredEdit = undefined;
    const result: KubectlResult = { stdout: out.stdout.join(''), stderr: out.stderr.join(''), exitCode: exitCode ?? 0 };
    if (this.stream) {
      if (result.stdout) this.stream.write('stdout', result.stdout);
      if (result.stderr) this.stream.write('stderr', result.stderr);
      if (exitCode !== undefined) this.stream.end(exitCode);
    }
    return result;
  }
}
