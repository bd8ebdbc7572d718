/**
 * The decision record the framework fills, stored lazily. A scan of 1,000 nodes used to leave
 * three arrays in each record — feasible names, rejected names, rejected statuses, ~1,000
 * pointers — and the newest 1,000 records keep their detail, so the garbage collector copied and
 * promoted megabytes of short-lived arrays per second (a quarter of the scheduler's wall time).
 * Instead the scan writes one verdict per evaluated node into a shared chunk (`success` or the
 * rejecting status, in scan order), and the record keeps the chunk, its offset and the node list
 * it walked. The name lists are made only when someone reads them (describe, the lab's "why
 * here", the PodSchedulingDecision API, preemption) — the same values, in the same order.
 */
import type { SchedulingDecision } from './decisions.ts';
import { releaseScoreSlab, type ScoreSlab } from './score-slab.ts';
import { success, type NodeInfo, type Status } from './types.ts';

/** Verdict slots per shared chunk: 64 Ki pointers (512 KiB), so a chunk lives outside the young generation. */
const chunkLength = 1 << 16;
/** Released chunks kept for reuse: 1,000 detailed records of 5,000 nodes fill ~80. */
const maxPooled = 96;

/** A chunk of verdict slots and how many records still read it. */
interface Chunk {
  slots: Status[];
  readers: number;
}

/**
 * Chunks whose records all let go, for reuse: a new 512 KiB array costs more than the scan
 * that fills it (fresh pages for each large object), and the newest 1,000 records cycle through
 * the same few dozen chunks forever.
 */
const pool: Chunk[] = [];
// Empty until the first scan: a 64 Ki-slot array at import is paid by every worker's cold start.
let chunk: Chunk = { slots: [], readers: 0 };
let used = 0;

function newChunk(length: number): Chunk {
  return { slots: new Array<Status>(length).fill(success), readers: 0 };
}

/** A record let go of `released`: pool it once nothing reads it and no scan writes to it. */
function release(released: Chunk): void {
  if (--released.readers === 0 && released !== chunk && released.slots.length === chunkLength && pool.length < maxPooled) pool.push(released);
}

/**
 * Room for `count` verdicts: returns the slots to write them to, starting at `verdictBase()`.
 * Call `commitVerdicts` with how many were written before the next reservation.
 */
export function reserveVerdicts(count: number): Status[] {
  if (used + count > chunk.slots.length) {
    const full = chunk;
    chunk = count <= chunkLength ? (pool.pop() ?? newChunk(chunkLength)) : newChunk(count);
    used = 0;
    // The chunk that just filled may already have no readers left.
    if (full.readers === 0 && full.slots.length === chunkLength && pool.length < maxPooled) pool.push(full);
  }
  return chunk.slots;
}

/** Where the verdicts of the current reservation start in the chunk `reserveVerdicts` returned. */
export function verdictBase(): number {
  return used;
}

/** Keep the first `count` verdicts of the current reservation (the rest of the room is reused). */
export function commitVerdicts(count: number): void {
  used += count;
}

/** The per-node lists, once made. */
interface NodeLists {
  feasible: string[];
  rejectedNodes: string[];
  rejectedStatuses: Status[];
}

/** What a compacted record reads: one shared, frozen set of empty lists (thousands of records keep it). */
const noLists: NodeLists = Object.freeze({
  feasible: Object.freeze([]) as unknown as string[],
  rejectedNodes: Object.freeze([]) as unknown as string[],
  rejectedStatuses: Object.freeze([]) as unknown as Status[],
});
const noScores = Object.freeze([]) as unknown as Float64Array[];

/** One scheduling attempt; the per-node lists are made from the scan's verdicts when first read. */
export class DecisionRecord implements SchedulingDecision {
  result: SchedulingDecision['result'] = 'Unschedulable';
  evaluatedNodes = 0;
  filterPlugins: string[] = [];
  scorePlugins: { name: string; weight: number }[] = [];
  // `declare`: absent until set, as in a plain object literal (readers test `if (d.preemption)` and JSON leaves them out).
  declare preFilter?: { plugin: string; reasons: readonly string[] };
  declare selectedNode?: string;
  declare message?: string;
  declare preemption?: { message?: string; nominatedNode?: string; victims: string[] };
  declare compacted?: { feasibleNodes: number; rejectedNodes: number };

  /** The node list the scan walked: the cache makes a new list when nodes come or go, so index → name is fixed. */
  private scanNodes: readonly NodeInfo[] | undefined;
  /** verdicts[verdictsBase + k] is the verdict on the k-th node evaluated, node (scanStart + k) mod n. */
  private verdicts: Chunk | undefined;
  private verdictsBase = 0;
  private scanStart = 0;
  private feasibleCount = 0;
  private lists: NodeLists | undefined;
  /** The shared buffer `scores` and `totals` were cut from. */
  private scoreSlab: ScoreSlab | undefined;
  /**
   * `totals` then each of `scores`, back to back from `packedOffset` in the buffer, `packedCount`
   * doubles each: the record keeps one reference instead of ~6 array views until someone reads them.
   */
  private packedData: Float64Array | undefined;
  private packedOffset = 0;
  private packedCount = 0;
  private packedPlugins = 0;
  private scoreViews: Float64Array[] = noScores;
  private totalsView: Float64Array | undefined = undefined;

  constructor(
    readonly pod: { namespace: string; name: string; uid: string },
    readonly attempt: number,
    readonly time: number,
    readonly numAllNodes: number,
    readonly startIndex: number,
  ) {}

