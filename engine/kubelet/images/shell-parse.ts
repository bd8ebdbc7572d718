/**
 * The parser of the simulated `sh` (busybox ash's everyday subset): words with quotes and `$`
 * expansions, `;` `&&` `||` `|` and newlines, `>`/`>>` redirects, `while`/`until`, `for … in`,
 * and `if … then … elif … else … fi`. Enough for the idioms manifests use in container commands
 * and probes; anything else is a syntax error, as sh would report it.
 */

/** A piece of a word: literal text, single-quoted, double-quoted, `$(…)` or `$((…))`. */
export type Segment =
  | { kind: 'lit' | 'dq'; text: string }
  | { kind: 'sq'; text: string }
  | { kind: 'cmd' | 'arith'; text: string };

export type Word = Segment[];

export type ShellNode =
  | { t: 'simple'; words: Word[]; redirects: { append: boolean; target: Word }[] }
  | { t: 'pipe'; commands: ShellNode[] }
  | { t: 'andor'; first: ShellNode; rest: { op: '&&' | '||'; node: ShellNode }[] }
  | { t: 'list'; items: ShellNode[] }
  | { t: 'loop'; until: boolean; cond: ShellNode; body: ShellNode }
  | { t: 'for'; name: string; items: Word[] | undefined; body: ShellNode }
  | { t: 'if'; branches: { cond: ShellNode; body: ShellNode }[]; otherwise?: ShellNode }
  | { t: 'group'; body: ShellNode };

type Token = { type: 'word'; word: Word } | { type: 'op'; value: string };

/** A shell syntax error, worded as busybox sh words it. */
export class ShellSyntaxError extends Error {}

const operators = ['&&', '||', '>>', ';;', ';', '&', '|', '>', '<', '(', ')', '\n'];

/** Read `$(…)` or `$((…))` starting at `i` (the `$`); returns the segment and the index after it. */
function readSubstitution(source: string, i: number): { segment: Segment; end: number } {
  const arith = source.startsWith('$((', i);
  let depth = 0;
  for (let j = i + 1; j < source.length; j++) {
    if (source[j] === '(') depth++;
    else if (source[j] === ')') {
      depth--;
      if (depth === 0) {
        if (arith) return { segment: { kind: 'arith', text: source.slice(i + 3, j - 1) }, end: j + 1 };
        return { segment: { kind: 'cmd', text: source.slice(i + 2, j) }, end: j + 1 };
      }
    }
  }
  throw new ShellSyntaxError("syntax error: unterminated quoted string");
}

/** Split a script into words and operators. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '\\' && source[i + 1] === '\n') { i += 2; continue; }
    if (c === '#') { while (i < source.length && source[i] !== '\n') i++; continue; }
    const op = operators.find((o) => source.startsWith(o, i));
    if (op) { tokens.push({ type: 'op', value: op }); i += op.length; continue; }
    const word: Word = [];
    let lit = '';
    const flush = (): void => { if (lit) word.push({ kind: 'lit', text: lit }); lit = ''; };
    while (i < source.length) {
      const ch = source[i];
      if (' \t\n;&|<>()'.includes(ch)) break;
      if (ch === "'") {
        const end = source.indexOf("'", i + 1);
        if (end < 0) throw new ShellSyntaxError('syntax error: unterminated quoted string');
        flush();
        word.push({ kind: 'sq', text: source.slice(i + 1, end) });
        i = end + 1;
      } else if (ch === '"') {
        flush();
        let text = '';
        i++;
        for (;;) {
          if (i >= source.length) throw new ShellSyntaxError('syntax error: unterminated quoted string');
          const d = source[i];
          if (d === '"') { i++; break; }
          if (d === '\\' && '"\\$`'.includes(source[i + 1])) { text += source[i + 1]; i += 2; continue; }
          if (d === '$' && source[i + 1] === '(') {
            if (text) word.push({ kind: 'dq', text });
            text = '';
            const sub = readSubstitution(source, i);
            word.push(sub.segment);
            i = sub.end;
            continue;
          }
          text += d;
          i++;
        }
        word.push({ kind: 'dq', text });
      } else if (ch === '\\') {
        flush();
        word.push({ kind: 'sq', text: source[i + 1] ?? '' });
        i += 2;
      } else if (ch === '$' && source[i + 1] === '(') {
        flush();
        const sub = readSubstitution(source, i);
        word.push(sub.segment);
        i = sub.end;
      } else {
        lit += ch;
        i++;
      }
    }
    flush();
    tokens.push({ type: 'word', word });
  }
  return tokens;
}

/** The literal text of an unquoted word, for keyword and assignment checks. */
export function plainText(word: Word): string | undefined {
  return word.length === 1 && word[0].kind === 'lit' ? word[0].text : undefined;
}

