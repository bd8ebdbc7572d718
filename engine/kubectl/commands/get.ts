/**
 * `kubectl get`: lists or gets resources through the API as kubectl does (`limit=500`, the Table
 * Accept header for human output) and prints them with kubectl's printers. Flags and help text
 * are in get-help.ts.
 */
import type { ApiResponse } from '../../api/types.ts';
import { KubectlError, kubectlUserAgent, responseError, tableAccept } from '../client/api-client.ts';
import { collectionPath, multipleTypesRequested, resourceRequests, type ResourceRequest } from '../client/builder.ts';
import { discoverResources } from '../client/discovery.ts';
import { RestMapper, kindPrefix } from '../client/rest-mapper.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagInt, flagList, flagString } from '../flags.ts';
import { parseOutputFormat, printGeneric, shownByPrinter, type OutputFormat } from '../printers/generic.ts';
import { PartialOutputError } from '../printers/go-template.ts';
import { TablePrinter, type ServerTable } from '../printers/human-table.ts';
import { sortByField } from '../printers/sort.ts';
import { formatTabs } from '../printers/tabwriter.ts';
import { getExamples, getFlags, getLong, getUsage } from './get-help.ts';
import { runGetWatch } from './get-watch.ts';

type Json = Record<string, unknown>;

interface Fetched {
  request: ResourceRequest;
  body: Json;
}

const noResourceMessage = 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n'
  + 'error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n'
  + "See 'kubectl get -h' for help and examples";

/**
 * A list's BadRequest or NotFound as the resource Selector rewords it, naming the resource and
 * selectors (`Unable to find "/v1, Resource=pods" that match label selector "…", field selector "…": …`).
 */
function listFailure(request: ResourceRequest, query: Record<string, string>, response: ApiResponse): ApiResponse {
  const body = response.body as Json | undefined;
  if (request.name !== undefined || (response.status !== 400 && response.status !== 404) || typeof body?.message !== 'string') return response;
  const { group, version, resource } = request.mapping;
  const gvr = JSON.stringify(`${group}/${version}, Resource=${resource}`);
  const label = query.labelSelector ?? '';
  const field = query.fieldSelector ?? '';
  const message = !label && !field
    ? `Unable to list ${gvr}: ${body.message}`
    : `Unable to find ${gvr} that match label selector ${JSON.stringify(label)}, field selector ${JSON.stringify(field)}: ${body.message}`;
  return { ...response, body: { ...body, message } };
}

/** Fetch every request, collecting errors as the Builder's ContinueOnError does. */
function fetchAll(context: CommandContext, requests: ResourceRequest[], human: boolean): { fetched: Fetched[]; errors: KubectlError[] } {
  const { flags } = context;
  const allNamespaces = flagBool(flags, 'all-namespaces');
  const sorting = flagString(flags, 'sort-by') !== '';
  const chunkSize = sorting ? 0 : flagInt(flags, 'chunk-size', 500);
  const fetched: Fetched[] = [];
  const errors: KubectlError[] = [];
  for (const request of requests) {
    const namespace = allNamespaces && request.name === undefined ? undefined : context.namespace;
    let path = collectionPath(request.mapping, namespace);
    const query: Record<string, string> = {};
    if (request.name !== undefined) {
      path += `/${encodeURIComponent(request.name)}`;
    } else {
      if (flagString(flags, 'selector')) query.labelSelector = flagString(flags, 'selector');
      if (flagString(flags, 'field-selector')) query.fieldSelector = flagString(flags, 'field-selector');
      if (chunkSize > 0) query.limit = String(chunkSize);
    }
    if (human && sorting) query.includeObject = 'Object';
    const response: ApiResponse = context.api.handle({
      method: 'GET', path, query, headers: { accept: human ? tableAccept : 'application/json', 'user-agent': kubectlUserAgent },
    });
    if (response.status >= 300) {
      const error = responseError(listFailure(request, query, response));
      if (!(flagBool(flags, 'ignore-not-found') && error.notFound)) errors.push(error);
      continue;
    }
    fetched.push({ request, body: response.body as Json });
  }
  return { fetched, errors };
}

