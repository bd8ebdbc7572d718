/**
 * The editor tab of a running `kubectl edit`, as reactive state shared by the terminal (which
 * opens it and waits) and the editor pane (which shows it, saves or cancels it).
 */
import type { EditBuffer } from '../../worker/protocol.ts';
import { EditHandoff, type EditorOutcome } from './kubectl-edit.ts';

/** The pending `kubectl edit` buffer, if the terminal waits for the editor. */
export class KubectlEditTab {
  /** The buffer shown; a new object at each (re)opening. */
  buffer = $state.raw<EditBuffer | undefined>();
  private readonly handoff = new EditHandoff((buffer) => (this.buffer = buffer));

  /** Show the buffer and wait until it is saved, closed or interrupted. */
  open(buffer: EditBuffer): Promise<EditorOutcome> {
    return this.handoff.open(buffer);
  }

  /** "Save and apply" (Ctrl+S): kubectl goes on with this text. */
  save(text: string): void {
    this.handoff.settle({ kind: 'saved', text });
  }

  /** "Cancel", or the tab closed: kubectl sees the file unchanged. */
  close(): void {
    this.handoff.settle({ kind: 'closed' });
  }

  /** Ctrl-C in the terminal, or a restarted worker: the tab goes away without an answer to kubectl. */
  interrupt(kind: 'interrupted' | 'restarted'): void {
    this.handoff.settle({ kind });
  }

  /** Whether the terminal waits for the editor. */
  get waiting(): boolean {
    return this.handoff.waiting;
  }
}
