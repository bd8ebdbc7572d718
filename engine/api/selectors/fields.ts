/**
 * Field selectors (`?fieldSelector=status.phase=Running,spec.nodeName!=node-1`) as the API server
 * handles them: `fields.ParseSelector` (terms joined by `,`, operators `=`, `==`, `!=`, `\` escapes
 * in values), then each kind's field-label conversion, which decides which fields may be asked
 * for and words the 400 error, then matching against the object's selectable fields.
 */
import type { Result } from './labels.ts';
import { compareStrings } from './labels.ts';

/** One `field=value` or `field!=value` term. */
export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

/** An AND of field terms; empty selects everything. */
export interface FieldSelector {
  requirements: FieldRequirement[];
}

/** What the conversion and the selectable fields depend on. `custom` kinds come from a CRD. */
export interface FieldResource {
  group: string;
  kind: string;
  namespaced: boolean;
  custom?: boolean;
  /** A CRD version's `selectableFields[].jsonPath` values, e.g. `.spec.color`. */
  selectableFields?: string[];
}

/** Splits on commas that are not escaped by a backslash (the backslash stays in the term). */
function splitTerms(input: string): string[] {
  if (input === '') return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < input.length; i++) {
    if (escaped) escaped = false;
    else if (input[i] === '\\') escaped = true;
    else if (input[i] === ',') {
      terms.push(input.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(input.slice(start));
  return terms;
}

/** The first operator in the term wins; `!=` and `==` are tried before `=` at each position. */
function splitTerm(term: string): [string, string, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const operator of ['!=', '==', '=']) {
      if (term.startsWith(operator, i)) return [term.slice(0, i), operator, term.slice(i + operator.length)];
    }
  }
  return undefined;
}

/** `fields.UnescapeValue`: `\\`, `\,` and `\=` are escapes; a bare `,` or `=` is an error. */
function unescapeValue(value: string): Result<string> {
  let out = '';
  let escaped = false;
  for (const ch of value) {
    if (escaped) {
      if (ch !== '\\' && ch !== ',' && ch !== '=') {
        return { ok: false, message: `invalid field selector: invalid escape sequence: \\${ch}` };
      }
      out += ch;
      escaped = false;
    } else if (ch === '\\') {
      escaped = true;
    } else if (ch === ',' || ch === '=') {
      // Go prints the rune with %v, i.e. as its number: 61 for '='.
      return { ok: false, message: `invalid field selector: unescaped character in value: ${ch.codePointAt(0)}` };
    } else {
      out += ch;
    }
  }
  if (escaped) return { ok: false, message: 'invalid field selector: invalid escape sequence: \\' };
  return { ok: true, value: out };
}

/** `fields.ParseSelector`: terms sorted as strings, or `invalid selector: 'x'; can't understand 'x'`. */
export function parseFieldSelector(input: string): Result<FieldSelector> {
  const requirements: FieldRequirement[] = [];
  for (const part of splitTerms(input).sort(compareStrings)) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) return { ok: false, message: `invalid selector: '${input}'; can't understand '${part}'` };
    const [field, operator, raw] = split;
    const value = unescapeValue(raw);
    if (!value.ok) return value;
    requirements.push({ field, operator: operator === '!=' ? '!=' : '=', value: value.value });
  }
  return { ok: true, value: { requirements } };
}

/** `fields.EscapeValue`. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (ch) => `\\${ch}`);
}

/** `Selector.String()`: `status.phase=Running,spec.nodeName!=node-1` (`==` prints as `=`). */
export function fieldSelectorString(selector: FieldSelector): string {
  return selector.requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(',');
}

type Conversion = (label: string) => Result<string>;

const notSupported = (label: string): Result<string> => ({ ok: false, message: `field label not supported: ${label}` });

/** A conversion that accepts exactly these labels and rejects others with `field label not supported: x`. */
function allow(...labels: string[]): Conversion {
  return (label) => (labels.includes(label) ? { ok: true, value: label } : notSupported(label));
}

