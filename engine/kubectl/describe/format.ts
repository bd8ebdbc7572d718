/**
 * Small formatting helpers of describe.go: label, annotation, taint and toleration blocks, RFC 1123
 * times, Go's `%v` of simple values, and typed reads of untyped objects.
 */
import type { PrefixWriter } from './writer.ts';

/** A JSON object read from the API. */
export type Obj = Record<string, unknown>;

/** `obj[key]` as an object ({} when absent), so nested reads stay short. */
export function obj(value: unknown): Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : {};
}

/** An array field ([] when absent). */
export function arr(value: unknown): Obj[] {
  return Array.isArray(value) ? (value as Obj[]) : [];
}

/** A string field ('' when absent, as Go's zero value). */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/** A number field (0 when absent). */
export function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

/** A string map field. */
export function strMap(value: unknown): Record<string, string> {
  return obj(value) as Record<string, string>;
}

/** Byte-order sort, as Go's sort.Strings. */
export function sortStrings(values: string[]): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * `time.Format(time.RFC1123Z)` in UTC: `Fri, 27 Nov 2026 11:59:55 +0000`. Real kubectl uses the local
 * zone of its process; the lab's is UTC. An unset time is Go's zero time.
 */
export function rfc1123z(timestamp: unknown): string {
  const ms = typeof timestamp === 'string' && timestamp !== '' ? Date.parse(timestamp) : NaN;
  if (Number.isNaN(ms)) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${two(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} `
    + `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** `printLabelsMultilineWithIndent`: the first `k=v` after the title, the rest under it. */
export function printLabels(w: PrefixWriter, title: string, labels: unknown, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const map = strMap(labels);
  const keys = sortStrings(Object.keys(map));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, initialIndent + innerIndent);
    w.write(0, `${key}=${map[key]}\n`);
  });
}

const maxAnnotationLength = 140;

/** `printAnnotationsMultiline`: sorted, last-applied-configuration skipped, long values folded. */
export function printAnnotations(w: PrefixWriter, title: string, annotations: unknown): void {
  w.write(0, `${title}:\t`);
  const map = strMap(annotations);
  const keys = sortStrings(Object.keys(map).filter((key) => key !== 'kubectl.kubernetes.io/last-applied-configuration'));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, indent);
    const value = map[key].endsWith('\n') ? map[key].slice(0, -1) : map[key];
    if (byteLength(value) + byteLength(key) + 2 > maxAnnotationLength || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const line of value.split('\n')) w.write(0, `${indent}  ${shorten(line, maxAnnotationLength - 2)}\n`);
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** `shorten`: cut to `max` bytes and add `...` (Go slices bytes). */
function shorten(text: string, max: number): string {
  const bytes = new TextEncoder().encode(text);
  return bytes.length > max ? `${new TextDecoder().decode(bytes.slice(0, max))}...` : text;
}

/** `printTolerationsMultilineWithIndent`. */
export function printTolerations(w: PrefixWriter, title: string, tolerations: unknown, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const list = [...arr(tolerations)].sort((a, b) => (str(a.key) < str(b.key) ? -1 : str(a.key) > str(b.key) ? 1 : 0));
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  list.forEach((toleration, i) => {
    if (i !== 0) w.write(0, initialIndent + innerIndent);
    const key = str(toleration.key);
    const value = str(toleration.value);
    const effect = str(toleration.effect);
    let text = key;
    if (value) text += `=${value}`;
    if (effect) text += `:${effect}`;
    if (toleration.operator === 'Exists' && !value) text += key || effect ? ' op=Exists' : 'op=Exists';
    if (typeof toleration.tolerationSeconds === 'number') text += ` for ${toleration.tolerationSeconds}s`;
    w.write(0, `${text}\n`);
  });
}

/** `printTaintsMultilineWithIndent`: sorted by effect then key, `key[=value]:Effect`. */
export function printTaints(w: PrefixWriter, title: string, taints: unknown): void {
  w.write(0, `${title}:\t`);
  const sortKey = (taint: Obj): string => `${str(taint.effect)},${str(taint.key)}`;
  const list = [...arr(taints)].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  list.forEach((taint, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${str(taint.key)}${taint.value ? `=${str(taint.value)}` : ''}:${str(taint.effect)}\n`);
  });
}

/** `printController`: `Kind/name` of the controller owner reference, or ''. */
export function controllerOf(metadata: Obj): string {
  const owner = arr(metadata.ownerReferences).find((ref) => ref.controller === true);
  return owner ? `${str(owner.kind)}/${str(owner.name)}` : '';
}

/** Go's `%v` of an IntOrString. */
export function intOrString(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** `%v` of a `*bool`: `<nil>`, `true` or `false`. */
export function boolPointer(value: unknown): string {
  return typeof value === 'boolean' ? String(value) : '<nil>';
}

/** `printBool`: `True` / `False`. */
export function printBool(value: unknown): string {
  return value === true ? 'True' : 'False';
}
