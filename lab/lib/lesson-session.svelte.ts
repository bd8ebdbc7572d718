/**
 * The lesson the page runs, as reactive state for the lesson panel: the list of lessons, the
 * current lesson's text (in the UI language), its check results as the worker grades them, and
 * whether it is complete. Events from the worker also go to an embedding page (contract 3).
 */
import type { CheckResult, LabWorkerApi, LessonEvent, LessonLanguage, LessonView } from '../../worker/protocol.ts';

/** A lesson in the list. */
export interface LessonListEntry {
  id: string;
  title: string;
}

/** What the session needs of the lab client. */
export interface LessonClient {
  api: Pick<LabWorkerApi, 'control' | 'lesson'>;
  setLessonLanguage(lang: LessonLanguage): Promise<void>;
  onLessonEvent: ((event: LessonEvent) => void) | undefined;
}

export class LessonSession {
  list = $state.raw<LessonListEntry[]>([]);
  view = $state.raw<LessonView | undefined>();
  checks = $state.raw<CheckResult[]>([]);
  complete = $state(false);
  error = $state<string | undefined>();
  /** Resolves with the lesson's starting files (the workspace commits them as its start). */
  readonly files: Promise<Record<string, string>>;
  private gotFiles: (files: Record<string, string>) => void = () => undefined;
  private lang: LessonLanguage = 'en';

  /** `id` undefined: the playground, no lesson. `announce` posts an event to an embedding page. */
  constructor(private readonly client: LessonClient, readonly id: string | undefined, private readonly announce?: (event: string, detail: Record<string, unknown>) => void) {
    this.files = new Promise((resolve) => (this.gotFiles = resolve));
    if (!id) this.gotFiles({});
    client.onLessonEvent = (event) => this.take(event);
  }

  /** Take a worker event: results for the current lesson; tell the embedding page. */
  take(event: LessonEvent): void {
    // The embedding page hears of whichever lesson runs (it may have started another one itself).
    this.announce?.(event.event, { lesson: event.lesson, checks: event.checks });
    if (event.lesson !== this.id) return;
    this.checks = event.checks;
    if (event.event === 'lesson-complete') this.complete = true;
    else if (!event.checks.every((c) => c.passed)) this.complete = false;
  }

  /** Load the list and the lesson in `lang` (again when the language changes). */
  async load(lang: LessonLanguage): Promise<void> {
    this.lang = lang;
    const list = await this.client.api.control('lessons', { lang });
    if (lang !== this.lang) return; // a newer switch won
    if (Array.isArray(list)) this.list = list as LessonListEntry[];
    await this.client.setLessonLanguage(lang);
    if (!this.id) return;
    const answer = await this.client.api.lesson(this.id, lang);
    if (lang !== this.lang) return;
    if (!answer.ok) {
      this.error = answer.error;
      this.gotFiles({});
      return;
    }
    this.error = undefined;
    this.view = answer.value;
    this.gotFiles(answer.value.files);
  }

  /** Start the lesson when the restored cluster runs another one (a journal from another lesson, or none). */
  async ensureStarted(): Promise<void> {
    if (!this.id) return;
    const status = (await this.client.api.control('status')) as { lesson?: string | null };
    if (status.lesson !== this.id) await this.startOver();
  }

  /** Start the lesson again: a fresh cluster with its start objects (the files stay as they are). */
  async startOver(): Promise<void> {
    if (!this.id) return;
    const answer = (await this.client.api.control('startLesson', { id: this.id })) as { error?: string };
    this.error = answer.error;
    this.checks = [];
    this.complete = false;
  }
}