/** events.k8s.io/v1 names map onto the core/v1 Event's selectable fields. */
const eventsV1Mapping: Record<string, string> = {
  reason: 'reason', type: 'type', source: 'source', reportingController: 'reportingComponent',
  'metadata.namespace': 'metadata.namespace', 'metadata.name': 'metadata.name',
  ...Object.fromEntries(['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath']
    .map((f) => [`regarding.${f}`, `involvedObject.${f}`])),
};

/** The field-label conversion functions registered per kind (k8s.io/kubernetes pkg/apis/…/conversion.go). */
const conversions: Record<string, Conversion> = {
  '/Pod': (label) => (label === 'spec.host' ? { ok: true, value: 'spec.nodeName' } : allow(
    'metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName',
    'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs',
    'status.nominatedNodeName',
  )(label)),
  '/Node': allow('metadata.name', 'spec.unschedulable'),
  '/ReplicationController': allow('metadata.name', 'metadata.namespace', 'status.replicas'),
  '/Event': allow(
    'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid',
    'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason',
    'reportingComponent', 'source', 'type', 'metadata.namespace', 'metadata.name',
  ),
  '/Namespace': allow('status.phase', 'metadata.name'),
  '/Secret': allow('type', 'metadata.namespace', 'metadata.name'),
  '/Service': allow('metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'),
  'batch/Job': (label) => (['metadata.name', 'metadata.namespace', 'status.successful'].includes(label)
    ? { ok: true, value: label }
    : { ok: false, message: `field label "${label}" not supported for batchv1.Job` }),
  'events.k8s.io/Event': (label) => (Object.hasOwn(eventsV1Mapping, label) ? { ok: true, value: eventsV1Mapping[label] } : notSupported(label)),
};

/**
 * `runtime.DefaultMetaV1FieldSelectorConversion`, used by every built-in kind without its own
 * function — including apps/v1 ReplicaSets, whose `status.replicas` is therefore refused.
 */
function defaultConversion(label: string): Result<string> {
  if (label === 'metadata.name' || label === 'metadata.namespace') return { ok: true, value: label };
  return { ok: false, message: `"${label}" is not a known field selector: only "metadata.name", "metadata.namespace"` };
}

/** The conversion of a custom resource: metadata.name, metadata.namespace when namespaced, and the CRD's selectable fields. */
function customConversion(resource: FieldResource): Conversion {
  const selectable = (resource.selectableFields ?? []).map((path) => path.replace(/^\./, ''));
  return (label) => {
    if (label === 'metadata.name' || (resource.namespaced && label === 'metadata.namespace') || selectable.includes(label)) {
      return { ok: true, value: label };
    }
    return notSupported(label);
  };
}

/**
 * The API server's check and renaming of each field (`spec.host` → `spec.nodeName`,
 * `regarding.name` → `involvedObject.name`); the message is the 400 BadRequest's.
 */
export function convertFieldSelector(resource: FieldResource, selector: FieldSelector): Result<FieldSelector> {
  const convert = resource.custom ? customConversion(resource) : conversions[`${resource.group}/${resource.kind}`] ?? defaultConversion;
  const requirements: FieldRequirement[] = [];
  for (const requirement of selector.requirements) {
    const converted = convert(requirement.field);
    if (!converted.ok) return converted;
    requirements.push({ ...requirement, field: converted.value });
  }
  return { ok: true, value: { requirements } };
}

/** `parseFieldSelector` then `convertFieldSelector`: what the list and watch handlers do with `?fieldSelector=`. */
export function parseFieldSelectorFor(resource: FieldResource, input: string): Result<FieldSelector> {
  const parsed = parseFieldSelector(input);
  return parsed.ok ? convertFieldSelector(resource, parsed.value) : parsed;
}

/** Whether every term holds; a field the object lacks has the value "". */
export function matchFields(selector: FieldSelector, fields: Readonly<Record<string, string>>): boolean {
  return selector.requirements.every((r) => ((Object.hasOwn(fields, r.field) ? fields[r.field] : '') === r.value) === (r.operator === '='));
}

export { fieldsOf } from './selectable-fields.ts';
