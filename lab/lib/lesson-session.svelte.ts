/**
 * The lesson the page runs, as reactive state for the lesson panel: the list of lessons, the
 * current lesson's text (in the UI language), its check results as the worker grades them, and
 * whether it is complete. Events from the worker also go to an embedding page (contract 3).
 */
import { CompletionLedger, completionLedgerKey, pageStorage, type LedgerStorage } from './completion-ledger.ts';
import type { CheckResult, LabWorkerApi, LessonEvent, LessonLanguage, LessonView } from '../../worker/protocol.ts';

/** A lesson in the list. */
export interface LessonListEntry {
  id: string;
  title: string;
}

/** A lesson's starting files (lessons/NN-ID/files/), which the editor's workspace should hold. */
export interface StartingFiles {
  lesson: string;
  files: Record<string, string>;
}

/** What the editor follows of the session: the running lesson's files, and "Start over" requests. */
export interface LessonFiles {
  /** The running lesson's starting files (undefined in the playground, or until the lesson has loaded). */
  readonly starting: StartingFiles | undefined;
  /** True once "Start over" asks for the starting files again, until the editor has put them back. */
  readonly filesResetAsked: boolean;
  /** The editor has put the starting files back: the "Start over" request is done. */
  filesResetDone(): void;
}

/** What the session needs of the lab client. */
export interface LessonClient {
  api: Pick<LabWorkerApi, 'control' | 'lesson'>;
  setLessonLanguage(lang: LessonLanguage): Promise<void>;
  onLessonEvent: ((event: LessonEvent) => void) | undefined;
  /** The workspace whose cluster the session grades (its state is kept per workspace). */
  readonly workspace?: string;
}

/** The lesson the page runs and its grading, as reactive state (one per page). */
export class LessonSession implements LessonFiles {
  /** The lesson that runs: the page's, until the control API starts another one. */
  id = $state<string | undefined>();
  list = $state.raw<LessonListEntry[]>([]);
  view = $state.raw<LessonView | undefined>();
  checks = $state.raw<CheckResult[]>([]);
  complete = $state(false);
  error = $state<string | undefined>();
  starting = $state.raw<StartingFiles | undefined>();
  filesResetAsked = $state(false);
  /** Resolves with the lesson's starting files (the workspace commits them as its start). */
  readonly files: Promise<Record<string, string>>;
  private gotFiles: (files: Record<string, string>) => void = () => undefined;
  private lang: LessonLanguage = 'en';

  /** Which completions were announced, kept with the workspace across reloads. */
  private readonly ledger: CompletionLedger;

  /**
   * `id` undefined: the playground, no lesson. `announce` posts an event to an embedding page.
   * `storage` keeps which completions were announced (default: localStorage, when readable).
   */
  constructor(private readonly client: LessonClient, id: string | undefined, private readonly announce?: (event: string, detail: Record<string, unknown>) => void,
    storage: LedgerStorage | undefined = pageStorage()) {
    this.id = id;
    this.ledger = new CompletionLedger(storage, completionLedgerKey(client.workspace ?? id ?? 'playground'));
    this.files = new Promise((resolve) => (this.gotFiles = resolve));
    if (!id) this.gotFiles({});
    client.onLessonEvent = (event) => this.take(event);
  }

  /** Take a worker event: results for the current lesson; tell the embedding page. */
  take(event: LessonEvent): void {
    if (event.event === 'lesson-started') {
      this.started(event.lesson);
      return;
    }
    if (event.event === 'lesson-complete') {
      // Once per completion: a reload replays the cluster and the worker grades it complete again.
      if (this.ledger.claim(event.lesson)) this.announce?.(event.event, { lesson: event.lesson, checks: event.checks });
    } else {
      // The embedding page hears of whichever lesson runs (it may have started another one itself).
      this.announce?.(event.event, { lesson: event.lesson, checks: event.checks });
    }
    if (event.lesson !== this.id) return;
    this.checks = event.checks;
    if (event.event === 'lesson-complete') this.complete = true;
    else if (!event.checks.every((c) => c.passed)) this.complete = false;
  }

  /** A lesson (re)started through the control API: show it now, graded afresh, completable again. */
  private started(lesson: string): void {
    this.ledger.started(lesson);
    this.checks = [];
    this.complete = false;
    if (lesson === this.id) return;
    this.id = lesson;
    this.view = undefined;
    this.error = undefined;
    rememberInAddress(lesson, this.client.workspace);
    void this.loadView(this.lang);
  }

  /** Load the list and the lesson in `lang` (again when the language changes). */
  async load(lang: LessonLanguage): Promise<void> {
    this.lang = lang;
    const list = await this.client.api.control('lessons', { lang });
    if (lang !== this.lang) return; // a newer switch won
    if (Array.isArray(list)) this.list = list as LessonListEntry[];
    await this.client.setLessonLanguage(lang);
    await this.loadView(lang);
  }

  /** The current lesson's text in `lang`; a newer language or lesson switch wins. */
  private async loadView(lang: LessonLanguage): Promise<void> {
    const id = this.id;
    if (!id) return;
    const answer = await this.client.api.lesson(id, lang);
    if (lang !== this.lang || id !== this.id) return;
    if (!answer.ok) {
      this.error = answer.error;
      this.gotFiles({});
      return;
    }
    this.error = undefined;
    this.view = answer.value;
    // A language switch reloads the same lesson: the editor compares lessons, not objects.
    if (this.starting?.lesson !== id) this.starting = { lesson: id, files: answer.value.files };
    this.gotFiles(answer.value.files);
  }

  /** Start the lesson when the restored cluster runs another one (a journal from another lesson, or none). */
  async ensureStarted(): Promise<void> {
    if (!this.id) return;
    const status = (await this.client.api.control('status')) as { lesson?: string | null };
    if (status.lesson !== this.id) await this.restartCluster();
  }

  /**
   * "Start over": a fresh cluster with the lesson's start objects, and the lesson's starting files
   * in the editor again (the workspace commits the learner's files first, so the history keeps them).
   */
  async startOver(): Promise<void> {
    if (!this.id) return;
    this.filesResetAsked = true;
    await this.restartCluster();
  }

  filesResetDone(): void {
    this.filesResetAsked = false;
  }

  /** Start the lesson's cluster again (the files stay as they are). */
  private async restartCluster(): Promise<void> {
    if (!this.id) return;
    const answer = (await this.client.api.control('startLesson', { id: this.id })) as { error?: string };
    this.error = answer.error;
    this.checks = [];
    this.complete = false;
  }
}

/**
 * Keep a lesson the control API started across a reload: `#lesson=` names it, and the workspace is
 * pinned so the reload replays the same cluster (page-params.ts reads both from the hash).
 */
function rememberInAddress(lesson: string, workspace: string | undefined): void {
  if (typeof location === 'undefined' || typeof history === 'undefined') return;
  const url = new URL(location.href);
  const hash = new URLSearchParams(url.hash.replace(/^#/, ''));
  hash.delete('playground');
  url.searchParams.delete('playground');
  hash.set('lesson', lesson);
  if (workspace && !url.searchParams.has('workspace')) hash.set('workspace', workspace);
  url.hash = hash.toString();
  history.replaceState(history.state, '', url.href);
}
