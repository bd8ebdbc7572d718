/**
 * `kubectl wait TYPE NAME --for=condition=Available | --for=condition=Ready=false | --for=delete |
 * --for=create | --for=jsonpath='{.status.phase}'=Running [--timeout=30s]`: for each object,
 * UntilWithSync until the condition holds, then `deployment.apps/web condition met`. A timeout is
 * `timed out waiting for the condition on deployments/web`; `--timeout=0` looks once.
 */
import type { WatchEvent } from '../../api/types.ts';
import { KubectlError } from '../client/api-client.ts';
import { kindPrefix } from '../client/rest-mapper.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { Executor } from '../jsonpath/execute.ts';
import { JsonPathParseError, parseTemplate } from '../jsonpath/parser.ts';
import { relaxedJsonPathExpression } from '../jsonpath/index.ts';
import { goSprint, isMap } from '../jsonpath/values.ts';
import { waitHelp } from './help/wait.ts';
import { specFromHelp } from './help/types.ts';
import { findTargets, type Target } from './targets.ts';
import { durationFlag, pollVirtual, untilWithSync, type Verdict } from './watch-support.ts';
import { objectPath, send, serverError, throwErrors, type Json } from './write-support.ts';

/** What `--for` asks: a condition check over an object, deletion, or creation. */
export type WaitFor =
  | { kind: 'delete' }
  | { kind: 'create' }
  | { kind: 'check'; check: (object: Json) => boolean };

/** A status condition (case-insensitive type and status), ignored while its observedGeneration is behind. */
function conditionCheck(name: string, wanted: string): (object: Json) => boolean {
  return (object) => {
    const generation = ((object.metadata ?? {}) as Json).generation;
    const status = (object.status ?? {}) as Json;
    for (const condition of (status.conditions ?? []) as Json[]) {
      if (typeof condition.type !== 'string' || condition.type.toLowerCase() !== name.toLowerCase()) continue;
      if (typeof condition.status !== 'string') continue;
      const observed = typeof condition.observedGeneration === 'number' ? condition.observedGeneration : status.observedGeneration;
      if (typeof generation === 'number' && typeof observed === 'number' && observed < generation) return false;
      return condition.status.toLowerCase() === wanted.toLowerCase();
    }
    return false;
  };
}

/** splitJSONPathInput: split on `=` but keep `==` (a filter's comparison) inside the expression. */
function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let element = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        element += '==';
        i++;
        continue;
      }
      out.push(element);
      element = '';
      continue;
    }
    element += input[i];
  }
  return [...out, element];
}

