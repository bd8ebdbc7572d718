/**
 * The lab control API (DESIGN.md contract 3): the same operations, taking and returning JSON, for
 * `kubelab serve` (HTTP), `window.kubelab` on the lab page and `KubeLab.connect` in an embed.
 * Each method validates its input and answers `{error}` rather than throwing.
 */
import { rfc3339 } from '../clock.ts';
import { Cluster } from '../cluster.ts';
import { KubectlSession, type Kubeconfig } from '../kubectl/session.ts';
import type { NodeSpec } from '../kubelet/nodes.ts';
import { gradeLesson, startLesson } from '../lessons/lesson-run.ts';
import type { LessonSource } from '../lessons/catalogue.ts';
import type { CheckResult, Lesson, LessonLanguage } from '../lessons/types.ts';

export interface LabStatus {
  time: string;
  nodes: number;
  pods: number;
  seed: number;
  clock: 'real' | 'manual';
  lesson: string | null;
}

export interface ControlError {
  error: string;
  /** HTTP status the server answers with. */
  code: number;
}

/** The longest single `advance`: a week of virtual time. */
export const maxAdvanceSeconds = 7 * 24 * 3600;

export interface LabControlOptions {
  seed?: number;
  clock?: 'real' | 'manual';
  /**
   * Virtual time at which new clusters start (ms since the epoch). A server on a real clock passes
   * the wall-clock time, so the real kubectl's ages (computed against its own clock) come out right.
   */
  start?: () => number;
  /** Worker nodes of new clusters. */
  nodes?: number;
  /** Builds the cluster for a seed; tests and the worker may customise it. */
  makeCluster?: (seed: number) => Cluster;
  /**
   * The lessons `lessons`, `startLesson` and `checks` offer (engine/lessons/catalogue.ts loads them):
   * a list, or a LessonShelf that parses a lesson only when it is first looked up.
   */
  lessons?: readonly Lesson[] | LessonSource;
}

/** A lesson in the `lessons` list. */
export interface LessonSummary {
  id: string;
  title: string;
}

function isLessonList(lessons: readonly Lesson[] | LessonSource): lessons is readonly Lesson[] {
  return Array.isArray(lessons);
}

const languageOf = (params: unknown): LessonLanguage => ((params as { lang?: unknown } | undefined)?.lang === 'zh-CN' ? 'zh-CN' : 'en');

export class LabControl {
  cluster: Cluster;
  /** The learner's kubectl: keeps the current context and namespace between commands. */
  private session: KubectlSession;
  private lesson: string | null = null;
  /** When the current lesson's learner started (virtual ms): the grader's audit window. */
  private lessonSince = 0;
  private readonly lessonSource: LessonSource;
  private readonly clockMode: 'real' | 'manual';
  private readonly makeCluster: (seed: number) => Cluster;

  constructor(options: LabControlOptions = {}) {
    this.clockMode = options.clock ?? 'manual';
    const lessons = options.lessons ?? [];
    this.lessonSource = isLessonList(lessons) ? { find: (id) => lessons.find((l) => l.id === id), list: () => lessons } : lessons;
    this.makeCluster = options.makeCluster ?? ((seed) => new Cluster({ seed, start: options.start?.(), nodes: options.nodes }));
    this.cluster = this.makeCluster(options.seed ?? 1);
    this.session = new KubectlSession(this.cluster);
  }

  status(): LabStatus {
    const store = this.cluster.api.context.store;
    return {
      time: rfc3339(this.cluster.now()),
      nodes: store.count('/nodes'),
      pods: store.count('/pods'),
      seed: this.cluster.seed,
      clock: this.clockMode,
      lesson: this.lesson,
    };
  }

