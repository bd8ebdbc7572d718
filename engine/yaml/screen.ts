/**
 * A linear pre-scan that measures how deeply a YAML text nests before any parser sees it: the
 * only reliable defence against inputs like `[[[[…` that can crash a recursive parser.
 */
import { maxNestingDepth } from './limits.ts';

/** Where the text first nests deeper than allowed. */
export interface DepthViolation {
  /** 1-based line of the opening that went too deep. */
  line: number;
  depth: number;
}

/**
 * Scans `text` once and reports the first place nesting passes `limit`. Nesting counts block
 * indentation levels, `- ` entries and `key: ` pairs on one line, and flow brackets outside
 * quotes and comments; block scalar (`|`, `>`) bodies are skipped because they are plain text.
 */
export function screenDepth(text: string, limit = maxNestingDepth): DepthViolation | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let blockScalarParent = -1; // indentation of the line that opened a block scalar, or -1
  let line = 0;
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    line++;
    let i = pos;
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    const indent = i - pos;
    const blank = i >= end || text[i] === '#' || text[i] === '\r';
    if (blockScalarParent >= 0) {
      if (blank || indent > blockScalarParent) {
        pos = end + 1;
        continue;
      }
      blockScalarParent = -1;
    }
    if (!quote && flow === 0 && !blank) {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
    }
    let inline = 0; // `- - x` or `a: b:`-style openings on this line
    let lastSignificant = '';
    for (; i < end; i++) {
      const c = text[i];
      if (quote) {
        if (quote === '"' && c === '\\') i++;
        else if (c === quote) {
          if (quote === "'" && text[i + 1] === "'") i++;
          else quote = undefined;
        }
        continue;
      }
      const previous = i > pos ? text[i - 1] : ' ';
      const atTokenStart = previous === ' ' || previous === '\t' || '[{,:-'.includes(previous);
      if (c === '#' && (previous === ' ' || previous === '\t' || i === pos)) break;
      if ((c === '"' || c === "'") && atTokenStart) quote = c;
      else if (c === '[' || c === '{') flow++;
      else if (c === ']' || c === '}') flow = Math.max(0, flow - 1);
      else if (flow === 0 && (c === '-' || c === ':' || c === '?') && (text[i + 1] === ' ' || i + 1 === end)) inline++;
      if (c !== ' ' && c !== '\t' && c !== '\r') lastSignificant = c;
      const depth = indents.length + inline + flow;
      if (depth > limit) return { line, depth };
    }
    if (!quote && flow === 0 && (lastSignificant === '|' || lastSignificant === '>' || /[|>][-+0-9]*\s*(#.*)?\r?$/.test(text.slice(Math.max(pos, end - 12), end)))) {
      blockScalarParent = indent;
    }
    pos = end + 1;
  }
  return undefined;
}
