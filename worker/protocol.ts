/**
 * The one typed protocol between the lab page and its cluster worker: every call the page can
 * make, every value that comes back, and the change batches that flow to the cluster view. The
 * page imports types from here only; the worker implements `LabWorkerApi` and exposes it with
 * comlink. Expected failures are values (`{ok: false, error}`), never thrown.
 */
import type { CheckResult } from '../engine/lessons/types.ts';

/** A call's answer: a value, or an error the learner can read. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** The lab control API's operations (DESIGN.md contract 3), as `window.kubelab` names them. */
export type ControlMethod = 'status' | 'advance' | 'kubectl' | 'addNode' | 'failNode' | 'recoverNode' | 'reset' | 'lessons' | 'startLesson' | 'checks';

/** The control operations' names, for `window.kubelab` and for checking a postMessage call. */
/** The worker's first message, sent as its thread starts (before the cluster loads); comlink ignores it. */
export const workerStarted = 'kubelab:worker-started';

export const controlMethods: readonly ControlMethod[] = ['status', 'advance', 'kubectl', 'addNode', 'failNode', 'recoverNode', 'reset', 'lessons', 'startLesson', 'checks'];

/** A check's outcome, as the control API's `checks` answers it. */
export type { CheckResult };

/** The lesson languages. */
export type LessonLanguage = 'en' | 'zh-CN';

/** A lesson as the lesson panel shows it, in one language. */
export interface LessonView {
  id: string;
  title: string;
  summary: string;
  /** Minutes a learner needs. */
  time: number;
  /** The steps, as Markdown (untrusted: render without raw HTML, then sanitise). */
  body: string;
  /** The learner's workspace at the start, by path. */
  files: Record<string, string>;
}

/**
 * What the lab tells the page (and an embedding page) while a lesson runs. `lesson-started` is the
 * page's own: a lesson (re)started through the control API (`startLesson`, `reset`), so the panel
 * switches at once; it is not one of contract 3's embed events.
 */
export interface LessonEvent {
  event: 'check' | 'lesson-complete' | 'lesson-started';
  lesson: string;
  checks: CheckResult[];
}

/** One API request as the audit view lists it (an audit event at level Metadata, flattened). */
export interface AuditEntry {
  /** RFC 3339 virtual time with microseconds (`requestReceivedTimestamp`). */
  time: string;
  /** Who sent the request (`user.username`). */
  user: string;
  /** Whom it acted as, with `kubectl --as` (`impersonatedUser.username`). */
  impersonatedUser?: string;
  verb: string;
  /** `apps` for deployments; empty for the core group. */
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  requestURI: string;
  /** `responseStatus.code`. */
  code: number;
  /** For a failure, the Status message the API server answered (`responseStatus.message`: who cannot do what, where). */
  reason?: string;
  /** `authorization.k8s.io/decision`; absent when no authorizer ran (a bad token, a refused impersonation). */
  decision?: 'allow' | 'forbid';
  /** `authorization.k8s.io/reason`: what allowed it (`RBAC: allowed by ClusterRoleBinding …`); empty for most denials. */
  authorizationReason?: string;
  /** The request as the API server's audit log writes it: one `audit.k8s.io/v1` Event in JSON. */
  line: string;
}

/** Which audit records the view asks for: newest first, at most `limit` (1–500, default 100). */
export interface AuditPageQuery {
  /** The requester or the user it impersonated, exactly. */
  user?: string;
  verb?: string;
  /** Leave out the cluster's own components (users named `system:…`). */
  hideSystem?: boolean;
  limit?: number;
}

/** One page of the audit log. */
export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  /** How many records matched in all (the page holds the newest of them). */
  matched: number;
  /** Every user the log names (requesters and impersonated), sorted, for the filter. */
  users: string[];
}

/** Candidates for the word at the cursor, replacing the text from `from` to the cursor. */
export interface Completion {
  from: number;
  items: string[];
}