  advance(params: unknown): { time: string } | ControlError {
    const seconds = (params as { seconds?: unknown } | undefined)?.seconds;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
      return { error: 'seconds must be a number of seconds, 0 or more', code: 400 };
    }
    if (seconds > maxAdvanceSeconds) return { error: `seconds must be at most ${maxAdvanceSeconds} (one week)`, code: 400 };
    this.cluster.advance(Math.round(seconds * 1000));
    return { time: rfc3339(this.cluster.now()) };
  }

  reset(params: unknown): LabStatus | ControlError {
    const { lesson, seed } = (params ?? {}) as { lesson?: unknown; seed?: unknown };
    if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed))) return { error: 'seed must be an integer', code: 400 };
    if (lesson !== undefined && lesson !== null && typeof lesson !== 'string') return { error: 'lesson must be a lesson id', code: 400 };
    const found = typeof lesson === 'string' ? this.lessonSource.find(lesson) : undefined;
    if (typeof lesson === 'string' && !found) return { error: `lesson "${lesson}" not found`, code: 404 };
    this.cluster = this.makeCluster(typeof seed === 'number' ? seed : this.cluster.seed);
    this.session = new KubectlSession(this.cluster);
    this.lesson = found?.id ?? null;
    this.lessonSince = found ? startLesson(this.cluster, found) : 0;
    return this.status();
  }

  /** `lessons`: every lesson, in order, with its title in the language asked for (`{lang: "zh-CN"}`). */
  lessons(params?: unknown): LessonSummary[] {
    const language = languageOf(params);
    return this.lessonSource.list().map((l) => ({ id: l.id, title: l.title[language] ?? l.title.en }));
  }

  /** `startLesson`: a fresh cluster (same seed) with the lesson's start objects up. */
  startLesson(id: string): LabStatus | ControlError {
    return this.reset({ lesson: id });
  }

  /** `checks`: grade a lesson on the current cluster; the audit log counts from the lesson's start when it is the current one. */
  checks(id: string, params?: unknown): CheckResult[] | ControlError {
    const lesson = this.lessonSource.find(id);
    if (!lesson) return { error: `lesson "${id}" not found`, code: 404 };
    return gradeLesson(this.cluster, lesson, this.lesson === id ? this.lessonSince : 0, languageOf(params));
  }

  /**
   * The learner's kubeconfig (current context and namespace): the lab's terminal edits in a second,
   * deferring session (worker/replay-edit.ts), which must see the same context as this one.
   */
  get kubeconfig(): Kubeconfig {
    return this.session.kubeconfig;
  }

  /** `kubectl`: run one command line in the emulator; `files` is the working directory `-f` reads. */
  kubectl(params: unknown): { stdout: string; stderr: string; exitCode: number } | ControlError {
    const { command, files, stdin } = (params ?? {}) as { command?: unknown; files?: unknown; stdin?: unknown };
    if (typeof command !== 'string' || !command.trim()) return { error: 'command must be a kubectl command line', code: 400 };
    if (files !== undefined && (typeof files !== 'object' || files === null || Object.values(files).some((v) => typeof v !== 'string'))) {
      return { error: 'files must map file names to their text', code: 400 };
    }
    if (stdin !== undefined && typeof stdin !== 'string') return { error: 'stdin must be text', code: 400 };
    return this.session.run(command, { files: files as Record<string, string> | undefined, stdin: stdin as string | undefined });
  }

  /** `addNode`: a worker node with its kubelet, registered at once. */
  addNode(params: unknown): { name: string } | ControlError {
    const p = (params ?? {}) as { name?: unknown; cpu?: unknown; memory?: unknown; labels?: unknown; taints?: unknown };
    const existing = new Set(this.cluster.kubelets.nodeNames());
    let name = typeof p.name === 'string' ? p.name : undefined;
    if (name === undefined) {
      let i = 1;
      while (existing.has(`node-${i}`)) i++;
      name = `node-${i}`;
    }
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 63) return { error: `invalid node name "${name}"`, code: 400 };
    if (existing.has(name)) return { error: `node "${name}" already exists`, code: 409 };
    if (p.cpu !== undefined && typeof p.cpu !== 'number' && typeof p.cpu !== 'string') return { error: 'cpu must be a number of cores or a quantity', code: 400 };
    if (p.memory !== undefined && typeof p.memory !== 'string') return { error: 'memory must be a quantity such as "8Gi"', code: 400 };
    const spec: NodeSpec = { name, cpu: p.cpu as number | string | undefined, memory: p.memory as string | undefined };
    if (p.labels !== undefined) spec.labels = p.labels as Record<string, string>;
    if (p.taints !== undefined) spec.taints = p.taints as NodeSpec['taints'];
    this.cluster.kubelets.addNode(spec);
    this.cluster.settle();
    return { name };
  }

  /** `failNode` / `recoverNode`: stop or restart a node's kubelet. */
  failNode(name: string): { name: string } | ControlError {
    if (!this.cluster.kubelets.nodeNames().includes(name)) return { error: `node "${name}" not found`, code: 404 };
    this.cluster.kubelets.failNode(name);
    return { name };
  }

  recoverNode(name: string): { name: string } | ControlError {
    if (!this.cluster.kubelets.nodeNames().includes(name)) return { error: `node "${name}" not found`, code: 404 };
    this.cluster.kubelets.recoverNode(name);
    this.cluster.settle();
    return { name };
  }
}
