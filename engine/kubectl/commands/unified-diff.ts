/**
 * GNU diff's unified output (`diff -u`), which `kubectl diff` shells out to: a minimal edit script
 * (Myers' O(ND) algorithm), GNU's shift_boundaries (a run of changes slides down as far as equal
 * lines allow, unless it can line up with a change in the other file), and hunks with 3 lines of
 * context, merged when fewer than 2×3+1 unchanged lines separate two changes.
 */

/** Which lines of each side are changed (deleted from `a`, inserted into `b`). */
interface Changes {
  a: boolean[];
  b: boolean[];
}

/** Myers' greedy forward algorithm with a trace, backtracked into per-line change flags. */
function myers(a: string[], b: string[]): Changes {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let v = new Array<number>(2 * max + 3).fill(0);
  const trace: number[][] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    if (found) trace.push(v.slice());
  }
  const changes: Changes = { a: new Array<boolean>(n).fill(false), b: new Array<boolean>(m).fill(false) };
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    v = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
    const previousK = down ? k + 1 : k - 1;
    const previousX = v[offset + previousK];
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      x--;
      y--;
    }
    if (d > 0) {
      if (down) changes.b[previousY] = true;
      else changes.a[previousX] = true;
    }
    x = previousX;
    y = previousY;
  }
  return changes;
}

/** GNU diff's shift_boundaries over one side's change flags. */
function shiftBoundaries(lines: string[], changed: boolean[], otherChanged: boolean[]): void {
  const end = lines.length;
  let i = 0;
  let j = 0;
  for (;;) {
    // Find the start of the next run of changes, keeping `j` at the matching point of the other side.
    while (i < end && !changed[i]) {
      while (otherChanged[j]) j++;
      i++;
      j++;
    }
    if (i === end) break;
    let start = i;
    while (changed[i]) i++;
    while (otherChanged[j]) j++;
    let runLength: number;
    let corresponding: number;
    do {
      runLength = i - start;
      // Slide up while the line above equals the run's last line (merging with earlier runs).
      while (start > 0 && lines[start - 1] === lines[i - 1]) {
        changed[--start] = true;
        changed[--i] = false;
        while (changed[start - 1]) start--;
        while (otherChanged[--j]);
      }
      corresponding = otherChanged[j - 1] ? i : end;
      // Slide down while the run's first line equals the line below.
      while (i !== end && lines[start] === lines[i]) {
        changed[start++] = false;
        changed[i++] = true;
        while (changed[i]) i++;
        while (otherChanged[++j]) corresponding = i;
      }
    } while (runLength !== i - start);
    // Move the merged run back up to line up with a change on the other side, if there is one.
    while (corresponding < i) {
      changed[--start] = true;
      changed[--i] = false;
      while (otherChanged[--j]);
    }
  }
}

/** One step of the edit script: a kept line, a deleted line of `a`, an inserted line of `b`. */
type Op = { kind: ' ' | '-' | '+'; line: string; aIndex: number; bIndex: number };

function script(a: string[], b: string[], changes: Changes): Op[] {
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && changes.a[i]) ops.push({ kind: '-', line: a[i], aIndex: i++, bIndex: j });
    else if (j < b.length && changes.b[j]) ops.push({ kind: '+', line: b[j], aIndex: i, bIndex: j++ });
    else ops.push({ kind: ' ', line: a[i], aIndex: i++, bIndex: j++ });
  }
  return ops;
}

/** `-6,7`, `-6` for one line, `-5,0` for none (the line before the empty range). */
function range(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

/** The hunks of `diff -u` between two texts (split on newlines; both assumed to end with one); '' when equal. */
export function unifiedHunks(before: string, after: string, context = 3): string {
  const split = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
  const a = split(before);
  const b = split(after);
  const changes = myers(a, b);
  shiftBoundaries(a, changes.a, changes.b);
  shiftBoundaries(b, changes.b, changes.a);
  const ops = script(a, b, changes);
  const changedAt = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (!changedAt.length) return '';
  let out = '';
  let groupStart = 0;
  while (groupStart < changedAt.length) {
    let groupEnd = groupStart;
    // Two changes share a hunk when fewer than 2 * context + 1 kept lines lie between them.
    while (groupEnd + 1 < changedAt.length && changedAt[groupEnd + 1] - changedAt[groupEnd] - 1 < 2 * context + 1) groupEnd++;
    const first = Math.max(0, changedAt[groupStart] - context);
    const last = Math.min(ops.length - 1, changedAt[groupEnd] + context);
    const hunk = ops.slice(first, last + 1);
    const aCount = hunk.filter((op) => op.kind !== '+').length;
    const bCount = hunk.filter((op) => op.kind !== '-').length;
    out += `@@ -${range(hunk[0].aIndex, aCount)} +${range(hunk[0].bIndex, bCount)} @@\n`;
    out += hunk.map((op) => `${op.kind}${op.line}\n`).join('');
    groupStart = groupEnd + 1;
  }
  return out;
}
