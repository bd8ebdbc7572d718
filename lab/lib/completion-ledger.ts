/**
 * Which lesson completions the lab has announced to an embedding page, kept across reloads. A
 * reload (or a worker crash) replays the cluster, and the worker grades the replayed cluster
 * complete again: without this ledger the page would send `lesson-complete` a second time.
 */

/** Where the ledger keeps its state (localStorage on the page). */
export type LedgerStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The localStorage key of a workspace's ledger (next to its cluster journal). */
export function completionLedgerKey(workspace: string): string {
  return `kubelab-${workspace}-lesson-session`;
}

/** What is stored: the lessons whose completion on the workspace's current cluster was announced. */
interface SavedLedger {
  announced: string[];
}

/** The announcements of one workspace. */
export class CompletionLedger {
  constructor(private readonly storage: LedgerStorage | undefined, private readonly key: string) {}

  /** True once per completion of `lesson` (recorded then); false while that completion stands. */
  claim(lesson: string): boolean {
    const saved = this.read();
    if (saved.announced.includes(lesson)) return false;
    this.write({ announced: [...saved.announced, lesson] });
    return true;
  }

  /** `lesson` started afresh (a new cluster): its next completion is a new one. */
  started(lesson: string): void {
    const saved = this.read();
    if (saved.announced.includes(lesson)) this.write({ announced: saved.announced.filter((id) => id !== lesson) });
  }

  private read(): SavedLedger {
    try {
      const parsed = JSON.parse(this.storage?.getItem(this.key) ?? '{}') as Partial<SavedLedger> | null;
      const announced = parsed?.announced;
      return { announced: Array.isArray(announced) ? announced.filter((id): id is string => typeof id === 'string') : [] };
    } catch {
      return { announced: [] }; // unreadable or blocked storage: nothing was announced
    }
  }

  private write(state: SavedLedger): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(state));
    } catch {
      // Storage full or blocked: at worst a reload announces the completion again.
    }
  }
}

/** localStorage, or undefined where there is none or reading it throws (Node, a sandboxed frame). */
export function pageStorage(): LedgerStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
