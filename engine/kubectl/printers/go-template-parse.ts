/**
 * A parser for Go text/template, the subset kubectl users write with `-o go-template`: text, actions,
 * `{{- -}}` trimming, comments, if/else if/else, range (with else, $i, $e), with, variables, pipelines,
 * parenthesised pipelines, field chains and constants. Errors read like Go's: `template: output:1: unclosed action`.
 */

/** A parse error carrying Go's message. */
export class TemplateParseError extends Error {}

/** An operand of a command, as text/template/parse names them. */
export type Arg =
  | { type: 'field'; pos: number; ident: string[] }
  | { type: 'variable'; pos: number; ident: string[] }
  | { type: 'dot'; pos: number }
  | { type: 'nil'; pos: number }
  | { type: 'bool'; pos: number; value: boolean }
  | { type: 'number'; pos: number; text: string; isFloat: boolean; value: number }
  | { type: 'string'; pos: number; text: string; value: string }
  | { type: 'identifier'; pos: number; name: string }
  | { type: 'chain'; pos: number; node: Arg; fields: string[] }
  | { type: 'pipe'; pos: number; pipe: Pipe };

/** One command of a pipeline: `printf "%s" .x`. */
export interface Command { pos: number; args: Arg[] }

/** A pipeline with its optional declaration: `$i, $e := .items | len`. */
export interface Pipe { pos: number; decl: string[]; isAssign: boolean; cmds: Command[] }

/** A node of the template tree. */
export type TemplateNode =
  | { type: 'text'; text: string }
  | { type: 'action'; pos: number; pipe: Pipe }
  | { type: 'if' | 'with' | 'range'; pos: number; pipe: Pipe; list: TemplateNode[]; elseList?: TemplateNode[] }
  | { type: 'break' | 'continue'; pos: number }
  /** `{{template "name" pipeline}}`, and the call half of `{{block}}`; `pos` is the name's. */
  | { type: 'template'; pos: number; name: string; pipe?: Pipe };

/** A parsed template: the main tree ("output") and the trees `{{define}}` and `{{block}}` name. */
export interface TemplateSet { root: TemplateNode[]; defines: Map<string, TemplateNode[]> }

/** The functions text/template defines plus kubectl's `exists` and `base64decode`. */
export const builtinFunctions = new Set(['and', 'or', 'not', 'len', 'index', 'slice', 'print', 'printf', 'println', 'html', 'js',
  'urlquery', 'call', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'exists', 'base64decode']);

type Token = { kind: 'space' | 'pipe' | 'lparen' | 'rparen' | 'declare' | 'assign' | 'comma' | 'string' | 'number' | 'field'
  | 'variable' | 'identifier' | 'dot' | 'end' | 'eof' | 'char'; text: string; pos: number; value?: string };

/** Render an arg as Go's node String() does, for `at <…>` in execution errors. */
export function argString(arg: Arg): string {
  switch (arg.type) {
    case 'field': return arg.ident.map((i) => `.${i}`).join('');
    case 'variable': return arg.ident.join('.');
    case 'dot': return '.';
    case 'nil': return 'nil';
    case 'bool': return String(arg.value);
    case 'number': case 'string': return arg.text;
    case 'identifier': return arg.name;
    case 'chain': return argString(arg.node) + arg.fields.map((f) => `.${f}`).join('');
    case 'pipe': return `(${pipeString(arg.pipe)})`;
  }
}

/** A command as Go prints it. */
export function commandString(cmd: Command): string {
  return cmd.args.map(argString).join(' ');
}

/** A pipeline as Go prints it. */
export function pipeString(pipe: Pipe): string {
  const decl = pipe.decl.length ? `${pipe.decl.join(', ')} ${pipe.isAssign ? '=' : ':='} ` : '';
  return decl + pipe.cmds.map(commandString).join(' | ');
}

function unquote(raw: string): string {
  if (raw.startsWith('`')) return raw.slice(1, -1);
  // Go and JSON escapes overlap for the common cases; \x and \' are Go-only.
  const body = raw.slice(1, -1).replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\'/g, "'").replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  try { return JSON.parse(`"${body}"`) as string; } catch { throw new TemplateParseError('invalid syntax'); }
}

class Parser {
  private tokens: Token[] = [];
  private index = 0;
  private vars: string[][] = [['$']];

  constructor(private readonly text: string) {}