const reserved = new Set(['do', 'done', 'then', 'else', 'elif', 'fi', 'in']);

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined { return this.tokens[this.at]; }
  private isOp(value: string): boolean { const t = this.peek(); return t?.type === 'op' && t.value === value; }
  private isKeyword(value: string): boolean { const t = this.peek(); return t?.type === 'word' && plainText(t.word) === value; }
  private skipNewlines(): void { while (this.isOp('\n') || this.isOp(';')) this.at++; }

  private expectKeyword(value: string): void {
    this.skipNewlines();
    if (!this.isKeyword(value)) {
      const t = this.peek();
      const got = !t ? 'end of file' : t.type === 'op' ? (t.value === '\n' ? 'newline' : `"${t.value}"`) : `"${plainText(t.word) ?? 'word'}"`;
      throw new ShellSyntaxError(`syntax error: unexpected ${got === 'end of file' ? 'end of file' : got} (expecting "${value}")`);
    }
    this.at++;
  }

  parseScript(): ShellNode {
    const list = this.parseList([]);
    if (this.at < this.tokens.length) {
      const t = this.peek()!;
      throw new ShellSyntaxError(`syntax error: unexpected "${t.type === 'op' ? t.value : plainText(t.word) ?? 'word'}"`);
    }
    return list;
  }

  /** Commands separated by `;`, `&` or newlines, up to one of the `stops` keywords. */
  private parseList(stops: string[]): ShellNode {
    const items: ShellNode[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (!t || (t.type === 'op' && t.value === ')')) break;
      if (t.type === 'word' && stops.includes(plainText(t.word) ?? '')) break;
      items.push(this.parseAndOr());
      if (this.isOp('&')) this.at++;
    }
    return { t: 'list', items };
  }

  private parseAndOr(): ShellNode {
    const first = this.parsePipe();
    const rest: { op: '&&' | '||'; node: ShellNode }[] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = (this.tokens[this.at++] as { value: '&&' | '||' }).value;
      this.skipNewlines();
      rest.push({ op, node: this.parsePipe() });
    }
    return rest.length ? { t: 'andor', first, rest } : first;
  }

  private parsePipe(): ShellNode {
    const commands = [this.parseCommand()];
    while (this.isOp('|')) { this.at++; commands.push(this.parseCommand()); }
    return commands.length > 1 ? { t: 'pipe', commands } : commands[0];
  }

  private parseCommand(): ShellNode {
    if (this.isKeyword('while') || this.isKeyword('until')) {
      const until = this.isKeyword('until');
      this.at++;
      const cond = this.parseList(['do']);
      this.expectKeyword('do');
      const body = this.parseList(['done']);
      this.expectKeyword('done');
      return { t: 'loop', until, cond, body };
    }
    if (this.isKeyword('for')) {
      this.at++;
      const nameToken = this.tokens[this.at++];
      const name = nameToken?.type === 'word' ? plainText(nameToken.word) : undefined;
      if (!name) throw new ShellSyntaxError('syntax error: bad for loop variable');
      let items: Word[] | undefined;
      this.skipNewlines();
      if (this.isKeyword('in')) {
        this.at++;
        items = [];
        while (this.peek()?.type === 'word') items.push((this.tokens[this.at++] as { word: Word }).word);
      }
      this.expectKeyword('do');
      const body = this.parseList(['done']);
      this.expectKeyword('done');
      return { t: 'for', name, items, body };
    }
    if (this.isKeyword('if')) {
      this.at++;
      const branches: { cond: ShellNode; body: ShellNode }[] = [];
      let otherwise: ShellNode | undefined;
      for (;;) {
        const cond = this.parseList(['then']);
        this.expectKeyword('then');
        const body = this.parseList(['elif', 'else', 'fi']);
        branches.push({ cond, body });
        if (this.isKeyword('elif')) { this.at++; continue; }
        if (this.isKeyword('else')) { this.at++; otherwise = this.parseList(['fi']); }
        this.expectKeyword('fi');
        break;
      }
      return { t: 'if', branches, otherwise };
    }
    if (this.isOp('(')) {
      this.at++;
      const body = this.parseList([]);
      if (!this.isOp(')')) throw new ShellSyntaxError('syntax error: unexpected end of file (expecting ")")');
      this.at++;
      return { t: 'group', body };
    }
    const words: Word[] = [];
    const redirects: { append: boolean; target: Word }[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.type === 'op' && (t.value === '>' || t.value === '>>')) {
        this.at++;
        const target = this.tokens[this.at++];
        if (target?.type !== 'word') throw new ShellSyntaxError('syntax error: unexpected newline');
        redirects.push({ append: t.value === '>>', target: target.word });
        continue;
      }
      if (t.type !== 'word') break;
      if (words.length === 0 && reserved.has(plainText(t.word) ?? '')) throw new ShellSyntaxError(`syntax error: unexpected "${plainText(t.word)}"`);
      words.push(t.word);
      this.at++;
    }
    if (!words.length && !redirects.length) {
      const t = this.peek();
      throw new ShellSyntaxError(`syntax error: unexpected ${t?.type === 'op' ? (t.value === '\n' ? 'newline' : `"${t.value}"`) : 'end of file'}`);
    }
    return { t: 'simple', words, redirects };
  }
}

/** Parse a script into its syntax tree; throws ShellSyntaxError with sh's wording. */
export function parseShell(source: string): ShellNode {
  return new Parser(tokenize(source)).parseScript();
}