/** A JSONPath check: the expression must find exactly one value, equal (as %v, trimmed) to the wanted one if given. */
function jsonPathCheck(input: string): (object: Json) => boolean {
  const parts = splitJsonPathInput(input);
  if (parts.length > 2) throw KubectlError.client("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
  const relaxed = relaxedJsonPathExpression(parts[0]);
  if (!relaxed.ok) throw KubectlError.client(relaxed.error);
  const wanted = parts.length === 2 ? parts[1].replace(/^['"]+|['"]+$/g, '') : undefined;
  if (wanted === '') throw KubectlError.client("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
  if (relaxed.template === '') throw KubectlError.client('jsonpath expression cannot be empty');
  let root: ReturnType<typeof parseTemplate>;
  try {
    root = parseTemplate(relaxed.template);
  } catch (error) {
    if (error instanceof JsonPathParseError) throw KubectlError.client(error.message);
    throw error;
  }
  return (object) => {
    const results = new Executor(root, true).findResults(object);
    if (!results.length || !results[0].length) return false;
    if (results.length > 1) throw KubectlError.client('given jsonpath expression matches more than one list');
    if (results[0].length > 1) throw KubectlError.client('given jsonpath expression matches more than one value');
    if (wanted === undefined) return true;
    const value = results[0][0];
    if (Array.isArray(value) || isMap(value)) throw KubectlError.client('jsonpath leads to a nested object or list which is not supported');
    return goSprint(value).trim() === wanted.trim();
  };
}

/** conditionFuncFor: what a `--for` value asks, or kubectl's error for one it does not know. */
export function parseWaitFor(value: string): WaitFor {
  const lower = value.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (value.startsWith('condition=')) {
    const rest = value.slice('condition='.length);
    const eq = rest.indexOf('=');
    return { kind: 'check', check: eq < 0 ? conditionCheck(rest, 'true') : conditionCheck(rest.slice(0, eq), rest.slice(eq + 1)) };
  }
  if (value.startsWith('jsonpath=')) return { kind: 'check', check: jsonPathCheck(value.slice('jsonpath='.length)) };
  throw KubectlError.client(`unrecognized condition: ${JSON.stringify(value)}`);
}

/** info.ObjectName(): the plural resource without its group, `deployments/web`. */
const objectName = (target: Target): string => `${target.mapping.resource}/${target.name}`;
const timedOut = (target: Target): KubectlError => KubectlError.client(`timed out waiting for the condition on ${target.mapping.resource}/${target.name}`);

/** Wait for one object; true when the condition was met, else throws kubectl's error. */
function waitForOne(context: CommandContext, target: Target, waitFor: WaitFor, timeoutMs: number): void {
  const path = objectPath(target.mapping, target.namespace, target.name);
  if (waitFor.kind === 'delete') {
    const current = send(context, 'GET', path);
    if (current.status === 404) return;
    if (current.status >= 300) throw serverError(current);
    if (timeoutMs === 0) throw KubectlError.client(`condition not met for ${objectName(target)}`);
    let seen = false;
    const end = untilWithSync(context, target.mapping, target.namespace, target.name, timeoutMs, (event) => {
      seen ||= event.type === 'ADDED';
      return event.type === 'DELETED' ? 'stop' : 'continue';
    });
    if (end === 'stopped' || !seen) return;
    throw timedOut(target);
  }
  if (waitFor.kind === 'create') return;
  const { check } = waitFor;
  if (timeoutMs === 0) {
    const current = send(context, 'GET', path);
    if (current.status >= 300) throw serverError(current);
    if (!check(current.body as Json)) throw KubectlError.client(`condition not met for ${objectName(target)}`);
    return;
  }
  let listed = false;
  const end = untilWithSync(context, target.mapping, target.namespace, target.name, timeoutMs, (event: WatchEvent): Verdict => {
    if (event.type === 'ADDED') listed = true;
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return 'continue';
    return check(event.object as Json) ? 'stop' : 'continue';
  });
  if (!listed && end !== 'stopped') {
    const resource = target.mapping.group ? `${target.mapping.resource}.${target.mapping.group}` : target.mapping.resource;
    throw new KubectlError(`Error from server (NotFound): ${resource} "${target.name}" not found`, 404, 'NotFound');
  }
  if (end !== 'stopped') throw timedOut(target);
}

function runWait(context: CommandContext): number {
  let timeoutMs = durationFlag(context, 'wait', 'timeout', 30_000);
  if (timeoutMs < 0) timeoutMs = 168 * 3_600_000;
  const waitFor = parseWaitFor(flagString(context.flags, 'for'));
  if (waitFor.kind === 'create') {
    const end = pollVirtual(context, timeoutMs, () => (findTargets(context, 'wait', context.args, true).targets.some((t) => t.error?.notFound) ? 'continue' : 'stop'));
    if (end !== 'stopped') throw KubectlError.client('timed out waiting for the condition');
  }
  const found = findTargets(context, 'wait', context.args, true);
  const errors: KubectlError[] = [...found.errors];
  let visited = 0;
  for (const target of found.targets) {
    if (target.error) {
      if (!(waitFor.kind === 'delete' && target.error.notFound)) errors.push(target.error);
      continue;
    }
    visited++;
    try {
      waitForOne(context, target, waitFor, timeoutMs);
      context.out.stdout.push(`${kindPrefix(target.mapping)}/${target.name} condition met\n`);
    } catch (error) {
      if (!(error instanceof KubectlError)) throw error;
      errors.push(error);
    }
  }
  throwErrors(errors);
  if (!visited && waitFor.kind !== 'delete') throw KubectlError.client('no matching resources found');
  return 0;
}

/** The `wait` command. */
export const waitCommand: CommandSpec = specFromHelp('wait', waitHelp, runWait);
