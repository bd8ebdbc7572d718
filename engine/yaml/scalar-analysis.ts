/**
 * go-yaml v2's `yaml_emitter_analyze_scalar`: which output styles a string allows. A string that
 * starts with an indicator, holds `: ` or ` #`, has leading or trailing spaces, or holds control
 * characters cannot be written plain; trailing spaces on a line rule out `|` blocks.
 */

/** go-yaml's `is_break`: LF, CR, NEL, LS, PS. */
export function isBreak(c: string | undefined): boolean {
  return c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
}

/** go-yaml's `is_printable` (it treats characters beyond U+FFFF as unprintable). */
export function isPrintable(code: number): boolean {
  return code === 0x0a || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xd7ff)
    || (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff);
}

/** What the emitter may do with one string. */
export interface ScalarFlags {
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const blankz = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || isBreak(c) || c === '\0';

/** Analyses `text` the way go-yaml does before choosing a scalar style. */
export function analyzeScalar(text: string): ScalarFlags {
  if (text.length === 0) {
    return { multiline: false, flowPlainAllowed: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (text.startsWith('---') || text.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  let precededByWhitespace = true;
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
        flowIndicators = true;
        blockIndicators = true;
      } else if (c === '?' || c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (c === '-' && followedByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else if (',?[]{}'.includes(c)) {
      flowIndicators = true;
    } else if (c === ':') {
      flowIndicators = true;
      if (followedByWhitespace) blockIndicators = true;
    } else if (c === '#' && precededByWhitespace) {
      flowIndicators = true;
      blockIndicators = true;
    }
    if (!isPrintable(c.codePointAt(0) ?? 0)) special = true;
    const last = i === chars.length - 1;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = blankz(c);
  }
  const flags: ScalarFlags = { multiline: lineBreaks, flowPlainAllowed: true, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) flags.flowPlainAllowed = flags.blockPlainAllowed = false;
  if (trailingSpace) flags.blockAllowed = false;
  if (breakSpace) flags.flowPlainAllowed = flags.blockPlainAllowed = flags.singleQuotedAllowed = false;
  if (spaceBreak || special) flags.flowPlainAllowed = flags.blockPlainAllowed = flags.singleQuotedAllowed = flags.blockAllowed = false;
  if (lineBreaks) flags.flowPlainAllowed = flags.blockPlainAllowed = false;
  if (flowIndicators) flags.flowPlainAllowed = false;
  if (blockIndicators) flags.blockPlainAllowed = false;
  return flags;
}
