/**
 * cli-runtime's PrintFlags, as every writing verb (create, apply, replace, label, set, rollout …)
 * carries them: `-o json|yaml|name|go-template…|jsonpath…` and `--template`. Unlike `get`, they have
 * no table printer, so `-o wide` or `-o custom-columns=…` is the NoCompatiblePrinterError.
 */
import { parseOutputFormat, printFlagsFormats, type OutputFormat } from '../printers/generic.ts';
import type { CommandContext } from '../command.ts';
import { flagString } from '../flags.ts';

/** A format that prints the object itself (every PrintFlags format is one). */
export type ObjectFormat = Exclude<OutputFormat, { kind: 'human' }>;

/**
 * PrintFlags.ToPrinter for the command's `-o`/`--template`: the format, `undefined` when neither is
 * set (the name printer's `web created` line), or kubectl's error for a format outside PrintFlags.
 * Verbs whose Complete builds the printer (create, replace, scale, set, run, expose, annotate) call
 * it before any request; the others (label, patch, taint, apply, rollout) only when they print, so
 * there the write has happened when the error comes.
 */
export function printFlagsFormat(context: CommandContext): ObjectFormat | undefined {
  const output = flagString(context.flags, 'output');
  const template = flagString(context.flags, 'template');
  if (!output && !template) return undefined;
  const format = parseOutputFormat(output, printFlagsFormats, template);
  // Unreachable with printFlagsFormats (no `wide`); kept so the type says what callers get.
  return format.kind === 'human' ? undefined : format;
}
