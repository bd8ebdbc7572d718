/**
 * `kubectl apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME)`: print the
 * last-applied annotation of each object as YAML (the default) or JSON. Objects are fetched as the
 * Builder's Latest does and visited in order: the first failure ends the command before anything
 * is printed. An object without the annotation is an error only when it came from a file
 * (AddSourceToErr wraps a nil error, so without a source there is nothing to report).
 */
import { sortKeys } from '../../api/patch/merge-patch.ts';
import type { Json as JsonValue } from '../../api/types.ts';
import { stringifyYaml } from '../../yaml/index.ts';
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { applyViewLastAppliedHelp } from './help/apply-view-last-applied.ts';
import { specFromHelp } from './help/types.ts';
import { findTargetsOrNone, originalConfiguration } from './last-applied.ts';
import { throwErrors } from './targets.ts';

/**
 * Go's json.Indent with an empty prefix: whitespace between tokens dropped, each element on its
 * own line, `{}` and `[]` kept closed, `": "` after keys, and the text's trailing whitespace (the
 * annotation's newline) kept. Literals are copied as written, so numbers keep their spelling.
 */
export function goJsonIndent(source: string, indent = '  '): string {
  const start = source.search(/\S/);
  if (start < 0) throw KubectlError.client('unexpected end of JSON input');
  const end = source.search(/\s*$/);
  let out = '';
  let depth = 0;
  let needIndent = false;
  let inString = false;
  let escaped = false;
  const newline = (): string => `\n${indent.repeat(depth)}`;
  for (const c of source.slice(start, end)) {
    if (inString) {
      out += c;
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    if (needIndent && c !== '}' && c !== ']') {
      needIndent = false;
      depth++;
      out += newline();
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '{' || c === '[') {
      needIndent = true;
      out += c;
    } else if (c === ',') {
      out += `,${newline()}`;
    } else if (c === ':') {
      out += ': ';
    } else if (c === '}' || c === ']') {
      if (needIndent) {
        needIndent = false;
      } else {
        depth--;
        out += newline();
      }
      out += c;
    } else {
      out += c;
    }
  }
  return out + source.slice(end);
}

/** sigs.k8s.io/yaml's JSONToYAML: the JSON read as a value and written as YAML with sorted keys. */
export function jsonToYaml(source: string): string {
  return stringifyYaml(sortKeys(JSON.parse(source) as JsonValue));
}

/** The annotations of the objects named by the arguments, `-f`, `-l` or `--all`, in the Builder's order. */
export function lastAppliedConfigurations(context: CommandContext): string[] {
  const found = findTargetsOrNone(context, 'view-last-applied', context.args);
  throwErrors(found.errors);
  const configurations: string[] = [];
  for (const target of found.targets) {
    if (target.error) throw target.error;
    const configuration = originalConfiguration(target.object ?? {});
    if (configuration !== undefined) {
      configurations.push(configuration);
    } else if (target.source) {
      // The message already ends in a newline, and the wrapped error is nil.
      throw KubectlError.client(`error when no last-applied-configuration annotation found on resource: ${target.name}\n ${JSON.stringify(target.source)}: <nil>`);
    }
  }
  return configurations;
}

function runViewLastApplied(context: CommandContext): number {
  const configurations = lastAppliedConfigurations(context);
  const output = flagString(context.flags, 'output', 'yaml');
  for (const configuration of configurations) {
    if (output === 'json') {
      context.out.stdout.push(goJsonIndent(configuration));
    } else if (output === 'yaml') {
      context.out.stdout.push(jsonToYaml(configuration));
    } else {
      // A usage error, and only once there is something to print.
      throw new KubectlError(`error: Unexpected -o output mode: ${output}, the flag 'output' must be one of yaml|json\nSee 'kubectl apply view-last-applied -h' for help and examples`);
    }
  }
  return 0;
}

/** The `apply view-last-applied` subcommand. */
export const applyViewLastAppliedCommand: CommandSpec = specFromHelp('view-last-applied', applyViewLastAppliedHelp, runViewLastApplied);
