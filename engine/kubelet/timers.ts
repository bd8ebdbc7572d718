/**
 * A min-heap of (time, key): every pod's next due instant on all simulated nodes. The kubelets
 * keep one delayed key in their work queue — the earliest timer — instead of one per pod, so
 * 30,000 pods cost the runner one entry.
 */

/** Timers by due time; `popDue` hands back the keys whose time has come. */
export class TimerHeap {
  private times: number[] = [];
  private keys: string[] = [];

  get size(): number {
    return this.times.length;
  }

  /** The earliest due time, if any. */
  peek(): number | undefined {
    return this.times[0];
  }

  push(at: number, key: string): void {
    this.times.push(at);
    this.keys.push(key);
    let i = this.times.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.times[parent] <= at) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Remove and return every key due at or before `now`, earliest first. */
  popDue(now: number): string[] {
    const due: string[] = [];
    while (this.times.length && this.times[0] <= now) {
      due.push(this.keys[0]);
      const lastTime = this.times.pop()!;
      const lastKey = this.keys.pop()!;
      if (!this.times.length) break;
      this.times[0] = lastTime;
      this.keys[0] = lastKey;
      this.siftDown(0);
    }
    return due;
  }

  private siftDown(i: number): void {
    const n = this.times.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < n && this.times[left] < this.times[least]) least = left;
      if (right < n && this.times[right] < this.times[least]) least = right;
      if (least === i) return;
      this.swap(i, least);
      i = least;
    }
  }

  private swap(a: number, b: number): void {
    [this.times[a], this.times[b]] = [this.times[b], this.times[a]];
    [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
  }
}
