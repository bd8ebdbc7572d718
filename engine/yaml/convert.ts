/**
 * Turns one parsed YAML document into the JSON value kubectl would send: go-yaml v2 decodes the
 * node tree into `interface{}` values (YAML 1.1 typing, `<<` merges, aliases expanded) and
 * sigs.k8s.io/yaml turns keys into strings and marshals JSON. Duplicate keys are recorded, not
 * fatal: go-yaml keeps the last value, the API server's strict decoding names the field.
 */
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node, Pair, Scalar } from 'yaml';
import { maxKeysPerMapping } from './limits.ts';
import { resolvePlain } from './resolve.ts';

/** A key that appears twice in one mapping. */
export interface DuplicateField {
  /** Dotted path as the API server prints it, e.g. `spec.replicas` or `spec.containers[0].name`. */
  path: string;
  /** The repeated key. */
  key: string;
  /** 1-based line of the second occurrence, relative to the document. */
  line: number;
}

/** Thrown for a document go-yaml or sigs.k8s.io/yaml would refuse after parsing. */
export class ConvertError extends Error {
  constructor(message: string, readonly line?: number) {
    super(message);
  }
}

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const tagPrefix = 'tag:yaml.org,2002:';

// go-yaml v2.2.8+ refuses "excessive aliasing": once past 1,000 decode steps and 100 alias
// expansions, alias-driven steps may be at most 99% of all steps (falling to 10% for huge files).
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

