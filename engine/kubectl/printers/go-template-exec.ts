/**
 * Executes a parsed Go template over JSON data the way kubectl's GoTemplatePrinter does: the object goes through
 * JSON (numbers become float64), missing keys print `<no value>`, and errors read
 * `template: output:1:2: executing "output" at <len .x>: error calling len: …`.
 */
import { formatValue, GoInt, goTypeName, sprintf, type GoValue } from './go-fmt.ts';
import { argString, commandString, pipeString, type Arg, type Command, type Pipe, type TemplateNode } from './go-template-parse.ts';

/** An execution error carrying Go's message. */
export class TemplateExecError extends Error {}

class Break { constructor(readonly kind: 'break' | 'continue') {} }

type ControlNode = Extract<TemplateNode, { pipe: Pipe; list: TemplateNode[] }>;

type Scope = Array<[string, GoValue]>;

function isTrue(value: GoValue): boolean {
  if (value === undefined || value === null) return false;
  if (value instanceof GoInt) return value.value !== 0;
  if (typeof value === 'object') return Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0;
  return Boolean(value);
}

type Kind = 'bool' | 'int' | 'float' | 'string' | 'other';
// int and int64 are both Go's intKind: `eq .spec.replicas 3` compares, `eq .spec.replicas 3.0` does not.
function basicKind(value: GoValue): Kind {
  if (value instanceof GoInt) return 'int';
  if (typeof value === 'number') return 'float';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  return 'other';
}

function scalar(value: GoValue): number | string | boolean {
  return value instanceof GoInt ? value.value : (value as number | string | boolean);
}

function isMap(value: GoValue): value is { [key: string]: GoValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof GoInt);
}

