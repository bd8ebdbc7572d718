/**
 * The page's copy of the cluster journal (worker/protocol.ts `Journal`): the seed and every change
 * with the virtual time it ran at, kept in localStorage so that a reload or a new worker after a
 * crash can replay it. A reset starts a new journal. Saving never throws: a full storage is
 * reported as a message and the journal stays in memory.
 */
import type { Journal, JournalEntry } from '../../worker/protocol.ts';

/** The localStorage key of a workspace's journal. */
export function journalKey(workspace: string): string {
  return `kubelab-${workspace}-journal`;
}

function isJournal(value: unknown): value is Journal {
  const j = value as Journal | null;
  return !!j && typeof j === 'object' && typeof j.seed === 'number' && Array.isArray(j.entries);
}

/** The journal of one workspace and where it is saved. */
export class JournalStore {
  journal: Journal;
  private lastSaved = -Infinity;

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined, readonly key: string, seed = 1) {
    this.journal = this.load() ?? { seed, entries: [] };
  }

  private load(): Journal | undefined {
    try {
      const text = this.storage?.getItem(this.key);
      const value: unknown = text ? JSON.parse(text) : undefined;
      return isJournal(value) ? value : undefined;
    } catch {
      return undefined;
    }
  }

  /** True when there is something to replay: a change, or time that has passed. */
  get hasState(): boolean {
    return this.journal.entries.length > 0 || this.journal.time !== undefined;
  }

  /** Add a change (a reset starts the journal again with its seed) and save. */
  append(entry: JournalEntry): string | undefined {
    if (entry.op === 'reset') this.journal = { seed: entry.seed, ...(entry.lesson ? { lesson: entry.lesson } : {}), entries: [], time: entry.at, speed: this.journal.speed };
    else this.journal.entries.push(entry);
    this.journal.time = Math.max(this.journal.time ?? 0, entry.at);
    return this.save();
  }

  /**
   * Note how far virtual time has run. Saved at most once every `everyMs` of wall time (the
   * page saves again when it is hidden), since a batch arrives every frame.
   */
  setTime(now: number, speed: number, wallMs: number, everyMs = 1000): string | undefined {
    this.journal.time = now;
    this.journal.speed = speed;
    if (wallMs - this.lastSaved < everyMs) return undefined;
    this.lastSaved = wallMs;
    return this.save();
  }

  /** Write the journal; the answer is an error message when storage refused it. */
  save(): string | undefined {
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.journal));
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /** Forget everything (a new, empty journal with `seed`). */
  clear(seed = 1): void {
    this.journal = { seed, entries: [] };
    try {
      this.storage?.removeItem(this.key);
    } catch {
      // Nothing saved to remove.
    }
  }
}