  /**
   * Record the scan from node `start`: `evaluated` verdicts from `verdictBase()` on in the slots
   * the last `reserveVerdicts` returned (already committed), `feasible` of them `success`.
   */
  setScan(nodes: readonly NodeInfo[], start: number, base: number, evaluated: number, feasible: number): void {
    this.dropVerdicts();
    chunk.readers++;
    this.scanNodes = nodes;
    this.scanStart = start;
    this.verdicts = chunk;
    this.verdictsBase = base;
    this.evaluatedNodes = evaluated;
    this.feasibleCount = feasible;
    this.lists = undefined;
  }

  /** Score plugins that ran: `scores[i][j]` is plugin i's normalized score for feasible[j]. */
  get scores(): Float64Array[] {
    this.unpackScores();
    return this.scoreViews;
  }

  set scores(scores: Float64Array[]) {
    this.unpackScores();
    this.scoreViews = scores;
  }

  /** Weighted sums per feasible node. */
  get totals(): Float64Array | undefined {
    this.unpackScores();
    return this.totalsView;
  }

  set totals(totals: Float64Array | undefined) {
    this.unpackScores();
    this.totalsView = totals;
  }

  /** The scoring's arrays, kept as an offset when they lie back to back in the held buffer (they do unless a buffer overflowed). */
  setScores(totals: Float64Array, scores: Float64Array[]): void {
    const data = this.scoreSlab?.data;
    const count = totals.length;
    const offset = totals.byteOffset / Float64Array.BYTES_PER_ELEMENT;
    let packed = data !== undefined && totals.buffer === data.buffer;
    for (let i = 0; packed && i < scores.length; i++) {
      packed = scores[i].buffer === data!.buffer && scores[i].length === count && scores[i].byteOffset / Float64Array.BYTES_PER_ELEMENT === offset + (i + 1) * count;
    }
    if (packed) {
      this.packedData = data;
      this.packedOffset = offset;
      this.packedCount = count;
      this.packedPlugins = scores.length;
      this.scoreViews = noScores;
      this.totalsView = undefined;
    } else {
      this.packedData = undefined;
      this.scoreViews = scores;
      this.totalsView = totals;
    }
  }

  private unpackScores(): void {
    const data = this.packedData;
    if (!data) return;
    this.packedData = undefined;
    const { packedOffset: offset, packedCount: count } = this;
    this.totalsView = data.subarray(offset, offset + count);
    this.scoreViews = [];
    for (let i = 1; i <= this.packedPlugins; i++) this.scoreViews.push(data.subarray(offset + i * count, offset + (i + 1) * count));
  }

  /** The record's score arrays were cut from `slab` (already held for it; released when compacted). */
  holdScores(slab: ScoreSlab): void {
    if (this.scoreSlab) releaseScoreSlab(this.scoreSlab);
    this.scoreSlab = slab;
  }

  /** Record explicit lists (a PreFilter rejection marks every node, not a scan). */
  setLists(lists: NodeLists): void {
    this.dropVerdicts();
    this.lists = lists;
  }

  /** Let go of the shared chunk (it may be reused once no record reads it). */
  private dropVerdicts(): void {
    if (this.verdicts) release(this.verdicts);
    this.verdicts = undefined;
    this.scanNodes = undefined;
  }

  /** Nodes that passed every filter, in the order found. */
  get feasible(): string[] {
    return this.nodeLists().feasible;
  }

  /** Rejected nodes, in the order evaluated. */
  get rejectedNodes(): string[] {
    return this.nodeLists().rejectedNodes;
  }

  /** The status that rejected each of `rejectedNodes` (same index). */
  get rejectedStatuses(): Status[] {
    return this.nodeLists().rejectedStatuses;
  }

  /** How many nodes passed the filters, without making the lists. */
  get feasibleNodeCount(): number {
    return this.lists ? this.lists.feasible.length : this.feasibleCount;
  }

  /** The rejecting statuses in scan order, as a fresh array (for the FitError text; the record keeps nothing). */
  rejectionStatuses(): Status[] {
    if (this.lists || !this.verdicts) return this.nodeLists().rejectedStatuses;
    const out: Status[] = [];
    const slots = this.verdicts.slots;
    const end = this.verdictsBase + this.evaluatedNodes;
    for (let k = this.verdictsBase; k < end; k++) if (slots[k] !== success) out.push(slots[k]);
    return out;
  }

  /** Drop the per-node detail, keeping the counts. */
  compact(): void {
    const feasibleNodes = this.feasibleNodeCount;
    const rejectedNodes = this.lists ? this.lists.rejectedNodes.length : this.evaluatedNodes - this.feasibleCount;
    this.compacted = { feasibleNodes, rejectedNodes };
    this.setLists(noLists);
    this.packedData = undefined;
    this.scoreViews = noScores;
    this.totalsView = undefined;
    if (this.scoreSlab) releaseScoreSlab(this.scoreSlab);
    this.scoreSlab = undefined;
  }

  private nodeLists(): NodeLists {
    if (this.lists) return this.lists;
    const lists: NodeLists = { feasible: [], rejectedNodes: [], rejectedStatuses: [] };
    const nodes = this.scanNodes;
    const verdicts = this.verdicts?.slots;
    if (nodes && verdicts) {
      const n = nodes.length;
      for (let k = 0; k < this.evaluatedNodes; k++) {
        let index = this.scanStart + k;
        if (index >= n) index -= n;
        const status = verdicts[this.verdictsBase + k];
        if (status === success) lists.feasible.push(nodes[index].name);
        else {
          lists.rejectedNodes.push(nodes[index].name);
          lists.rejectedStatuses.push(status);
        }
      }
    }
    // The lists are the record's now; the shared chunk may be dropped with the last record using it.
    this.setLists(lists);
    return lists;
  }
}
