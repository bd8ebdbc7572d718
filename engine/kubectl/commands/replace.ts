/**
 * `kubectl replace -f FILE`: a PUT per object (`--force` deletes and re-creates), printing
 * `replaced` (or the object, with `-o`), with `error when replacing "x.yaml": …` per failure.
 */
import { kindPrefix } from '../client/rest-mapper.ts';
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagList } from '../flags.ts';
import { fieldValidation } from './apply.ts';
import { replaceHelp } from './help/replace.ts';
import { specFromHelp } from './help/types.ts';
import { printCreated } from './create.ts';
import { buildLastAppliedFor } from './last-applied.ts';
import { printFlagsFormat } from './print-flags.ts';
import {
  dryRunOf, dryRunQuery, fieldManager, mappingForObject, nameOfObject, objectPath, readFileObjects, resolveNamespace, restMapper, send, serverError, throwErrors, type Json,
} from './write-support.ts';

function runReplace(context: CommandContext): number {
  const { flags, out } = context;
  // Complete (dry run, then the printer) comes before Validate's -f check.
  const dryRun = dryRunOf(context);
  printFlagsFormat(context);
  if (!flagList(flags, 'filename').length) throw KubectlError.client('must specify one of -f and -k');
  const mapper = restMapper(context);
  const errors: KubectlError[] = [];
  for (const item of readFileObjects(context, 'replace')) {
    try {
      const mapping = mappingForObject(mapper, item);
      const namespace = resolveNamespace(context, mapping, item.object);
      const name = nameOfObject(item.object);
      const body: Json = flagBool(flags, 'save-config') ? buildLastAppliedFor(item.object) : item.object;
      const query = { ...dryRunQuery(dryRun), fieldManager: fieldManager(context, 'kubectl-replace'), fieldValidation: fieldValidation(context) };
      if (dryRun !== 'client') {
        if (flagBool(flags, 'force')) {
          const deleted = send(context, 'DELETE', objectPath(mapping, namespace, name), { body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
          if (deleted.status >= 300 && deleted.status !== 404) throw serverError(deleted);
          // The delete half prints as `kubectl delete` does: `configmap "piped" deleted`.
          if (deleted.status < 300) out.stdout.push(`${kindPrefix(mapping)} "${name}" deleted\n`);
          const metadata = (body.metadata ?? {}) as Json;
          delete metadata.resourceVersion;
          const created = send(context, 'POST', objectPath(mapping, namespace), { query, body });
          if (created.status >= 300) throw serverError(created, { verb: 'creating', file: item.source });
          printCreated(context, mapping, created.body as Json, 'replaced');
          continue;
        }
        const response = send(context, 'PUT', objectPath(mapping, namespace, name), { query, body });
        if (response.status >= 300) throw serverError(response, { verb: 'replacing', file: item.source });
        // The builder is unstructured: `-o json` writes the server's answer with sorted keys.
        printCreated(context, mapping, response.body as Json, 'replaced');
        continue;
      }
      printCreated(context, mapping, body, 'replaced');
    } catch (error) {
      if (!(error instanceof KubectlError)) throw error;
      errors.push(error);
    }
  }
  throwErrors(errors);
  return 0;
}

/** The `replace` command. */
export const replaceCommand: CommandSpec = specFromHelp('replace', replaceHelp, runReplace);