function printHuman(context: CommandContext, args: string[], fetched: Fetched[], wide: boolean): boolean {
  const { flags, out } = context;
  const allNamespaces = flagBool(flags, 'all-namespaces');
  const noHeaders = flagBool(flags, 'no-headers');
  const sortBy = flagString(flags, 'sort-by');
  const printWithKind = flagBool(flags, 'show-kind') || multipleTypesRequested(args)
    || fetched.some((f) => f.request.mapping.kind !== fetched[0].request.mapping.kind || f.request.mapping.group !== fetched[0].request.mapping.group);
  let written = '';
  let separatorReady = false;
  const emit = (text: string): void => {
    if (text && separatorReady) {
      written += '\n';
      separatorReady = false;
    }
    written += text;
  };
  let group = '';
  let printer: TablePrinter | undefined;
  let last: ResourceRequest['mapping'] | undefined;
  let allNamespaced = !allNamespaces;
  // kubectl's RuntimeSorter: one response is left as it is; several (unstructured Tables, one per
  // resource or name) go through SortObjects, whose errors end the command.
  const ordered = sortBy && fetched.length > 1 ? sortByField(fetched, sortBy, (f) => f.body, true) : fetched;
  for (const { request, body } of ordered) {
    const mapping = request.mapping;
    allNamespaced = allNamespaced && mapping.namespaced;
    if (!printer || !last || mapping.resource !== last.resource || mapping.group !== last.group) {
      emit(formatTabs(group));
      group = '';
      if (last && !noHeaders && written.length > 0) separatorReady = true;
      printer = new TablePrinter({
        wide,
        noHeaders,
        withNamespace: allNamespaces && mapping.namespaced,
        kindPrefix: printWithKind ? kindPrefix(mapping) : undefined,
        labelColumns: flagList(flags, 'label-columns'),
        showLabels: flagBool(flags, 'show-labels'),
      });
      last = mapping;
    }
    const table = body as unknown as ServerTable;
    if (sortBy && table.rows && table.rows.length > 1) {
      // kubectl's SortingPrinter sorts tables of two rows or more; get ignores the printer's error,
      // so a field that cannot be parsed or found prints nothing (then "No resources found").
      try {
        table.rows = sortByField(table.rows, sortBy, (row) => row.object);
      } catch {
        continue;
      }
    }
    group += printer.print(table);
  }
  emit(formatTabs(group));
  out.stdout.push(written);
  return written.length > 0 || !allNamespaced;
}

/** Items of a list response, with the apiVersion and kind the server leaves out of each item. */
function listItems(body: Json): Json[] {
  const items = Array.isArray(body.items) ? (body.items as Json[]) : [];
  const kind = String(body.kind ?? '').replace(/List$/, '');
  return items.map((item) => ({ apiVersion: body.apiVersion, kind, ...item }));
}

function printObjects(context: CommandContext, requests: ResourceRequest[], fetched: Fetched[], errors: KubectlError[], format: Exclude<OutputFormat, { kind: 'human' }>): void {
  const { flags } = context;
  const singleItemImplied = requests.length === 1 && requests[0].name !== undefined;
  if (singleItemImplied && errors.length) return;
  let items = fetched.flatMap(({ request, body }) => (request.name !== undefined ? [body] : listItems(body)));
  if (!items.length && flagBool(flags, 'ignore-not-found')) return;
  const sortBy = flagString(flags, 'sort-by');
  if (sortBy && !singleItemImplied && items.length) items = sortByField(items, sortBy, (item) => item, true);
  let object: Json = singleItemImplied && items.length === 1 ? items[0] : { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
  object = shownByPrinter(format, object, flagBool(flags, 'show-managed-fields'));
  const allowMissingKeys = flagBool(flags, 'allow-missing-template-keys', true);
  try {
    context.out.stdout.push(printGeneric(format, object, { noHeaders: flagBool(flags, 'no-headers'), files: context.files, allowMissingKeys }));
  } catch (e) {
    // A Go template that fails midway has already written its output and kubectl's debugging help to stdout.
    if (e instanceof PartialOutputError) context.out.stdout.push(e.stdout);
    throw e;
  }
}

function runGet(context: CommandContext): number {
  const { flags, args, out } = context;
  const format = parseOutputFormat(flagString(flags, 'output'), undefined, flagString(flags, 'template'));
  if (flagList(flags, 'filename').length || flagString(flags, 'kustomize') || flagString(flags, 'raw')) {
    throw KubectlError.client('kubelab: get -f, -k and --raw are not supported in this lab yet');
  }
  if (!args.length) throw new KubectlError(noResourceMessage);
  // In a streaming session (the lab's terminal) -w keeps printing; a one-shot run prints the list.
  if (context.stream && (flagBool(flags, 'watch') || flagBool(flags, 'watch-only'))) return runGetWatch(context, context.stream);
  const mapper = new RestMapper(discoverResources(context.api).resources);
  const requests = resourceRequests(mapper, args);
  const named = requests.some((r) => r.name !== undefined);
  if (named && flagString(flags, 'selector')) throw KubectlError.client('name cannot be provided when a selector is specified');
  if (named && flagBool(flags, 'all-namespaces')) throw KubectlError.client('a resource cannot be retrieved by name across all namespaces');
  const human = format.kind === 'human';
  const { fetched, errors } = fetchAll(context, requests, human);
  if (format.kind === 'human') {
    const wroteOrNotNamespaced = printHuman(context, args, fetched, format.wide);
    const nothing = out.stdout.join('') === '';
    if (nothing && !flagBool(flags, 'ignore-not-found') && errors.length === 0) {
      out.stderr.push(wroteOrNotNamespaced ? 'No resources found\n' : `No resources found in ${context.namespace} namespace.\n`);
    }
  } else {
    printObjects(context, requests, fetched, errors, format);
  }
  if (!errors.length) return 0;
  throw new KubectlError(errors.map((e) => e.text).join('\n'));
}

/** The `get` command. */
export const getCommand: CommandSpec = {
  name: 'get',
  short: 'Display one or many resources',
  long: getLong,
  examples: getExamples,
  usage: getUsage,
  flags: getFlags,
  run: runGet,
};
