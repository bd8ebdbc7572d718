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
  /** Real milliseconds between ticks. */
  intervalMs?: number;
}

export class TimeDriver {
  private speedValue = 0;
  private stop: (() => void) | undefined;
  private last = 0;

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
    if (elapsed > 0) this.options.advance(Math.round(elapsed * this.speedValue));
  }
}
