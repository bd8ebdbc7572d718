/**
 * Executing a parsed template over data, as client-go's jsonpath.go does: every action yields a
 * list of values; `range` re-runs the actions up to its `end` once per value. The range book-keeping
 * (beginRange / inRange / endRange and the last `end` seen) is kept exactly, so nested ranges and
 * stray `end`s behave like kubectl's.
 */
import type { ListNode, Node, SliceParam } from './parser.ts';
import { GoByte, GoFloat, goSprint, goTypeName, invalid, isMap, sortedKeys, type GoValue } from './values.ts';

/** An execution error with client-go's message (`x is not found`, `array index out of bounds …`). */
export class JsonPathExecError extends Error {}

/** One run of a template; the range counters live here, as on client-go's JSONPath struct. */
export class Executor {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode = -1;
  /** The root's node list and where the current (range) pass starts in it. */
  private start = 0;

  constructor(private readonly root: ListNode, private readonly allowMissingKeys: boolean) {}

  /** `FindResults`: one list of values per top-level node. */
  findResults(data: GoValue): GoValue[][] {
    const nodes = this.root.nodes;
    const start = this.start;
    const full: GoValue[][] = [];
    for (let i = start; i < nodes.length; i++) {
      const results = this.walk([data === null ? invalid : data], nodes[i]);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = i;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        this.start = i + 1;
        if (results.length > 0) {
          for (const value of results) {
            this.start = i + 1;
            full.push(...this.findResults(value));
          }
        } else {
          // With nothing to range over the body still runs once, to find where its `end` is.
          this.findResults(invalid);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (k === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: GoValue[], node: Node): GoValue[] {
    switch (node.type) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.value);
      case 'array':
        return evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
        return input.map(() => node.value);
      case 'float':
        return input.map(() => new GoFloat(node.value));
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return input.flatMap((value) => (value === null || value === invalid ? [] : children(value)));
      case 'recursive':
        return evalRecursive(input);
      case 'union':
        return node.nodes.flatMap((list) => this.evalList(input, list));
      case 'identifier':
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: GoValue[], list: ListNode): GoValue[] {
    let current = input;
    for (const node of list.nodes) current = this.walk(current, node);
    return current;
  }

  private evalIdentifier(input: GoValue[], name: string): GoValue[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      throw new JsonPathExecError('not in range, nothing to end');
    }
    throw new JsonPathExecError(`unrecognized identifier ${name}`);
  }

  private evalField(input: GoValue[], name: string): GoValue[] {
    if (input.length === 0) return [];
    const results: GoValue[] = [];
    for (const value of input) {
      if (isMap(value) && Object.hasOwn(value, name) && value[name] !== undefined) results.push(value[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathExecError(`${name} is not found`);
    return results;
  }

  private evalFilter(input: GoValue[], node: Extract<Node, { type: 'filter' }>): GoValue[] {
    const results: GoValue[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) {
        throw new JsonPathExecError(`${goSprint(value)} is not array or slice and cannot be filtered`);
      }
      for (const element of value) {
        if (node.operator === 'exists') {
          let lefts: GoValue[] = [];
          try {
            lefts = this.evalList([element], node.left);
          } catch {
            // client-go looks only at the results for "exists" and ignores the error.
          }
          if (lefts.length > 0) results.push(element);
          continue;
        }
        const lefts = this.evalList([element], node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathExecError('can only compare one element at a time');
        const rights = this.evalList([element], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathExecError('can only compare one element at a time');
        if (compare(lefts[0], node.operator, rights[0])) results.push(element);
      }
    }
    return results;
  }
}

function children(value: GoValue): GoValue[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [...new TextEncoder().encode(value)].map((byte) => new GoByte(byte));
  if (isMap(value)) return sortedKeys(value).map((key) => value[key]);
  return [];
}

/** `..`: every container under the input, depth first, the container before its contents. */
function evalRecursive(input: GoValue[]): GoValue[] {
  const result: GoValue[] = [];
  for (const value of input) {
    if (value === null || value === invalid) continue;
    const inner = children(value);
    if (inner.length > 0) {
      result.push(value);
      result.push(...evalRecursive(inner));
    }
  }
  return result;
}

function evalArray(input: GoValue[], template: [SliceParam, SliceParam, SliceParam]): GoValue[] {
  const result: GoValue[] = [];
  for (const value of input) {
    if (value === null || value === invalid) continue;
    if (!Array.isArray(value)) throw new JsonPathExecError(`${goTypeName(value)} is not array or slice`);
    // client-go changes a copy of the params per value; the copy keeps earlier values' changes only
    // through the struct it copied, so a fresh copy per value is the same.
    const params = template.map((param) => ({ ...param }));
    const length = value.length;
    if (!params[0].known) params[0].value = 0;
    if (params[0].value < 0) params[0].value += length;
    if (!params[1].known) params[1].value = length;
    if (params[1].value < 0 || (params[1].value === 0 && params[1].derived)) params[1].value += length;
    if (params[1].value === params[0].value) return result;
    if (params[0].value >= length || params[0].value < 0) {
      throw new JsonPathExecError(`array index out of bounds: index ${params[0].value}, length ${length}`);
    }
    if (params[1].value > length || params[1].value < 0) {
      throw new JsonPathExecError(`array index out of bounds: index ${params[1].value - 1}, length ${length}`);
    }
    if (params[0].value > params[1].value) {
      throw new JsonPathExecError(`starting index ${params[0].value} is greater than ending index ${params[1].value}`);
    }
    const slice = value.slice(params[0].value, params[1].value);
    let step = 1;
    if (params[2].known) {
      if (params[2].value <= 0) throw new JsonPathExecError('step must be > 0');
      step = params[2].value;
    }
    for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
  }
  return result;
}

type Kind = 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(value: GoValue): Kind {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (value instanceof GoFloat) return 'float';
  if (value instanceof GoByte) return 'uint';
  throw new JsonPathExecError('invalid type for comparison');
}

function numeric(value: GoValue): number {
  return value instanceof GoFloat || value instanceof GoByte ? value.value : (value as number);
}

/** text/template's eq/lt: same basic kinds only (int and uint mix), else "incompatible types". */
function compare(left: GoValue, operator: string, right: GoValue): boolean {
  const k1 = basicKind(left);
  const k2 = basicKind(right);
  const mixedIntegers = (k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int');
  const equal = (): boolean => {
    if (k1 !== k2 && !mixedIntegers) throw new JsonPathExecError('incompatible types for comparison');
    return k1 === 'string' || k1 === 'bool' ? left === right : numeric(left) === numeric(right);
  };
  const less = (): boolean => {
    if (k1 !== k2 && !mixedIntegers) throw new JsonPathExecError('incompatible types for comparison');
    if (k1 === 'bool') throw new JsonPathExecError('invalid type for comparison');
    return k1 === 'string' ? (left as string) < (right as string) : numeric(left) < numeric(right);
  };
  switch (operator) {
    case '==':
      return equal();
    case '!=':
      return !equal();
    case '<':
      return less();
    case '<=':
      return less() || equal();
    case '>':
      return !(less() || equal());
    case '>=':
      return !less();
    default:
      throw new JsonPathExecError(`unrecognized filter operator ${operator}`);
  }
}
