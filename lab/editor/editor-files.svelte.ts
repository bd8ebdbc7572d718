/**
 * The editor's open files: one monaco model per file of the learner's workspace (lab/workspace),
 * saved as the learner types, committed on Apply. Other tabs of the same workspace hear of each
 * save on a BroadcastChannel: a file this tab has not touched since is reloaded; one it has
 * changed is never overwritten — the learner chooses (a conflict). A full storage is a message,
 * and the text stays in the editor.
 */
import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api';
import type { CommitInfo, FileChange, LessonStartResult, Workspace, WriteResult } from '../workspace/workspace.ts';

type MonacoApi = typeof Monaco;

/** Messages between tabs of one workspace. */
type TabMessage = { type: 'saved' | 'committed' | 'reset'; path?: string };

/** Wait this long after the last key before saving. */
const saveDelayMs = 400;

export class EditorFiles {
  files = $state<string[]>([]);
  active = $state('');
  /** Another tab saved a file this tab has unsaved changes to. */
  conflict = $state<{ path: string; disk: string | undefined } | undefined>();
  /** Why the last save failed (a full storage), if it did. */
  problem = $state<string | undefined>();
  history = $state<CommitInfo[]>([]);
  /** Grows each time every model is replaced (a reset, another lesson's files): the view shows the new ones. */
  revision = $state(0);
  /** The text of each file as this tab last read or wrote it (null: no such file). */
  private seen = new Map<string, string | null>();
  private models = new Map<string, Monaco.editor.ITextModel>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private channel: BroadcastChannel | undefined;
  /** Set while this tab replaces a model's text itself, so the change is not saved back. */
  private loading = false;