function base64Decode(text: string): string {
  const binary = atob(text);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** text/template's maxExecDepth: how deep `{{template}}` calls may nest. */
const maxExecDepth = 100000;

class State {
  out = '';
  /** The template being executed, as `executing "NAME"` names it. */
  private name = 'output';
  private depth = 0;
  constructor(private readonly text: string, private readonly allowMissing: boolean,
    private readonly defines: ReadonlyMap<string, TemplateNode[]> = new Map()) {}

  fail(pos: number, context: string, message: string): never {
    const before = this.text.slice(0, pos);
    const nl = before.lastIndexOf('\n');
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const col = nl < 0 ? pos : pos - nl - 1;
    throw new TemplateExecError(`template: output:${line}:${col}: executing ${JSON.stringify(this.name)} at <${context}>: ${message}`);
  }

  walk(dot: GoValue, nodes: TemplateNode[], vars: Scope): void {
    for (const node of nodes) {
      switch (node.type) {
        case 'text': this.out += node.text; break;
        case 'action': {
          const value = this.pipe(dot, node.pipe, vars);
          if (!node.pipe.decl.length) this.out += value === undefined ? '<no value>' : formatValue(value);
          break;
        }
        case 'if': case 'with': {
          const mark = vars.length;
          const value = this.pipe(dot, node.pipe, vars);
          if (isTrue(value)) this.walk(node.type === 'with' ? value : dot, node.list, vars);
          else if (node.elseList) this.walk(dot, node.elseList, vars);
          vars.length = mark;
          break;
        }
        case 'range': this.range(dot, node, vars); break;
        case 'break': case 'continue': throw new Break(node.type);
        case 'template': this.template(dot, node, vars); break;
      }
    }
  }

  /** `{{template "name" pipeline}}`: the named tree runs with the pipeline's value (nil without one) as `.` and `$`. */
  private template(dot: GoValue, node: Extract<TemplateNode, { type: 'template' }>, vars: Scope): void {
    const body = this.defines.get(node.name);
    const call = `{{template ${JSON.stringify(node.name)}${node.pipe ? ` ${pipeString(node.pipe)}` : ''}}}`;
    if (!body) this.fail(node.pos, call, `template ${JSON.stringify(node.name)} not defined`);
    if (this.depth >= maxExecDepth) this.fail(node.pos, call, `exceeded maximum template depth (${maxExecDepth})`);
    const value = node.pipe ? this.pipe(dot, node.pipe, vars) : null;
    const outer = this.name;
    this.name = node.name;
    this.depth++;
    try {
      this.walk(value, body, [['$', value]]);
    } finally {
      this.depth--;
      this.name = outer;
    }
  }

  private range(dot: GoValue, node: ControlNode, vars: Scope): void {
    const mark = vars.length;
    const decl = node.pipe.decl;
    const value = this.pipe(dot, { ...node.pipe, decl: [] }, vars);
    let entries: Array<[GoValue, GoValue]>;
    if (Array.isArray(value)) entries = value.map((e, i) => [new GoInt(i), e]);
    else if (isMap(value)) entries = Object.keys(value).sort().map((k) => [k, value[k]]);
    else if (value instanceof GoInt) entries = Array.from({ length: Math.max(0, value.value) }, (_, i) => [new GoInt(i), new GoInt(i)]);
    else if (value === undefined || value === null) entries = [];
    else this.fail(node.pipe.cmds[0].args[0].pos, argString(node.pipe.cmds[0].args[0]), `range can't iterate over ${formatValue(value)}`);
    for (const [key, element] of entries) {
      const inner = vars.length;
      if (decl.length === 1) vars.push([decl[0], element]);
      if (decl.length === 2) vars.push([decl[0], key], [decl[1], element]);
      try {
        this.walk(element, node.list, vars);
      } catch (e) {
        if (!(e instanceof Break)) throw e;
        if (e.kind === 'break') { vars.length = inner; break; }
      }
      vars.length = inner;
    }
    if (!entries.length && node.elseList) this.walk(dot, node.elseList, vars);
    vars.length = mark;
  }

  pipe(dot: GoValue, pipe: Pipe, vars: Scope): GoValue {
    let value: GoValue = undefined;
    let hasFinal = false;
    for (const cmd of pipe.cmds) {
      value = this.command(dot, cmd, vars, hasFinal ? { value } : undefined);
      // Like Go, a nil interface coming out of a command becomes the invalid value: `<no value>`.
      if (value === null) value = undefined;
      hasFinal = true;
    }
    if (pipe.decl.length) {
      if (pipe.isAssign) {
        const slot = [...vars].reverse().find(([name]) => name === pipe.decl[0]);
        if (slot) slot[1] = value;
      } else vars.push([pipe.decl[0], value]);
    }
    return value;
  }

  private command(dot: GoValue, cmd: Command, vars: Scope, final?: { value: GoValue }): GoValue {
    const first = cmd.args[0];
    if (first.type === 'identifier') return this.call(dot, cmd, vars, final);
    if (cmd.args.length > 1 || final) {
      if (first.type === 'field') this.fail(first.pos, argString(first), `${first.ident[first.ident.length - 1]} is not a method but has arguments`);
      this.fail(first.pos, argString(first), `can't give argument to non-function ${argString(first)}`);
    }
    if (first.type === 'nil') this.fail(first.pos, 'nil', 'nil is not a command');
    return this.arg(dot, first, vars);
  }

  private arg(dot: GoValue, arg: Arg, vars: Scope): GoValue {
    switch (arg.type) {
      case 'dot': return dot;
      case 'nil': return null;
      case 'bool': return arg.value;
      case 'string': return arg.value;
      case 'number': return arg.isFloat ? arg.value : new GoInt(arg.value);
      case 'field': return this.fields(dot, arg.ident, arg);
      case 'variable': {
        const slot = [...vars].reverse().find(([name]) => name === arg.ident[0]);
        const value = arg.ident[0] === '$' && !slot ? this.root : slot?.[1];
        return arg.ident.length > 1 ? this.fields(value, arg.ident.slice(1), arg) : value;
      }
      case 'chain': return this.fields(this.arg(dot, arg.node, vars), arg.fields, arg);
      case 'pipe': return this.pipe(dot, arg.pipe, vars);
      case 'identifier': return this.call(dot, { pos: arg.pos, args: [arg] }, vars, undefined);
    }
  }

  root: GoValue = undefined;

  private fields(receiver: GoValue, names: string[], node: Arg): GoValue {
    let value = receiver;
    for (const name of names) {
      if (value === undefined || value === null) return undefined;
      if (!isMap(value)) this.fail(node.pos, argString(node), `can't evaluate field ${name} in type interface {}`);
      if (!(name in value)) {
        if (!this.allowMissing) this.fail(node.pos, argString(node), `map has no entry for key "${name}"`);
        return undefined;
      }
      value = value[name];
    }
    return value;
  }

  private call(dot: GoValue, cmd: Command, vars: Scope, final?: { value: GoValue }): GoValue {
    const name = (cmd.args[0] as { name: string }).name;
    const args = cmd.args.slice(1).map((a) => this.arg(dot, a, vars));
    if (final) args.push(final.value);
    const fail = (message: string): never => this.fail(cmd.pos, commandString(cmd), `error calling ${name}: ${message}`);
    const want = (n: number): void => {
      if (args.length !== n) this.fail(cmd.pos, commandString(cmd), `wrong number of args for ${name}: want ${n} got ${args.length}`);
    };
    switch (name) {
      case 'and': { let v: GoValue = undefined; for (const a of args) { v = a; if (!isTrue(a)) break; } return v; }
      case 'or': { let v: GoValue = undefined; for (const a of args) { v = a; if (isTrue(a)) break; } return v; }
      case 'not': want(1); return !isTrue(args[0]);
      case 'len': {
        want(1);
        const v = args[0];
        if (v === undefined) return fail('reflect: call of reflect.Value.Type on zero Value');
        if (typeof v === 'string') return new GoInt(new TextEncoder().encode(v).length);
        if (Array.isArray(v)) return new GoInt(v.length);
        if (isMap(v)) return new GoInt(Object.keys(v).length);
        return fail(`len of type ${goTypeName(v)}`);
      }
      case 'index': {
        let v = args[0];
        if (v === undefined || v === null) return fail('index of untyped nil');
        for (const key of args.slice(1)) {
          if (Array.isArray(v)) {
            if (!(key instanceof GoInt)) return fail(`cannot index slice/array with type ${goTypeName(key)}`);
            if (key.value < 0 || key.value >= v.length) return fail(`index out of range: ${key.value}`);
            v = v[key.value];
          } else if (isMap(v)) {
            if (typeof key !== 'string') return fail(`value has type ${goTypeName(key)}; should be string`);
            v = key in v ? v[key] : undefined;
          } else if (v === undefined || v === null) return fail('index of nil pointer');
          else return fail(`can't index item of type ${goTypeName(v)}`);
        }
        return v;
      }
      case 'print': return args.map((a, i) => (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string' ? ' ' : '') + formatValue(a)).join('');
      case 'println': return `${args.map(formatValue).join(' ')}\n`;
      case 'printf': {
        if (typeof args[0] !== 'string') return fail(`wrong type for value; expected string; got ${goTypeName(args[0])}`);
        return sprintf(args[0], args.slice(1));
      }
      case 'eq': case 'ne': case 'lt': case 'le': case 'gt': case 'ge': return this.compare(name, args, fail);
      case 'exists': {
        let v = args[0];
        for (const key of args.slice(1)) {
          if (isMap(v) && typeof key === 'string' && key in v) v = v[key];
          else if (Array.isArray(v) && key instanceof GoInt && key.value >= 0 && key.value < v.length) v = v[key.value];
          else return false;
        }
        return true;
      }
      case 'base64decode': {
        want(1);
        try { return base64Decode(String(args[0])); } catch { return fail('illegal base64 data at input byte 0'); }
      }
      case 'html': case 'js': case 'urlquery': return args.map(formatValue).join('');
      default: return fail(`kubelab: ${name} is not supported in this lab`);
    }
  }

  private compare(name: string, args: GoValue[], fail: (m: string) => never): boolean {
    if (args.length < 2 && name === 'eq') return fail('missing argument for comparison');
    const [a, ...rest] = args;
    const ka = basicKind(a);
    if (name === 'eq') {
      for (const b of rest) {
        const kb = basicKind(b);
        if (ka === 'other' || kb === 'other') {
          if (a === undefined || b === undefined || a === null || b === null) { if (a == null && b == null) return true; continue; }
          return fail('incompatible types for comparison');
        }
        if (ka !== kb) return fail('incompatible types for comparison');
        if (scalar(a) === scalar(b)) return true;
      }
      return false;
    }
    if (name === 'ne') return !this.compare('eq', args, fail);
    const b = rest[0];
    const kb = basicKind(b);
    if (ka === 'other' || kb === 'other' || ka === 'bool') return fail('invalid type for comparison');
    if (ka !== kb) return fail('incompatible types for comparison');
    const x = scalar(a);
    const y = scalar(b);
    switch (name) {
      case 'lt': return x < y;
      case 'le': return x <= y;
      case 'gt': return x > y;
      default: return x >= y;
    }
  }
}

/** Run a parsed template over data. Returns the output written before any error, like Go's writer does. */
export function executeTemplate(text: string, nodes: TemplateNode[], data: GoValue, allowMissingKeys = true,
  defines: ReadonlyMap<string, TemplateNode[]> = new Map()): { out: string; error?: string } {
  const state = new State(text, allowMissingKeys, defines);
  state.root = data;
  try {
    state.walk(data, nodes, [['$', data]]);
    return { out: state.out };
  } catch (e) {
    if (e instanceof TemplateExecError) return { out: state.out, error: e.message };
    throw e;
  }
}