  private line(pos: number): number {
    return this.text.slice(0, pos).split('\n').length;
  }

  private fail(message: string, pos: number): never {
    throw new TemplateParseError(`template: output:${this.line(pos)}: ${message}`);
  }

  /** Lex one action's body (between the delimiters) into tokens. */
  private lexAction(start: number, end: number): Token[] {
    const out: Token[] = [];
    const s = this.text;
    let i = start;
    while (i < end) {
      const c = s[i];
      const from = i;
      if (/\s/.test(c)) { while (i < end && /\s/.test(s[i])) i++; out.push({ kind: 'space', text: ' ', pos: from }); continue; }
      if (c === '|') { out.push({ kind: 'pipe', text: c, pos: i++ }); continue; }
      if (c === '(') { out.push({ kind: 'lparen', text: c, pos: i++ }); continue; }
      if (c === ')') { out.push({ kind: 'rparen', text: c, pos: i++ }); continue; }
      if (c === ',') { out.push({ kind: 'comma', text: c, pos: i++ }); continue; }
      if (c === ':' && s[i + 1] === '=') { out.push({ kind: 'declare', text: ':=', pos: i }); i += 2; continue; }
      if (c === '=') { out.push({ kind: 'assign', text: '=', pos: i++ }); continue; }
      if (c === '"' || c === '`') {
        i++;
        while (i < end && s[i] !== c) { if (c === '"' && s[i] === '\\') i++; if (c === '"' && s[i] === '\n') break; i++; }
        if (i >= end || s[i] !== c) this.fail(c === '"' ? 'unterminated quoted string' : 'unterminated raw quoted string', from);
        i++;
        const raw = s.slice(from, i);
        out.push({ kind: 'string', text: raw, pos: from, value: unquote(raw) });
        continue;
      }
      if (c === "'") {
        i++;
        while (i < end && s[i] !== "'") { if (s[i] === '\\') i++; i++; }
        if (i >= end) this.fail('unterminated character constant', from);
        i++;
        out.push({ kind: 'char', text: s.slice(from, i), pos: from });
        continue;
      }
      if (/[0-9+-]/.test(c) || (c === '.' && /[0-9]/.test(s[i + 1] ?? ''))) {
        i++;
        while (i < end && /[0-9a-zA-Z_.+-]/.test(s[i]) && !(/[+-]/.test(s[i]) && !/[eEpP]/.test(s[i - 1]))) i++;
        out.push({ kind: 'number', text: s.slice(from, i), pos: from });
        continue;
      }
      if (c === '.' || c === '$') {
        i++;
        while (i < end && /[\p{L}\p{N}_]/u.test(s[i])) i++;
        const word = s.slice(from, i);
        if (c === '.') out.push({ kind: word === '.' ? 'dot' : 'field', text: word, pos: from });
        else out.push({ kind: 'variable', text: word, pos: from });
        continue;
      }
      if (/[\p{L}_]/u.test(c)) {
        while (i < end && /[\p{L}\p{N}_]/u.test(s[i])) i++;
        out.push({ kind: 'identifier', text: s.slice(from, i), pos: from });
        continue;
      }
      this.fail(`unexpected ${JSON.stringify(c)} in command`, from);
    }
    return out;
  }

