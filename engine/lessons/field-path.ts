/**
 * Field paths of lesson checks: `spec.replicas`, `spec.template.spec.containers[0].image`,
 * `status.conditions[type=Available].status`, `metadata.annotations['deployment.kubernetes.io/revision']`.
 * A small closed grammar, parsed once at load time, so a lesson cannot smuggle in a regular expression.
 */
import { graderMessages, type GraderMessages } from './grader-messages.ts';
import type { FieldExpectation } from './types.ts';

/** One step of a path: a key, a list index, or the list element whose `key` field equals `value`. */
export type PathStep = { key: string } | { index: number } | { match: { key: string; value: string } };

/** Parse a path; throws an Error naming the problem. */
export function parseFieldPath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`invalid field path "${path}": ${why}`);
  };
  while (i < path.length) {
    if (path[i] === '.') {
      if (i === 0 || i === path.length - 1) fail('a dot at the start or the end');
      i++;
      continue;
    }
    if (path[i] === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) fail('an unclosed [');
      const inner = path.slice(i + 1, close);
      const quoted = /^'([^']*)'$/.exec(inner) ?? /^"([^"]*)"$/.exec(inner);
      if (quoted) steps.push({ key: quoted[1] });
      else if (/^\d+$/.test(inner)) steps.push({ index: Number(inner) });
      else {
        const eq = /^([A-Za-z0-9_-]+)=(.*)$/.exec(inner);
        if (!eq) fail(`"[${inner}]" is not an index, a 'quoted key' or key=value`);
        steps.push({ match: { key: eq![1], value: eq![2] } });
      }
      i = close + 1;
      continue;
    }
    const end = /[.[]/.exec(path.slice(i));
    const key = end ? path.slice(i, i + end.index) : path.slice(i);
    steps.push({ key });
    i += key.length;
  }
  if (!steps.length) fail('it is empty');
  return steps;
}

/** The value at a path, or undefined where any step is missing. */
export function readField(value: unknown, steps: PathStep[]): unknown {
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    if ('key' in step) current = (current as Record<string, unknown>)[step.key];
    else if ('index' in step) current = Array.isArray(current) ? current[step.index] : undefined;
    else {
      if (!Array.isArray(current)) return undefined;
      current = current.find((item) => item !== null && typeof item === 'object' && String((item as Record<string, unknown>)[step.match.key]) === step.match.value);
    }
  }
  return current;
}

const show = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * Whether `object` meets an expectation: undefined when it does, else why not
 * (`spec.replicas is 2, expected 3`) in the learner's language — field paths and values stay as the API writes them.
 */
export function unmet(object: unknown, expectation: FieldExpectation, messages: GraderMessages = graderMessages()): string | undefined {
  const value = readField(object, parseFieldPath(expectation.path));
  const path = expectation.path;
  if (expectation.exists === false) return value === undefined ? undefined : messages.fieldSetExpectedUnset(path, show(value));
  if (value === undefined) {
    const needsValue = expectation.exists || expectation.equals !== undefined || expectation.oneOf || expectation.atLeast !== undefined || expectation.atMost !== undefined || expectation.contains !== undefined;
    return needsValue ? messages.fieldNotSet(path) : undefined;
  }
  if (expectation.equals !== undefined && String(value) !== String(expectation.equals)) return messages.fieldIs(path, show(value), show(expectation.equals));
  if (expectation.oneOf && !expectation.oneOf.some((v) => String(v) === String(value))) return messages.fieldOneOf(path, show(value), expectation.oneOf.map(show));
  const number = Number(value);
  if (expectation.atLeast !== undefined && !(number >= expectation.atLeast)) return messages.fieldAtLeast(path, show(value), expectation.atLeast);
  if (expectation.atMost !== undefined && !(number <= expectation.atMost)) return messages.fieldAtMost(path, show(value), expectation.atMost);
  if (expectation.contains !== undefined && !show(value).includes(expectation.contains)) return messages.fieldMissingText(path, expectation.contains);
  return undefined;
}