/** What one kubectl command line printed and how it ended. */
export interface KubectlAnswer {
  stdout: string;
  stderr: string;
  exitCode: number;
  /**
   * `kubectl edit` stopped where kubectl launches $EDITOR: the buffer to show. The command is not
   * over (exitCode means nothing yet) until `finishEdit` answers without one, or `cancelEdit`.
   */
  edit?: EditBuffer;
}

/** kubectl edit's temporary file, as the editor tab shows it (not a workspace file). */
export interface EditBuffer {
  text: string;
  /** `/tmp/kubectl-edit-1.yaml`: the tab's name. */
  fileName: string;
  ext: '.yaml' | '.json';
}

/** Virtual time as the time controls show it. */
export interface TimeState {
  /** RFC 3339 virtual time. */
  time: string;
  /** Virtual seconds per real second; 0 while paused. */
  speed: number;
  /** Virtual time in milliseconds since the epoch (what the journal records). */
  now: number;
}

/** A node as the cluster view draws it. */
export interface NodeSummary {
  kind: 'Node';
  key: string;
  name: string;
  /** The STATUS of `kubectl get nodes`: `Ready`, `NotReady` (Ready condition False or Unknown), `Unknown` (none); `,SchedulingDisabled` when cordoned. */
  status: string;
  roles: string[];
  cpu: string;
  memory: string;
  zone?: string;
  taints: string[];
}

/** A pod as the cluster view draws it. */
export interface PodSummary {
  kind: 'Pod';
  key: string;
  namespace: string;
  name: string;
  nodeName?: string;
  phase: string;
  /** What `kubectl get pods` prints in STATUS: the phase, a waiting reason, or `Terminating`. */
  status: string;
  ready: string;
  restarts: number;
  ownerKind?: string;
}

/** A namespace, for the filter. */
export interface NamespaceSummary {
  kind: 'Namespace';
  key: string;
  name: string;
  phase: string;
}

/** Anything the cluster view shows. */
export type ObjectSummary = NodeSummary | PodSummary | NamespaceSummary;

/**
 * The changes since the previous batch, squashed to the latest state per key. `reset` means the
 * cluster was replaced: drop everything held and take `changed` as the whole picture.
 */
export interface ChangeBatch {
  reset: boolean;
  changed: ObjectSummary[];
  /** Keys of objects that are gone. */
  removed: string[];
  time: TimeState;
}

/** One node's part of a scheduling decision, for the "why here / why Pending" panel. */
export interface PlacementNode {
  node: string;
  /** The plugin that rejected the node and its reasons, when it was rejected. */
  rejectedBy?: { plugin: string; reasons: string[] };
  /** Weighted total score, when the node was feasible and scored. */
  score?: number;
  selected: boolean;
}

/** The scheduler's latest decision for a pod. */
export interface Placement {
  attempt: number;
  time: string;
  result: 'Scheduled' | 'Unschedulable' | 'Error';
  selectedNode?: string;
  /** The FailedScheduling message, when the pod could not be placed. */
  message?: string;
  nodes: PlacementNode[];
}

/** Words the terminal completes: verbs and resource names (plural, singular, short). */
export interface Vocabulary {
  verbs: string[];
  resources: string[];
}

/** One object of an Apply preview: the live object and the one the server would store, as `-o yaml` prints them. */
export interface ObjectPreview {
  /** `deployments.apps/web`, as kubectl names it. */
  title: string;
  /** Empty when the object does not exist yet. */
  live: string;
  proposed: string;
}

/** What `kubectl apply -f FILE` would do, found with a server-side dry run. */
export interface ApplyPreview {
  objects: ObjectPreview[];
  /** kubectl's error lines for documents that cannot be applied. */
  errors: string[];
}

/**
 * One thing that changed the cluster, with the virtual time (ms) it ran at. The engine is
 * deterministic, so the seed plus these entries, replayed at the same times, rebuild the cluster.
 */