  /** Split the text into text nodes and action token streams, applying `{{-` and `-}}` trimming. */
  parse(): TemplateNode[] {
    const s = this.text;
    const items: Array<{ kind: 'text'; text: string } | { kind: 'action'; tokens: Token[]; pos: number }> = [];
    let i = 0;
    let trimNext = false;
    while (i <= s.length) {
      const open = s.indexOf('{{', i);
      let text = s.slice(i, open < 0 ? s.length : open);
      if (trimNext) text = text.replace(/^[ \t\r\n]+/, '');
      trimNext = false;
      if (open < 0) { if (text) items.push({ kind: 'text', text }); break; }
      let bodyStart = open + 2;
      if (s[bodyStart] === '-' && /[ \t\r\n]/.test(s[bodyStart + 1] ?? '')) { text = text.replace(/[ \t\r\n]+$/, ''); bodyStart += 2; }
      if (text) items.push({ kind: 'text', text });
      const comment = /^\s*\/\*/.exec(s.slice(bodyStart));
      if (comment) {
        const close = s.indexOf('*/', bodyStart + comment[0].length);
        if (close < 0) this.fail('unclosed comment', bodyStart);
        const after = /^(\s+-)?\s*\}\}/.exec(s.slice(close + 2));
        if (!after) this.fail('comment ends before closing delimiter', bodyStart);
        trimNext = after[1] !== undefined;
        i = close + 2 + after[0].length;
        continue;
      }
      const close = this.findClose(bodyStart);
      if (close < 0) {
        // Go's lexer reaches an unterminated string before it notices the missing `}}`.
        this.lexAction(bodyStart, s.length);
        this.fail('unclosed action', open);
      }
      let bodyEnd = close;
      if (s[close - 1] === '-' && /[ \t\r\n]/.test(s[close - 2] ?? '')) { bodyEnd = close - 2; trimNext = true; }
      items.push({ kind: 'action', tokens: [...this.lexAction(bodyStart, bodyEnd), { kind: 'end', text: '}}', pos: close }], pos: bodyStart });
      i = close + 2;
    }
    this.actions = items;
    const list = this.parseList(false);
    if (this.next) this.fail(`unexpected {{${this.next}}}`, this.nextPos);
    return list;
  }

  /** Templates named by `{{define}}` and `{{block}}`, filled in by `parse`. */
  readonly defines = new Map<string, TemplateNode[]>();

  /** The quoted name after `define`, `template` or `block`. */
  private templateName(context: string): Token {
    const token = this.peek();
    if (token.kind !== 'string') this.fail(`unexpected ${tokenString(token)} in ${context}`, token.pos);
    this.index++;
    return token;
  }

  /**
   * A named body up to its `{{end}}`, parsed with its own variables (only `$`), as text/template's
   * parseDefinition does. Like Go's `add`, an empty body never replaces a template, a body replaces an
   * empty one, and two bodies for one name are an error.
   */
  private defineBody(name: string, context: string): void {
    const outer = this.vars;
    this.vars = [['$']];
    const body = this.parseList(true);
    if (this.next !== 'end') this.fail(`unexpected {{${this.next}}} in ${context}`, this.nextPos);
    this.vars = outer;
    const empty = (nodes: TemplateNode[]): boolean => nodes.every((node) => node.type === 'text' && !node.text.trim());
    const existing = this.defines.get(name);
    if (existing && !empty(existing)) {
      if (!empty(body)) this.fail(`template: multiple definition of template ${JSON.stringify(name)}`, this.nextPos);
      return;
    }
    this.defines.set(name, body);
  }

  /** `{{define "name"}}…{{end}}`, allowed only at the top level. */
  private parseDefine(): void {
    const name = this.templateName('define clause');
    const end = this.peek();
    if (end.kind !== 'end') this.fail(`unexpected ${tokenString(end)} in define clause`, end.pos);
    this.defineBody(name.value ?? '', 'define clause');
  }

  /** `{{template "name"}}`, `{{template "name" pipeline}}`, and `{{block "name" pipeline}}…{{end}}`. */
  private parseTemplateCall(keyword: 'template' | 'block'): TemplateNode {
    const context = `${keyword} clause`;
    const name = this.templateName(context);
    let pipe: Pipe | undefined;
    if (keyword === 'block' || this.peek().kind !== 'end') pipe = this.parsePipe(context, 'end');
    if (keyword === 'block') this.defineBody(name.value ?? '', context);
    return { type: 'template', pos: name.pos, name: name.value ?? '', ...(pipe ? { pipe } : {}) };
  }

  /** The `}}` that closes an action, skipping quoted strings. */
  private findClose(from: number): number {
    const s = this.text;
    for (let i = from; i < s.length; i++) {
      const c = s[i];
      if (c === '"' || c === '`' || c === "'") {
        const q = c;
        i++;
        while (i < s.length && s[i] !== q) { if (q !== '`' && s[i] === '\\') i++; if (q !== '`' && s[i] === '\n') return -1; i++; }
        continue;
      }
      if (c === '}' && s[i + 1] === '}') return i;
    }
    return -1;
  }

  private actions: Array<{ kind: 'text'; text: string } | { kind: 'action'; tokens: Token[]; pos: number }> = [];
  private actionIndex = 0;
  private next = '';
  private nextPos = 0;

  /** Parse nodes until `{{end}}` or `{{else}}` (left in `next`) or the end of the input. */
  private parseList(inside: boolean): TemplateNode[] {
    const list: TemplateNode[] = [];
    while (this.actionIndex < this.actions.length) {
      const item = this.actions[this.actionIndex++];
      if (item.kind === 'text') { list.push({ type: 'text', text: item.text }); continue; }
      this.tokens = item.tokens;
      this.index = 0;
      this.skipSpace();
      const first = this.tokens[this.index];
      if (first.kind === 'identifier' && (first.text === 'end' || first.text === 'else')) {
        if (!inside) this.fail(`unexpected {{${first.text}}}`, first.pos);
        this.next = first.text;
        this.nextPos = first.pos;
        return list;
      }
      if (!inside && first.kind === 'identifier' && first.text === 'define') {
        this.index++;
        this.parseDefine();
        continue;
      }
      list.push(this.parseAction(first));
    }
    if (inside) this.fail('unexpected EOF', this.text.length);
    this.next = '';
    return list;
  }

  private skipSpace(): void {
    while (this.tokens[this.index]?.kind === 'space') this.index++;
  }

  private peek(): Token {
    this.skipSpace();
    return this.tokens[this.index];
  }

  private parseAction(first: Token): TemplateNode {
    if (first.kind === 'identifier' && (first.text === 'if' || first.text === 'with' || first.text === 'range')) {
      this.index++;
      return this.parseControl(first.text, first.pos);
    }
    if (first.kind === 'identifier' && (first.text === 'break' || first.text === 'continue')) {
      this.index++;
      if (this.peek().kind !== 'end') this.fail(`unexpected ${this.peek().text} in {{${first.text}}}`, first.pos);
      return { type: first.text, pos: first.pos };
    }
    if (first.kind === 'identifier' && (first.text === 'template' || first.text === 'block')) {
      this.index++;
      return this.parseTemplateCall(first.text);
    }
    // `define` is a keyword only at the top level; anywhere else the command parser meets it.
    if (first.kind === 'identifier' && first.text === 'define') this.fail('unexpected <define> in command', first.pos);
    return { type: 'action', pos: first.pos, pipe: this.parsePipe('command', 'end') };
  }

  private parseControl(keyword: 'if' | 'with' | 'range', pos: number): TemplateNode {
    this.vars.push([]);
    const pipe = this.parsePipe(keyword, 'end');
    const list = this.parseList(true);
    let elseList: TemplateNode[] | undefined;
    if (this.next === 'else') {
      this.skipSpace();
      this.index++; // past `else`
      const after = this.peek();
      if (keyword !== 'range' && after.kind === 'identifier' && after.text === keyword) {
        // `{{else if …}}` is an if nested in the else branch that shares our {{end}}.
        this.index++;
        elseList = [this.parseControl(keyword, after.pos)];
        this.vars.pop();
        return { type: keyword, pos, pipe, list, elseList };
      }
      if (after.kind !== 'end') this.fail(`unexpected ${JSON.stringify(after.text)} in else`, after.pos);
      elseList = this.parseList(true);
    }
    if (this.next !== 'end') this.fail(`expected end; found {{${this.next}}}`, this.nextPos);
    this.vars.pop();
    return { type: keyword, pos, pipe, list, elseList };
  }

  private declared(name: string): boolean {
    return this.vars.some((scope) => scope.includes(name));
  }

  private parsePipe(context: string, closer: 'end' | 'rparen'): Pipe {
    const start = this.peek();
    const decl: string[] = [];
    let isAssign = false;
    // Look ahead for `$x :=`, `$x =` or (range) `$i, $e :=`.
    const save = this.index;
    if (start.kind === 'variable') {
      this.index++;
      let t = this.peek();
      if (t.kind === 'comma' && context === 'range') {
        this.index++;
        const second = this.peek();
        if (second.kind !== 'variable') this.fail(`range can only initialize variables`, second.pos);
        this.index++;
        t = this.peek();
        if (t.kind === 'declare' || t.kind === 'assign') { decl.push(start.text, second.text); isAssign = t.kind === 'assign'; this.index++; }
        else this.fail(`unexpected ${JSON.stringify(t.text)} in ${context}`, t.pos);
      } else if (t.kind === 'declare' || t.kind === 'assign') {
        decl.push(start.text);
        isAssign = t.kind === 'assign';
        this.index++;
      } else this.index = save;
    }
    if (isAssign) { for (const v of decl) if (!this.declared(v)) this.fail(`undefined variable "${v}"`, start.pos); }
    const cmds: Command[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === closer) { this.index++; break; }
      if (t.kind === 'end' || t.kind === 'rparen') this.fail(t.kind === 'end' ? 'unclosed left paren' : 'unexpected right paren', t.pos);
      cmds.push(this.parseCommand(context));
      const after = this.peek();
      if (after.kind === 'pipe') { this.index++; if (this.peek().kind === closer) this.fail(`missing command`, after.pos); }
    }
    if (!cmds.length) this.fail(`missing value for ${context}`, start.pos);
    if (!isAssign) this.vars[this.vars.length - 1].push(...decl);
    return { pos: start.pos, decl, isAssign, cmds };
  }

  private parseCommand(context: string): Command {
    const args: Arg[] = [];
    const pos = this.peek().pos;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'end' || t.kind === 'rparen' || t.kind === 'pipe') break;
      args.push(this.parseOperand(context));
      const after = this.tokens[this.index];
      if (after.kind !== 'space' && after.kind !== 'end' && after.kind !== 'rparen' && after.kind !== 'pipe') {
        this.fail(`unexpected ${JSON.stringify(after.text)} in operand`, after.pos);
      }
    }
    if (!args.length) this.fail('empty command', pos);
    return { pos, args };
  }

  private parseOperand(context: string): Arg {
    const t = this.peek();
    this.index++;
    let node: Arg;
    switch (t.kind) {
      case 'field': node = { type: 'field', pos: t.pos, ident: [t.text.slice(1)] }; break;
      case 'dot': node = { type: 'dot', pos: t.pos }; break;
      case 'variable':
        if (!this.declared(t.text)) this.fail(`undefined variable "${t.text}"`, t.pos);
        node = { type: 'variable', pos: t.pos, ident: [t.text] };
        break;
      case 'string': node = { type: 'string', pos: t.pos, text: t.text, value: t.value ?? '' }; break;
      case 'number': {
        const value = Number(t.text.replace(/_/g, ''));
        if (Number.isNaN(value)) this.fail(`bad number syntax: ${JSON.stringify(t.text)}`, t.pos);
        node = { type: 'number', pos: t.pos, text: t.text, value, isFloat: /[.eE]/.test(t.text) && !/^[+-]?0[xX]/.test(t.text) };
        break;
      }
      case 'identifier':
        if (t.text === 'true' || t.text === 'false') node = { type: 'bool', pos: t.pos, value: t.text === 'true' };
        else if (t.text === 'nil') node = { type: 'nil', pos: t.pos };
        else if (!builtinFunctions.has(t.text)) this.fail(`function ${JSON.stringify(t.text)} not defined`, t.pos);
        else node = { type: 'identifier', pos: t.pos, name: t.text };
        break;
      case 'lparen': node = { type: 'pipe', pos: t.pos, pipe: this.parsePipe('parenthesized pipeline', 'rparen') }; break;
      default: this.fail(`unexpected ${JSON.stringify(t.text)} in ${context}`, t.pos);
    }
    // A field chain after the term: `.a.b` lexes as two fields; `$x.a`, `(…).a`.
    const fields: string[] = [];
    while (this.tokens[this.index]?.kind === 'field') fields.push(this.tokens[this.index++].text.slice(1));
    if (!fields.length) return node!;
    if (node!.type === 'field') return { type: 'field', pos: this.tokens[this.index - fields.length].pos, ident: [...node!.ident, ...fields] };
    if (node!.type === 'variable') return { type: 'variable', pos: node!.pos, ident: [...node!.ident, ...fields] };
    return { type: 'chain', pos: this.tokens[this.index - fields.length].pos, node: node!, fields };
  }
}

/** Parse a template, or throw TemplateParseError with Go's message. */
export function parseTemplate(text: string): TemplateNode[] {
  return parseTemplateSet(text).root;
}

/** Parse a template with the templates it defines, or throw TemplateParseError with Go's message. */
export function parseTemplateSet(text: string): TemplateSet {
  const parser = new Parser(text);
  const root = parser.parse();
  return { root, defines: parser.defines };
}

/** A lexer item as Go's item.String() shows it in `unexpected …` errors. */
function tokenString(token: Token): string {
  if (token.kind === 'end') return '"}}"';
  if (token.kind === 'identifier' && keywords.has(token.text)) return `<${token.text}>`;
  if (token.text.length > 10) return `${JSON.stringify(token.text.slice(0, 10))}...`;
  return JSON.stringify(token.text);
}

const keywords = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);
