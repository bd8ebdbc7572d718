/**
 * The lab control API (DESIGN.md contract 3): the same operations, taking and returning JSON, for
 * `kubelab serve` (HTTP), `window.kubelab` on the lab page and `KubeLab.connect` in an embed.
 * Each method validates its input and answers `{error}` rather than throwing.
 */
import { rfc3339 } from '../clock.ts';
import { Cluster } from '../cluster.ts';

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
}

export class LabControl {
  cluster: Cluster;
  private lesson: string | null = null;
  private readonly clockMode: 'real' | 'manual';
  private readonly makeCluster: (seed: number) => Cluster;

  constructor(options: LabControlOptions = {}) {
    this.clockMode = options.clock ?? 'manual';
    this.makeCluster = options.makeCluster ?? ((seed) => new Cluster({ seed, start: options.start?.(), nodes: options.nodes }));
    this.cluster = this.makeCluster(options.seed ?? 1);
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
    if (typeof lesson === 'string') return { error: `lesson "${lesson}" not found`, code: 404 };
    this.cluster = this.makeCluster(typeof seed === 'number' ? seed : this.cluster.seed);
    this.lesson = null;
    return this.status();
  }
}