/** Converts a parsed document; `lineOf` maps a source offset to a 1-based line. */
export function convertDocument(
  doc: Document.Parsed,
  lineOf: (offset: number) => number,
): { value: unknown; duplicates: DuplicateField[] } {
  const duplicates: DuplicateField[] = [];
  let decodeCount = 0;
  let aliasCount = 0;
  let aliasDepth = 0;
  const expanding = new Set<Node>();

  function step(): void {
    decodeCount++;
    if (aliasDepth > 0) aliasCount++;
    if (aliasCount > 100 && decodeCount > 1000 && aliasCount / decodeCount > allowedAliasRatio(decodeCount)) {
      throw new ConvertError('yaml: document contains excessive aliasing');
    }
  }

  function scalar(node: Scalar): JsonValue {
    const raw = String(node.source ?? node.value ?? '');
    const tag = node.tag?.startsWith(tagPrefix) ? node.tag.slice(tagPrefix.length) : node.tag;
    if (tag === 'binary') {
      const clean = raw.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) {
        throw new ConvertError('yaml: !!binary value contains invalid base64 data');
      }
      return atob(clean);
    }
    const plain = node.type === 'PLAIN' || node.type === undefined;
    if (tag === 'str' || (!plain && !tag) || (tag && !['bool', 'int', 'float', 'null', 'timestamp'].includes(tag))) {
      return raw;
    }
    const resolved = resolvePlain(raw);
    if (tag && tag !== resolved.tag && !(tag === 'float' && resolved.tag === 'int')) {
      throw new ConvertError(`yaml: cannot decode !!${resolved.tag} \`${raw}\` as a !!${tag}`);
    }
    if (typeof resolved.value === 'number' && !Number.isFinite(resolved.value)) {
      const shown = Number.isNaN(resolved.value) ? 'NaN' : resolved.value > 0 ? '+Inf' : '-Inf';
      throw new ConvertError(`json: unsupported value: ${shown}`);
    }
    return resolved.value;
  }

  function keyString(node: unknown, valueNode: unknown, path: string): string {
    step();
    const target = isAlias(node) ? node.resolve(doc) : node;
    if (!isScalar(target)) {
      throw new ConvertError(`yaml: line ${lineOf(rangeStart(node))}: invalid map key at ${path || '<root>'}`);
    }
    const raw = String(target.source ?? target.value ?? '');
    const plain = target.type === 'PLAIN' && !target.tag;
    if (!plain) return raw;
    const resolved = resolvePlain(raw);
    switch (resolved.tag) {
      case 'null':
        throw new ConvertError(`unsupported map key of type: %!s(<nil>), key: <nil>, value: ${describe(valueNode)}`);
      case 'float': {
        const f = resolved.value as number;
        if (Number.isNaN(f)) return '.nan';
        if (!Number.isFinite(f)) return f > 0 ? '.inf' : '-.inf';
        return formatFloat32(f);
      }
      case 'timestamp':
        return raw;
      default:
        return String(resolved.value);
    }
  }

  function mapping(items: Pair[], path: string, out: Record<string, JsonValue>, seen: Set<string>): void {
    if (items.length > maxKeysPerMapping) {
      throw new ConvertError(`yaml: mapping at ${path || '<root>'} has more than ${maxKeysPerMapping} keys`);
    }
    for (const pair of items) {
      const keyNode = pair.key;
      if (isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.source === '<<' && !keyNode.tag) {
        merge(pair.value, path, out);
        continue;
      }
      const key = keyString(keyNode, pair.value, path);
      const childPath = path ? `${path}.${key}` : key;
      if (seen.has(key)) duplicates.push({ path: childPath, key, line: lineOf(rangeStart(keyNode)) });
      seen.add(key);
      // Assign through defineProperty so a `__proto__` key stays an ordinary field.
      Object.defineProperty(out, key, { value: convert(pair.value, childPath), enumerable: true, writable: true, configurable: true });
    }
  }

  function merge(value: unknown, path: string, out: Record<string, JsonValue>): void {
    const wantMap = (): never => {
      throw new ConvertError('yaml: map merge requires map or sequence of maps as the value');
    };
    const target = isAlias(value) ? value.resolve(doc) : value;
    if (isMap(target)) {
      mergeOne(value);
    } else if (isSeq(target) && !isAlias(value)) {
      // Earlier maps win, so go-yaml applies them last.
      for (let i = target.items.length - 1; i >= 0; i--) {
        const item = target.items[i];
        const resolved = isAlias(item) ? item.resolve(doc) : item;
        if (!isMap(resolved)) wantMap();
        mergeOne(item);
      }
    } else {
      wantMap();
    }
    function mergeOne(node: unknown): void {
      const merged = convert(node, path);
      if (merged && typeof merged === 'object' && !Array.isArray(merged)) {
        for (const [k, v] of Object.entries(merged)) {
          Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
        }
      } else {
        wantMap();
      }
    }
  }

  function convert(node: unknown, path: string): JsonValue {
    step();
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (!target) throw new ConvertError(`yaml: unknown anchor '${node.source}' referenced`);
      if (expanding.has(target)) throw new ConvertError(`yaml: anchor '${node.source}' value contains itself`);
      expanding.add(target);
      aliasDepth++;
      try {
        return convert(target, path);
      } finally {
        aliasDepth--;
        expanding.delete(target);
      }
    }
    if (isScalar(node)) return scalar(node);
    if (isMap(node)) {
      const out: Record<string, JsonValue> = {};
      mapping(node.items as Pair[], path, out, new Set());
      return out;
    }
    if (isSeq(node)) return node.items.map((item, i) => convert(item, `${path}[${i}]`));
    if (isPair(node)) throw new ConvertError('yaml: unexpected pair');
    return null;
  }

  const value = convert(doc.contents, '');
  return { value, duplicates };
}

function rangeStart(node: unknown): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : 0;
}

function describe(node: unknown): string {
  return isScalar(node) ? String(node.source ?? node.value) : '...';
}

/** Go's strconv.FormatFloat(f, 'g', -1, 32), which sigs.k8s.io/yaml uses for float keys. */
export function formatFloat32(f: number): string {
  const single = Math.fround(f);
  // Shortest digits that round-trip through float32.
  let digits = 1;
  while (digits < 17 && Math.fround(Number(single.toPrecision(digits))) !== single) digits++;
  return formatGoG(Number(single.toPrecision(digits)));
}

/** Go's strconv.FormatFloat(f, 'g', -1, 64): shortest digits, exponent form below 1e-4 and from 1e6 up. */
export function formatGoG(f: number): string {
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, exponentText] = f.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    const abs = Math.abs(exponent);
    return `${mantissa}e${sign}${abs < 10 ? '0' : ''}${abs}`;
  }
  return String(f);
}