export type JournalEntry =
  | { at: number; op: 'kubectl'; command: string; files?: Record<string, string>; stdin?: string }
  | { at: number; op: 'control'; method: 'addNode' | 'failNode' | 'recoverNode'; params: unknown }
  | { at: number; op: 'preview'; fileName: string; text: string }
  /** `kubectl edit` opened the editor (its GET); replayed with a session that defers edits (worker/replay-edit.ts). */
  | { at: number; op: 'edit'; command: string; files?: Record<string, string> }
  /** The editor was saved (`text`) or closed without saving (null): the waiting edit continues. */
  | { at: number; op: 'edit-save'; text: string | null }
  | { at: number; op: 'reset'; seed: number; lesson?: string };

/** What the page saves so that a new worker can rebuild the cluster (after a reload or a crash). */
export interface Journal {
  seed: number;
  lesson?: string;
  entries: JournalEntry[];
  /** The virtual time (ms) the cluster had reached. */
  time?: number;
  /** The speed to continue at. */
  speed?: number;
}

/** The worker's API, as the page sees it through comlink (every method answers a promise). */
export interface LabWorkerApi {
  /** Run one control operation with its JSON body; the answer is the JSON the HTTP API sends (`{error}` on failure). */
  control(method: ControlMethod, params?: unknown): Promise<unknown>;
  /** Run a command line in the learner's kubectl session; `files` is the working directory `-f` reads. */
  kubectl(command: string, files?: Record<string, string>): Promise<Result<KubectlAnswer>>;
  /**
   * Continue the terminal's waiting `kubectl edit` with the saved text (null: closed without
   * saving). The answer holds what kubectl printed next and, when it reopens the editor (an
   * invalid edit), the new buffer in `edit`. No edit waiting (the worker restarted): an error.
   */
  finishEdit(text: string | null): Promise<Result<KubectlAnswer>>;
  /** Ctrl-C in the terminal: drop the waiting edit; nothing is changed. */
  cancelEdit(): Promise<void>;
  /** Set the speed of virtual time (0 pauses, else 1 to 100 virtual seconds per real second). */
  setSpeed(speed: number): Promise<Result<TimeState>>;
  /** Move virtual time forward now by `seconds`, whatever the speed. */
  step(seconds: number): Promise<Result<TimeState>>;
  /**
   * Ask to be told when changes are waiting: `notify` is called once, then not again until
   * `takeChanges` has been called (so the page pulls at most one batch per animation frame).
   */
  subscribe(notify: () => void): Promise<void>;
  /** The squashed changes since the last call; the first call gives the whole picture. */
  takeChanges(): Promise<ChangeBatch>;
  /** The scheduler's latest decision for a pod. */
  placement(namespace: string, name: string): Promise<Result<Placement>>;
  /** Words for tab completion. */
  vocabulary(): Promise<Vocabulary>;
  /** Answers at once while the worker is alive (the page's watchdog). */
  ping(): Promise<'pong'>;
  /** What applying `text` as `fileName` would change (a dry run: the cluster keeps its state). */
  preview(fileName: string, text: string): Promise<Result<ApplyPreview>>;
  /** Be told of every change to the cluster as a journal entry (one listener; replays are not reported). */
  record(onEntry: (entry: JournalEntry) => void): Promise<void>;
  /** Rebuild the cluster from a journal: a fresh cluster with its seed, each entry at its time, then on to `time`. */
  replay(journal: Journal): Promise<Result<TimeState>>;
  /** A lesson's text and starting files in a language (the lessons load after the cluster: this waits for them). */
  lesson(id: string, lang: LessonLanguage): Promise<Result<LessonView>>;
  /** Be told of check results while a lesson runs (graded at most once a second, told when they change); one listener. */
  watchLessons(lang: LessonLanguage, onEvent: (event: LessonEvent) => void): Promise<void>;
  /** Tab completion of a kubectl line at `cursor` (engine/kubectl/completion). */
  complete(line: string, cursor: number): Promise<Completion>;
  /** The newest audit records that match, one bounded page (the audit view polls it while open). */
  auditLog(query: AuditPageQuery): Promise<Result<AuditPage>>;
}