  constructor(private readonly workspace: Workspace, private readonly monaco: MonacoApi, private readonly uriRoot: string) {
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(`kubelab-${workspace.name}`);
      this.channel.onmessage = (event: MessageEvent<TabMessage>) => void this.heard(event.data);
    }
  }

  /** Load every file of the workspace into a model, and the history. */
  async load(): Promise<void> {
    this.files = await this.workspace.files();
    for (const path of this.files) this.attach(path, (await this.workspace.read(path)) ?? '');
    // A reload keeps the open tab when the file is still there ("Start over" of the file being read).
    if (!this.files.includes(this.active)) this.active = this.files[0] ?? '';
    await this.refreshHistory();
  }

  private attach(path: string, text: string): Monaco.editor.ITextModel {
    this.seen.set(path, text);
    let model = this.models.get(path);
    if (!model) {
      model = this.monaco.editor.createModel(text, 'yaml', this.monaco.Uri.parse(this.uriRoot + encodeURIComponent(path)));
      model.onDidChangeContent(() => {
        if (!this.loading) this.scheduleSave(path);
      });
      this.models.set(path, model);
    } else if (model.getValue() !== text) {
      this.replaceText(model, text);
    }
    return model;
  }

  /** Replace a model's text as one undoable edit, without saving it back. */
  private replaceText(model: Monaco.editor.ITextModel, text: string): void {
    this.loading = true;
    try {
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
    } finally {
      this.loading = false;
    }
  }

  /** The model of a file. */
  model(path: string): Monaco.editor.ITextModel | undefined {
    return this.models.get(path);
  }

  /** A file's current text in the editor. */
  text(path: string): string {
    return this.models.get(path)?.getValue() ?? '';
  }

  /** True when the editor holds changes not yet saved to the workspace. */
  dirty(path: string): boolean {
    return this.seen.get(path) !== this.text(path);
  }

  private scheduleSave(path: string): void {
    clearTimeout(this.timers.get(path));
    this.timers.set(path, setTimeout(() => void this.save(path), saveDelayMs));
  }

  /** Save a file now; a conflict or a failure is kept in `conflict` / `problem` and returned. */
  async save(path: string): Promise<WriteResult> {
    clearTimeout(this.timers.get(path));
    const text = this.text(path);
    if (this.seen.get(path) === text) return { ok: true };
    const result = await this.workspace.write(path, text, this.seen.get(path) ?? null);
    if (result.ok) {
      this.seen.set(path, text);
      this.problem = undefined;
      this.channel?.postMessage({ type: 'saved', path } satisfies TabMessage);
    } else if (result.reason === 'conflict') {
      this.conflict = { path, disk: result.disk };
    } else {
      this.problem = result.message;
    }
    return result;
  }

  /** Save every file with unsaved changes (the page is being hidden or closed). */
  async saveAll(): Promise<void> {
    for (const path of this.models.keys()) if (this.dirty(path)) await this.save(path);
  }

  /** Another tab saved, committed or reset. */
  private async heard(message: TabMessage): Promise<void> {
    if (message.type === 'committed') return this.refreshHistory();
    if (message.type === 'reset') return this.reloadAll();
    const path = message.path;
    if (!path) return;
    const disk = await this.workspace.read(path);
    if (!this.models.has(path)) {
      this.attach(path, disk ?? '');
      this.files = [...new Set([...this.files, path])].sort();
    } else if (!this.dirty(path)) {
      this.attach(path, disk ?? '');
    } else if (disk !== this.text(path)) {
      this.conflict = { path, disk };
    }
  }

  /** Settle a conflict: take the other tab's text, or write this tab's over it. */
  async resolve(keep: 'mine' | 'theirs'): Promise<void> {
    const conflict = this.conflict;
    if (!conflict) return;
    this.conflict = undefined;
    if (keep === 'theirs') this.attach(conflict.path, conflict.disk ?? '');
    else {
      this.seen.set(conflict.path, conflict.disk ?? null);
      await this.save(conflict.path);
    }
  }

  /** A new file (the answer is false when the name is taken). */
  async create(path: string, text: string): Promise<boolean> {
    if (this.models.has(path)) return false;
    this.attach(path, text);
    this.seen.set(path, null); // not on disk yet: the save must find no such file
    this.files = [...this.files, path].sort();
    this.active = path;
    await this.save(path);
    return true;
  }

  /** Put text in a file as an edit the learner can undo. */
  setText(path: string, text: string): void {
    const model = this.models.get(path);
    if (!model) return;
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
  }

  /** Save the file and commit it as `apply FILE`. */
  async commitApply(path: string): Promise<string | undefined> {
    const saved = await this.save(path);
    if (!saved.ok) return saved.reason === 'conflict' ? undefined : saved.message;
    const committed = await this.workspace.commit(path, `apply ${path}`);
    if (!committed.ok) {
      this.problem = committed.reason === 'conflict' ? undefined : committed.message;
      return this.problem;
    }
    await this.refreshHistory();
    this.channel?.postMessage({ type: 'committed' } satisfies TabMessage);
    return undefined;
  }

  /** Bring a file back as a commit recorded it (the learner applies it to commit it again). */
  async restore(path: string, oid: string): Promise<void> {
    const text = await this.workspace.fileAt(oid, path);
    if (text === undefined) return;
    if (!this.models.has(path)) await this.create(path, text);
    else this.setText(path, text);
    this.active = path;
    await this.save(path);
  }

  /** The files a commit changed. */
  changes(oid: string): Promise<FileChange[]> {
    return this.workspace.changes(oid);
  }

  async refreshHistory(): Promise<void> {
    this.history = await this.workspace.log();
  }

  /** Throw the workspace away and start again from the starter files (every tab reloads). */
  async reset(): Promise<void> {
    await this.workspace.reset();
    await this.reloadAll();
    this.channel?.postMessage({ type: 'reset' } satisfies TabMessage);
  }

  /**
   * Hold a lesson's starting files: another lesson's (or, with `restart`, the same lesson's again)
   * replace the files after the learner's are saved and committed (workspace.startLesson); every
   * tab reloads. A save that fails stops the switch, so nothing unsaved is thrown away.
   */
  async startLesson(lesson: string, files: Record<string, string>, restart = false): Promise<LessonStartResult> {
    for (const path of this.models.keys()) {
      if (!this.dirty(path)) continue;
      const saved = await this.save(path);
      if (!saved.ok) return saved;
    }
    const started = await this.workspace.startLesson(lesson, files, restart);
    if (!started.ok) {
      if (started.reason !== 'conflict') this.problem = started.message;
      return started;
    }
    if (started.changed) {
      await this.reloadAll();
      this.channel?.postMessage({ type: 'reset' } satisfies TabMessage);
    }
    return started;
  }

  private async reloadAll(): Promise<void> {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    // Disposed first: monaco refuses a second model with the same URI.
    for (const model of this.models.values()) model.dispose();
    this.models.clear();
    this.seen.clear();
    this.conflict = undefined;
    await this.load();
    this.revision++;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.channel?.close();
    for (const model of this.models.values()) model.dispose();
  }
}
