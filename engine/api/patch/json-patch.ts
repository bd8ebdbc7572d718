/**
 * JSON patch (RFC 6902, `application/json-patch+json`) with the behaviour of evanphx/json-patch v4,
 * the library the API server uses — including its departures from the RFC that users can observe:
 * `replace` of a missing object key adds it, negative array indices count from the end, `copy`
 * from a missing key writes null, and the first path segment before the leading `/` is ignored.
 * `kubectl rollout undo` sends these (`replace` of /spec/template and /metadata/annotations).
 */
import type { Json } from '../types.ts';
import type { PatchFailure } from './patch-errors.ts';
import { badRequest, tooManyOperations, unprocessable } from './patch-errors.ts';
import type { JsonObject } from './merge-patch.ts';
import { isObject, jsonEqual } from './merge-patch.ts';

/** The patched document, or the failure the API server answers with. */
export type JsonPatchResult = { ok: true; value: Json } | PatchFailure;

type Container = JsonObject | Json[];

class OperationError extends Error {}

/** `~1` → `/`, `~0` → `~` (in that order, as RFC 6901 requires). */
function decodeKey(key: string): string {
  return key.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Go's strconv.Atoi, with its error text. */
function atoi(key: string): number {
  if (!/^[+-]?\d+$/.test(key)) throw new OperationError(`strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
  return Number(key);
}

function invalidIndex(index: number): OperationError {
  return new OperationError(`Unable to access invalid index: ${index}: invalid index referenced`);
}

/** Resolves an index for get/replace/remove: negative counts from the end; must be in range. */
function existingIndex(array: Json[], key: string): number {
  let index = atoi(key);
  if (index < 0) {
    if (index < -array.length) throw invalidIndex(index);
    index += array.length;
  }
  if (index >= array.length) throw invalidIndex(index);
  return index;
}

/** The container holding the last path segment, and that segment; undefined when the path does not resolve. */
function findObject(doc: Container, path: string): [Container, string] | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let current: Container = doc;
  for (const part of split.slice(1, -1)) {
    let next: Json | undefined;
    try {
      next = get(current, decodeKey(part));
    } catch {
      return undefined;
    }
    if (next === null || next === undefined || typeof next !== 'object') return undefined;
    current = next;
  }
  return [current, decodeKey(split[split.length - 1])];
}

function get(container: Container, key: string): Json | undefined {
  if (Array.isArray(container)) return container[existingIndex(container, key)];
  return Object.hasOwn(container, key) ? container[key] : undefined;
}

function add(container: Container, key: string, value: Json): void {
  if (!Array.isArray(container)) {
    container[key] = value;
    return;
  }
  if (key === '-') {
    container.push(value);
    return;
  }
  let index: number;
  try {
    index = atoi(key);
  } catch (error) {
    throw new OperationError(`value was not a proper array index: '${key}': ${(error as Error).message}`);
  }
  const size = container.length + 1;
  if (index >= size || index < -size) throw invalidIndex(index);
  if (index < 0) index += size;
  container.splice(index, 0, value);
}

function remove(container: Container, key: string): void {
  if (!Array.isArray(container)) {
    if (!Object.hasOwn(container, key)) throw new OperationError(`Unable to remove nonexistent key: ${key}: missing value`);
    delete container[key];
    return;
  }
  container.splice(existingIndex(container, key), 1);
}

function field(operation: JsonObject, name: 'path' | 'from', verb: string): string {
  const value = operation[name];
  if (typeof value !== 'string') {
    throw new OperationError(name === 'path' ? `${verb} operation failed to decode path: missing value` : `${verb} operation failed to decode from: operation, missing from field: missing value`);
  }
  return value;
}

function resolve(doc: Container, path: string, message: string): [Container, string] {
  const found = findObject(doc, path);
  if (!found) throw new OperationError(`${message}: missing value`);
  return found;
}

/** Applies one operation to `doc` in place and returns the (possibly replaced) document. */
function applyOperation(doc: Container, operation: JsonObject): Container {
  const op = typeof operation.op === 'string' ? operation.op : 'unknown';
  const value = (): Json => structuredClone(operation.value ?? null);
  switch (op) {
    case 'add': {
      const path = field(operation, 'path', 'add');
      const [container, key] = resolve(doc, path, `add operation does not apply: doc is missing path: "${path}"`);
      wrap(() => add(container, key, value()), `error in add for path: '${path}'`);
      return doc;
    }
    case 'remove': {
      const path = field(operation, 'path', 'remove');
      const [container, key] = resolve(doc, path, `remove operation does not apply: doc is missing path: "${path}"`);
      wrap(() => remove(container, key), `error in remove for path: '${path}'`);
      return doc;
    }
    case 'replace': {
      const path = field(operation, 'path', 'replace');
      if (path === '') {
        const replacement = value();
        if (typeof replacement !== 'object' || replacement === null) throw new OperationError('replace operation value must be object or array');
        return replacement;
      }
      const [container, key] = resolve(doc, path, `replace operation does not apply: doc is missing path: ${path}`);
      // For objects the lookup never fails, so a missing key is simply set.
      wrap(() => get(container, key), `replace operation does not apply: doc is missing key: ${path}`, true);
      if (Array.isArray(container)) container[existingIndex(container, key)] = value();
      else container[key] = value();
      return doc;
    }
    case 'move': {
      const from = field(operation, 'from', 'move');
      const [source, sourceKey] = resolve(doc, from, `move operation does not apply: doc is missing from path: ${from}`);
      const moved = wrap(() => get(source, sourceKey), `error in move for path: '${sourceKey}'`);
      wrap(() => remove(source, sourceKey), `error in move for path: '${sourceKey}'`);
      const path = field(operation, 'path', 'move');
      const [target, key] = resolve(doc, path, `move operation does not apply: doc is missing destination path: ${path}`);
      wrap(() => add(target, key, moved ?? null), `error in move for path: '${path}'`);
      return doc;
    }
    case 'copy': {
      const from = field(operation, 'from', 'copy');
      const [source, sourceKey] = resolve(doc, from, `copy operation does not apply: doc is missing from path: ${from}`);
      const copied = wrap(() => get(source, sourceKey), `error in copy for from: '${from}'`);
      const path = field(operation, 'path', 'copy');
      const [target, key] = resolve(doc, path, `copy operation does not apply: doc is missing destination path: ${path}`);
      wrap(() => add(target, key, structuredClone(copied ?? null)), 'error while adding value during copy');
      return doc;
    }
    case 'test': {
      const path = field(operation, 'path', 'test');
      const expected = operation.value ?? null;
      const failed = new OperationError(`testing value ${path} failed: test failed`);
      if (path === '') {
        if (!jsonEqual(doc, expected)) throw failed;
        return doc;
      }
      const [container, key] = resolve(doc, path, `test operation does not apply: is missing path: ${path}`);
      const actual = wrap(() => get(container, key), `error in test for path: '${path}'`) ?? null;
      if (!jsonEqual(actual, expected)) throw failed;
      return doc;
    }
    default:
      throw new OperationError(`Unexpected kind: ${op}`);
  }
}

/** Runs `fn`, prefixing the message of an operation error as pkg/errors.Wrapf does (or replacing it, with `replace`). */
function wrap<T>(fn: () => T, message: string, replace = false): T {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof OperationError)) throw error;
    throw new OperationError(replace ? `${message}: missing value` : `${message}: ${error.message}`);
  }
}

function goJsonType(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  return Array.isArray(value) ? 'array' : 'object';
}

/**
 * Applies a JSON patch to a document (not mutated). Decoding problems are 400s with Go's json
 * errors; an operation that fails is the generic 422 (see patch-errors.ts), with the v4 text in
 * `detail`, e.g. `Unable to remove nonexistent key: foo: missing value`.
 */
export function applyJsonPatch(doc: Json, patch: unknown): JsonPatchResult {
  if (patch === null || patch === undefined) return { ok: true, value: structuredClone(doc) };
  if (!Array.isArray(patch)) {
    return badRequest(`json: cannot unmarshal ${goJsonType(patch)} into Go value of type jsonpatch.Patch`);
  }
  for (const operation of patch) {
    if (operation !== null && !isObject(operation)) {
      return badRequest(`json: cannot unmarshal ${goJsonType(operation)} into Go value of type jsonpatch.Operation`);
    }
  }
  if (patch.length > 10000) return tooManyOperations(patch.length);
  if (typeof doc !== 'object' || doc === null) return unprocessable('invalid state detected');
  let current: Container = structuredClone(doc);
  try {
    for (const operation of patch as (JsonObject | null)[]) current = applyOperation(current, operation ?? {});
  } catch (error) {
    if (error instanceof OperationError) return unprocessable(error.message);
    throw error;
  }
  return { ok: true, value: current };
}
