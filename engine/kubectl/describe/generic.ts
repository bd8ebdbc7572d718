/**
 * The generic describer kubectl uses for kinds without their own (custom resources, Roles …): the
 * object's fields in sorted order with "smart" labels (`apiVersion` → `API Version`), then Events.
 */
import { goSprint } from '../jsonpath/values.ts';
import { describeEvents } from './events.ts';
import { obj, printAnnotations, printLabels, sortStrings, str, type Obj } from './format.ts';
import { PrefixWriter } from './writer.ts';

const skipped = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];

/** `genericDescriber.Describe`. */
export function describeGeneric(object: Obj, events: Obj[] | undefined, now: number): string {
  const metadata = obj(object.metadata);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Namespace:\t${str(metadata.namespace)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  printContent(w, 0, object, '');
  if (events) describeEvents(events, w, now);
  return w.text();
}

function printContent(w: PrefixWriter, level: number, content: Obj, prefix: string): void {
  for (const field of sortStrings(Object.keys(content))) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (skipped.includes(path)) continue;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printContent(w, level + 1, value as Obj, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (typeof child === 'object' && child !== null && !Array.isArray(child)) printContent(w, level + 1, child as Obj, path);
        else w.write(level + 1, `${goSprint(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goSprint(value)}\n`);
    }
  }
}

const acronyms = ['API', 'URL', 'UID', 'OSB', 'GUID'];

/** `smartLabelFor`: split camelCase into title-cased words, keeping common acronyms upper-case. */
export function smartLabelFor(field: string): string {
  if ([...field].some((c) => !/\p{L}/u.test(c) && c !== '-')) return field;
  return camelcaseSplit(field)
    .filter((part) => part !== '_')
    .map((part) => (acronyms.includes(part.toUpperCase()) ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1)))
    .join(' ');
}

/** fatih/camelcase.Split: runs of lower, upper, digit or other characters; `HTMLParser` → HTML, Parser. */
function camelcaseSplit(text: string): string[] {
  const kind = (c: string): number => (/\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const c of text) {
    const k = kind(c);
    if (k === last && runs.length > 0) runs[runs.length - 1].push(c);
    else runs.push([c]);
    last = k;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (kind(runs[i][0]) === 2 && kind(runs[i + 1][0]) === 1) {
      runs[i + 1].unshift(runs[i].pop()!);
    }
  }
  return runs.filter((run) => run.length > 0).map((run) => run.join(''));
}
