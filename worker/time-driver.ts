/**
 * The real-time driver: virtual time follows the wall clock at the chosen speed. It lives in the
 * worker because the engine never reads real time; the timer and the clock are passed in so the
 * driver can be tested without waiting.
 */

/** The fastest speed the time controls offer: 100 virtual seconds per real second. */
export const maxSpeed = 100;

/** A real tick never moves time by more than this much wall time (a throttled tab must not jump hours). */
const maxTickMs = 250;

export interface TimeDriverOptions {
  /** Wall-clock milliseconds (`performance.now` in the worker). */
  now: () => number;
  /** Calls `tick` every `ms` until the returned function is called. */
  every: (ms: number, tick: () => void) => () => void;
  /** Moves virtual time forward by `ms`. */
  advance: (ms: number) => void;
  /**
   * Moves virtual time forward by up to `ms`, stopping once `budgetMs` of wall time is spent;
   * returns the virtual ms it covered. When given, it is used instead of `advance`, and what a
   * tick could not cover is carried to the next tick (so messages are answered in between).
   */
  advanceWithin?: (ms: number, budgetMs: number) => number;
  /** Wall ms a tick may spend advancing before it yields to the page's messages (default 30). */
  budgetMs?: number;
  /** Real milliseconds between ticks. */
  intervalMs?: number;
}

export class TimeDriver {
  private speedValue = 0;
  private stop: (() => void) | undefined;
  private last = 0;
  /** Virtual ms owed from ticks that ran out of budget. */
  private owed = 0;

  constructor(private readonly options: TimeDriverOptions) {}

  /** Virtual seconds per real second; 0 while paused. */
  get speed(): number {
    return this.speedValue;
  }

  /** Set the speed: 0 pauses; otherwise 1 to `maxSpeed`. Returns an error text for anything else. */
  setSpeed(speed: number): string | undefined {
    if (!Number.isFinite(speed) || speed < 0 || speed > maxSpeed || (speed > 0 && speed < 1)) {
      return `speed must be 0 (paused) or from 1 to ${maxSpeed}`;
    }
    this.speedValue = speed;
    this.owed = 0;
    if (speed === 0) {
      this.stop?.();
      this.stop = undefined;
    } else if (!this.stop) {
      this.last = this.options.now();
      this.stop = this.options.every(this.options.intervalMs ?? 50, () => this.tick());
    }
    return undefined;
  }

  private tick(): void {
    const now = this.options.now();
    const elapsed = Math.min(now - this.last, maxTickMs);
    this.last = now;
    const wanted = this.owed + (elapsed > 0 ? Math.round(elapsed * this.speedValue) : 0);
    if (wanted <= 0) return;
    if (!this.options.advanceWithin) {
      this.options.advance(wanted);
      return;
    }
    const covered = this.options.advanceWithin(wanted, this.options.budgetMs ?? 30);
    // A cluster slower than the clock falls behind by at most one long tick: the clock then runs
    // slower than the chosen speed instead of the worker never catching up.
    this.owed = Math.min(wanted - covered, Math.round(maxTickMs * this.speedValue));
  }
}
