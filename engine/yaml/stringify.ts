/**
 * Prints a JSON value as `kubectl get -o yaml` does. kubectl marshals the object to JSON and hands
 * it to sigs.k8s.io/yaml, which re-reads it with go-yaml v2 and emits it again, so the output
 * follows go-yaml v2's emitter: keys sorted (go-yaml's "natural" order), sequences not indented
 * under their key, strings quoted only when they would read back as another type, multi-line
 * strings as `|` blocks, and long lines wrapped at spaces once past column 80.
 */
import { formatGoG } from './convert.ts';
import { needsQuotes } from './resolve.ts';
import { analyzeScalar, isBreak, isPrintable, type ScalarFlags } from './scalar-analysis.ts';
import { compareKeys } from './key-order.ts';

type Style = 'plain' | 'single' | 'double' | 'literal';
interface Context {
  mapping: boolean;
  simpleKey: boolean;
}

const bestIndent = 2;
const bestWidth = 80;

/** Formats `value` exactly as kubectl's YAML printer would (a trailing newline included). */
export function stringifyYaml(value: unknown): string {
  return new Emitter().document(value);
}

class Emitter {
  private out: string[] = [];
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];
  private flowLevel = 0;

  document(value: unknown): string {
    this.node(value, { mapping: false, simpleKey: false });
    this.writeIndent();
    return this.out.join('');
  }

  private put(text: string): void {
    this.out.push(text);
    this.column++;
  }

  private putBreak(): void {
    this.out.push('\n');
    this.column = 0;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private indicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.out.push(text);
    this.column += text.length;
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? bestIndent : 0;
    else if (!indentless) this.indent += bestIndent;
  }

  private popIndent(): void {
    this.indent = this.indents.pop() ?? -1;
  }

  private node(value: unknown, context: Context): void {
    if (Array.isArray(value)) {
      if (value.length === 0) this.emptyFlow('[', ']');
      else this.sequence(value, context);
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
      if (keys.length === 0) this.emptyFlow('{', '}');
      else this.mapping(value as Record<string, unknown>, keys.sort(compareKeys));
    } else {
      this.scalar(value, context);
    }
  }

  private emptyFlow(open: string, close: string): void {
    this.indicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    this.flowLevel--;
    this.popIndent();
    this.indicator(close, false, false, false);
  }

  private sequence(items: unknown[], context: Context): void {
    this.increaseIndent(false, context.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.indicator('-', true, false, true);
      this.node(item, { mapping: false, simpleKey: false });
    }
    this.popIndent();
  }

  private mapping(object: Record<string, unknown>, keys: string[]): void {
    this.increaseIndent(false, false);
    for (const key of keys) {
      this.writeIndent();
      const flags = analyzeScalar(key);
      if (!flags.multiline && utf8Length(key) <= 128) {
        this.scalar(key, { mapping: true, simpleKey: true });
        this.indicator(':', false, false, false);
      } else {
        this.indicator('?', true, false, true);
        this.scalar(key, { mapping: true, simpleKey: false });
        this.writeIndent();
        this.indicator(':', true, false, true);
      }
      this.node(object[key], { mapping: true, simpleKey: false });
    }
    this.popIndent();
  }

  private scalar(value: unknown, context: Context): void {
    const [text, requested] = scalarText(value);
    const flags = analyzeScalar(text);
    const style = selectStyle(requested, flags, text, this.flowLevel, context.simpleKey);
    this.increaseIndent(true, false);
    const allowBreaks = !context.simpleKey;
    if (style === 'plain') this.plain(text, allowBreaks);
    else if (style === 'single') this.singleQuoted(text, allowBreaks);
    else if (style === 'double') this.doubleQuoted(text, allowBreaks);
    else this.literal(text);
    this.popIndent();
  }

  private plain(text: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    const chars = Array.from(text);
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      if (chars[i] === ' ') {
        if (allowBreaks && !spaces && this.column > bestWidth && chars[i + 1] !== ' ') this.writeIndent();
        else this.put(' ');
        spaces = true;
      } else {
        this.put(chars[i]);
        this.indention = false;
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private singleQuoted(text: string, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    const chars = Array.from(text);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > bestWidth && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') this.writeIndent();
        else this.put(' ');
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private doubleQuoted(text: string, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    const chars = Array.from(text);
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      const code = c.codePointAt(0) ?? 0;
      if (!isPrintable(code) || code === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
        this.put('\\');
        for (const ch of escapeFor(code)) this.put(ch);
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > bestWidth && i > 0 && i < chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.put('\\');
        } else {
          this.put(' ');
        }
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private literal(text: string): void {
    this.indicator('|', true, false, false);
    const chars = Array.from(text);
    if (chars.length > 0 && (chars[0] === ' ' || isBreak(chars[0]))) this.indicator(String(bestIndent), false, false, false);
    const last = chars.length - 1;
    let chomp = '';
    if (chars.length === 0 || !isBreak(chars[last])) chomp = '-';
    else if (last === 0 || isBreak(chars[last - 1])) chomp = '+';
    if (chomp) this.indicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }

  private writeBreak(c: string): void {
    if (c === '\n') {
      this.putBreak();
    } else {
      this.put(c);
      this.column = 0;
    }
  }
}

/** The text of a scalar and the style go-yaml's encoder asks for before the emitter's checks. */
function scalarText(value: unknown): [string, Style] {
  if (value === null || value === undefined) return ['null', 'plain'];
  if (typeof value === 'boolean') return [value ? 'true' : 'false', 'plain'];
  if (typeof value === 'number') return [formatNumber(value), 'plain'];
  const text = typeof value === 'string' ? value : String(value);
  if (text.includes('\n')) return [text, 'literal'];
  return [text, needsQuotes(text) ? 'double' : 'plain'];
}

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  // JSON integers come back from go-yaml as ints; only fractions or huge values print as floats.
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  return formatGoG(n);
}

function selectStyle(requested: Style, flags: ScalarFlags, text: string, flowLevel: number, simpleKey: boolean): Style {
  let style = requested;
  if (simpleKey && flags.multiline) style = 'double';
  if (style === 'plain') {
    if ((flowLevel > 0 && !flags.flowPlainAllowed) || (flowLevel === 0 && !flags.blockPlainAllowed)) style = 'single';
    if (text.length === 0 && (flowLevel > 0 || simpleKey)) style = 'single';
  }
  if (style === 'single' && !flags.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!flags.blockAllowed || flowLevel > 0 || simpleKey)) style = 'double';
  return style;
}

const namedEscapes: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

function escapeFor(code: number): string {
  const named = namedEscapes[code];
  if (named) return named;
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return 'x' + hex.padStart(2, '0');
  if (code <= 0xffff) return 'u' + hex.padStart(4, '0');
  return 'U' + hex.padStart(8, '0');
}

function utf8Length(text: string): number {
  let n = 0;
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    n += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return n;
}
