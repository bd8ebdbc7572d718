/**
 * `kubectl edit` between the terminal and the editor pane. The worker stops the command where
 * kubectl would launch $EDITOR and answers with the buffer (worker/replay-edit.ts); the terminal
 * then waits — printing nothing, as kubectl prints nothing while the editor runs — until the
 * learner saves or closes the editor's tab, hands the text back, prints kubectl's answer, and
 * opens the tab again when kubectl reopens the editor (an invalid edit, with the reasons in the
 * header). Ctrl-C ends the command (130) and a worker restart loses the unsaved edit.
 */
import type { EditBuffer, KubectlAnswer, Result } from '../../worker/protocol.ts';

/** How the editor's tab ended: saved, closed without saving, or taken away (Ctrl-C, a restarted worker). */
export type EditorOutcome = { kind: 'saved'; text: string } | { kind: 'closed' } | { kind: 'interrupted' } | { kind: 'restarted' };

/** Said in the terminal when the worker restarted while the editor was open. */
export const editLostToRestart = 'kubelab: the cluster restarted while the editor was open; the edit was not saved (run kubectl edit again)\n';

/** What the edit loop needs from the worker, the editor and the terminal. */
export interface EditLoopPorts {
  finishEdit(text: string | null): Promise<Result<KubectlAnswer>>;
  cancelEdit(): Promise<void>;
  /** Show the buffer in the editor's tab; resolves when the learner is done with it. */
  openEditor(buffer: EditBuffer): Promise<EditorOutcome>;
  write(text: string): void;
}

/**
 * Follow a `kubectl edit` answer until the command ends: each opening of the editor, each save.
 * Resolves with the command's exit code (130 for Ctrl-C; 1 when the worker could not go on).
 */
export async function followEdit(first: KubectlAnswer, ports: EditLoopPorts): Promise<number> {
  let answer = first;
  while (answer.edit) {
    const outcome = await ports.openEditor(answer.edit);
    if (outcome.kind === 'interrupted') {
      ports.write('^C\n');
      await ports.cancelEdit();
      return 130;
    }
    if (outcome.kind === 'restarted') {
      ports.write(editLostToRestart);
      return 1;
    }
    const next = await ports.finishEdit(outcome.kind === 'saved' ? outcome.text : null);
    if (!next.ok) {
      ports.write(`${next.error}\n`);
      return 1;
    }
    answer = next.value;
    ports.write(answer.stdout + answer.stderr);
  }
  return answer.exitCode;
}

/**
 * The hand-over between the terminal (which waits) and the editor's tab (which shows the buffer):
 * at most one buffer at a time; `settle` ends the wait. Plain TypeScript; the page wraps it in
 * reactive state (kubectl-edit-tab.svelte.ts).
 */
export class EditHandoff {
  /** The buffer the editor shows now. */
  buffer: EditBuffer | undefined;
  private resolve: ((outcome: EditorOutcome) => void) | undefined;

  constructor(private readonly changed: (buffer: EditBuffer | undefined) => void = () => undefined) {}

  /** Show a buffer and wait for the learner (a buffer still shown is taken away as interrupted). */
  open(buffer: EditBuffer): Promise<EditorOutcome> {
    this.settle({ kind: 'interrupted' });
    this.buffer = buffer;
    this.changed(buffer);
    return new Promise((resolve) => (this.resolve = resolve));
  }

  /** End the wait (the tab closes); nothing happens when no buffer is shown. */
  settle(outcome: EditorOutcome): void {
    const resolve = this.resolve;
    if (!resolve) return;
    this.resolve = undefined;
    this.buffer = undefined;
    this.changed(undefined);
    resolve(outcome);
  }

  /** Whether the terminal waits for the editor. */
  get waiting(): boolean {
    return this.resolve !== undefined;
  }
}
