/**
 * kubectl's `-o jsonpath=…` (k8s.io/client-go/util/jsonpath through cli-runtime's JSONPathPrinter),
 * and the custom-columns helpers that share its parser. See README.md.
 */
import { Executor, JsonPathExecError } from './execute.ts';
import { JsonPathParseError, parseTemplate, type ListNode } from './parser.ts';
import { goJson, goQuote, goSharpV, goSprint, invalid, isMap, type GoValue } from './values.ts';

export { parseCustomColumns, parseCustomColumnsTemplate, relaxedJsonPathExpression, customColumnCells } from './custom-columns.ts';
export type { CustomColumn } from './custom-columns.ts';

/** Options of `-o jsonpath`: `--allow-missing-template-keys` (default true) and `-o jsonpath-as-json`. */
export interface JsonPathOptions {
  allowMissingKeys?: boolean;
  /** `-o jsonpath-as-json`: each action's results as an indented JSON array. */
  asJson?: boolean;
}

/**
 * The result of `-o jsonpath`. On failure `error` is kubectl's error message and `stderr` is exactly
 * what kubectl writes (`error: ` + message, ending in a newline); the exit code is 1.
 */
export type JsonPathResult = { ok: true; text: string } | { ok: false; error: string; stderr: string };

/**
 * Evaluate a kubectl JSONPath template over an object (or a `List`) as `kubectl get -o json` shows
 * it, and print the results as kubectl does: strings raw, several results joined by spaces, maps and
 * lists as compact JSON, missing keys as nothing unless `allowMissingKeys` is false.
 */
export function evaluateJsonPath(template: string, data: unknown, options: JsonPathOptions = {}): JsonPathResult {
  let root: ListNode;
  try {
    root = parseTemplate(template);
  } catch (error) {
    if (!(error instanceof JsonPathParseError)) throw error;
    return failure(`error parsing jsonpath ${template}, ${error.message}\n`);
  }
  try {
    const results = new Executor(root, options.allowMissingKeys ?? true).findResults(data as GoValue);
    return { ok: true, text: results.map((values) => printResults(values, options.asJson ?? false)).join('') };
  } catch (error) {
    if (!(error instanceof JsonPathExecError)) throw error;
    // cli-runtime wraps the error with the template and the whole object in Go's %#v.
    const detail = `Error executing template: ${error.message}. Printing more information for debugging the template:\n`
      + `\ttemplate was:\n\t\t${template}\n`
      + `\tobject given to jsonpath engine was:\n\t\t${goSharpV(data)}\n\n`;
    return failure(`error executing jsonpath ${goQuote(template)}: ${detail}\n`);
  }
}

function failure(error: string): JsonPathResult {
  return { ok: false, error, stderr: `error: ${error}${error.endsWith('\n') ? '' : '\n'}` };
}

/** `PrintResults`: one action's values, separated by single spaces. */
function printResults(values: GoValue[], asJson: boolean): string {
  if (asJson) return `${goJson(values.map((value) => (value === invalid ? null : value)), '    ')}\n`;
  return values.map(valueText).join(' ');
}

/** One value as the printer writes it: containers as JSON, the rest as fmt.Fprint does. */
export function valueText(value: GoValue): string {
  if (Array.isArray(value) || isMap(value)) return goJson(value);
  if (value === invalid) return '<no value>';
  if (value === null) return 'null';
  return goSprint(value);
}
