/**
 * The deprecated `--record` flag (cmdutil's RecordFlags): still accepted in kubectl 1.32 by apply,
 * create -f, edit, expose, patch, run, scale, set image|resources|selector|serviceaccount, label,
 * annotate and autoscale, with pflag's deprecation line. With `--record` the object gets the
 * `kubernetes.io/change-cause` annotation: the command line as typed, flags moved to the end in
 * long form (`kubectl set image deploy/web nginx=nginx:1.25 --record=true`), which
 * `kubectl rollout history` shows as CHANGE-CAUSE. The emulator records it for the set verbs,
 * scale, patch, label, annotate, run, expose, autoscale, apply, create -f and edit.
 */
import type { ApiResponse } from '../../api/types.ts';
import { globalFlags, type CommandContext, type CommandSpec } from '../command.ts';
import { flagBool, type FlagSpec } from '../flags.ts';
import { send, type Json } from './write-support.ts';

/** The annotation `--record` writes. */
export const changeCauseAnnotation = 'kubernetes.io/change-cause';

const recordFlag: FlagSpec = {
  name: 'record', type: 'bool', hidden: true, deprecated: '--record will be removed in the future',
  usage: 'Record current kubectl command in the resource annotation. If set to false, do not record the command. If set to true, record the command. If not set, default to updating the existing annotation value only if one already exists.',
};

/** `spec` with the hidden, deprecated `--record` flag added (its subcommands keep their own flags). */
export function withRecordFlag(spec: CommandSpec): CommandSpec {
  return { ...spec, flags: [...spec.flags, recordFlag] };
}

/**
 * parseCommandArguments: `kubectl`, the words that are not flags, then every flag in the order
 * given as ` --NAME=VALUE` (shorthands by their long name, a bare bool as `=true`).
 */
export function changeCause(argv: string[], specs: FlagSpec[]): string {
  const all = [...specs, ...globalFlags];
  const words: string[] = [];
  let flags = '';
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      words.push(token);
      continue;
    }
    const long = token.startsWith('--');
    const body = token.slice(long ? 2 : 1);
    const eq = body.indexOf('=');
    const key = eq < 0 ? body : body.slice(0, eq);
    // A shorthand's value may follow it directly (`-ndev`).
    const spec = long ? all.find((f) => f.name === key) : all.find((f) => f.shorthand === body[0]);
    if (!spec) continue;
    let value: string;
    if (long && eq >= 0) value = body.slice(eq + 1);
    else if (!long && body.length > 1) value = body[1] === '=' ? body.slice(2) : body.slice(1);
    else if (spec.type === 'bool') value = 'true';
    else value = argv[++i] ?? '';
    flags += ` --${spec.name}=${value}`;
  }
  return ['kubectl', ...words].join(' ') + flags;
}

/** The change cause to record: set only with `--record` (kubectl 1.32 has no recorder otherwise). */
export function changeCauseToRecord(context: CommandContext): string | undefined {
  return flagBool(context.flags, 'record') && context.argv ? changeCause(context.argv, context.spec?.flags ?? []) : undefined;
}

/** With `--record`, set the change cause on `object` (a copy the caller is about to send). */
export function recordChangeCause(context: CommandContext, object: Json): void {
  const cause = changeCauseToRecord(context);
  if (cause === undefined) return;
  const metadata = (object.metadata ??= {}) as Json;
  metadata.annotations = { ...((metadata.annotations ?? {}) as Record<string, string>), [changeCauseAnnotation]: cause };
}

/**
 * With `--record`, the change cause sent as a merge patch of its own (scale and patch record after
 * their change, through the same REST helper); the server's answer, or undefined when nothing is recorded.
 */
export function patchChangeCause(context: CommandContext, path: string, query?: Record<string, string>): ApiResponse | undefined {
  const cause = changeCauseToRecord(context);
  if (cause === undefined) return undefined;
  return send(context, 'PATCH', path, { query, body: { metadata: { annotations: { [changeCauseAnnotation]: cause } } }, contentType: 'application/merge-patch+json' });
}
