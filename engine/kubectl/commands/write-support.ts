/**
 * What the writing verbs share: requests with kubectl's headers, reading `-f` files as kubectl's
 * resource Builder does (files, directories, stdin), mapping objects to resources, namespaces,
 * `--dry-run` and the name printer's success lines.
 */
import { jsonStreamError, looksLikeJson } from './json-sniff.ts';
import type { ApiResponse } from '../../api/types.ts';
import { parseManifests } from '../../yaml/index.ts';
import { KubectlError, kubectlUserAgent, responseError } from '../client/api-client.ts';
import { collectionPath } from '../client/builder.ts';
import { discoverResources, type ApiResource } from '../client/discovery.ts';
import { RestMapper, kindPrefix } from '../client/rest-mapper.ts';
import type { CommandContext, Output } from '../command.ts';
import { flagList, flagString, noOptDefaults, parseGoBool } from '../flags.ts';
import { klogWarning } from './klog.ts';
import { objectMetaDecodeError } from './metadata-decode.ts';

/** An unvalidated JSON object (a manifest or an API answer). */
export type Json = Record<string, unknown>;

/** A request body's media type, as kubectl names it. */
export type ContentType = 'application/json' | 'application/strategic-merge-patch+json' | 'application/merge-patch+json'
  | 'application/json-patch+json' | 'application/apply-patch+yaml';

/** Send one request as kubectl does (its User-Agent, JSON in and out). */
export function send(context: CommandContext, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string,
  options: { query?: Record<string, string>; body?: unknown; contentType?: ContentType } = {}): ApiResponse {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': kubectlUserAgent };
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = context.api.handle({ method, path, query: options.query ?? {}, headers, ...(options.body !== undefined ? { body: options.body } : {}) });
  // client-go's warning handler writes each `Warning: 299` header to stderr.
  for (const warning of response.warnings ?? []) context.out.stderr.push(`Warning: ${warning}\n`);
  return response;
}

/** The decoded body of a successful response, or kubectl's error for a failed one. */
export function bodyOf(response: ApiResponse): Json {
  if (response.status >= 300) throw serverError(response);
  return response.body as Json;
}

/**
 * A server error that knows both ways kubectl prints it: alone, an Invalid error becomes
 * `The Service "web" is invalid: …` with one line per cause (cmdutil.CheckErr); inside an aggregate
 * it stays `Error from server (Invalid): …`.
 */
export class ServerError extends KubectlError {
  constructor(text: string, code: number, reason: string, readonly aggregateText: string) {
    super(text, code, reason);
  }
}

/** kubectl's error for a failed response; `source` adds AddSourceToErr's `error when creating "x.yaml": `. */
export function serverError(response: ApiResponse, source?: { verb: string; file: string }): KubectlError {
  const plain = responseError(response);
  const status = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as Json;
  const message = String(status.message ?? '');
  const reason = plain.reason ?? '';
  const prefix = reason ? `Error from server (${reason}): ` : 'Error from server: ';
  const aggregateText = source ? `${prefix}error when ${source.verb} "${source.file}": ${message}` : plain.text;
  const details = status.details as Json | undefined;
  if (reason !== 'Invalid' || !details) return new ServerError(aggregateText, response.status, reason, aggregateText);
  const head = details.kind || details.name ? `The ${String(details.kind ?? '')} "${String(details.name ?? '')}" is invalid` : 'The request is invalid';
  const causes: string[] = [];
  for (const cause of (details.causes ?? []) as Json[]) {
    const line = `${String(cause.field ?? '')}: ${String(cause.message ?? '')}`;
    if (!causes.includes(line)) causes.push(line);
  }
  const text = causes.length === 0 ? `${head}: ${message}` : causes.length === 1 ? `${head}: ${causes[0]}` : `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
  return new ServerError(text, response.status, reason, aggregateText);
}

/** Throw what was collected as kubectl prints it: one error as itself, several one per line as an aggregate. */
export function throwErrors(errors: KubectlError[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length) throw new KubectlError(errors.map((e) => (e instanceof ServerError ? e.aggregateText : e.text)).join('\n'));
}

/** The RESTMapper over the server's discovery documents. */
export function restMapper(context: CommandContext): RestMapper {
  return new RestMapper(discoverResources(context.api).resources);
}

/** The path of one object (or of its collection when `name` is empty). */
export function objectPath(mapping: ApiResource, namespace: string, name = ''): string {
  const base = collectionPath(mapping, mapping.namespaced && namespace ? namespace : undefined);
  return name ? `${base}/${encodeURIComponent(name)}` : base;
}

/** `deployment.apps/web created`: the name printer's line, with the dry-run suffix. */
export function nameLine(mapping: Pick<ApiResource, 'kind' | 'group'>, name: string, operation: string, dryRun: DryRun = 'none'): string {
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  return `${kindPrefix(mapping)}/${name} ${operation}${suffix}\n`;
}

/** The `--dry-run` strategy. */
export type DryRun = 'none' | 'client' | 'server';

/** The runs (by their output) that have printed the `--dry-run` deprecation warning. */
const dryRunWarned = new WeakSet<Output>();

/**
 * kubectl's GetDryRunStrategy, with its error text for a bad value. A bare `--dry-run` (pflag's
 * NoOptDefVal `unchanged`) and Go booleans still work, with klog's deprecation warning.
 */
export function dryRunOf(context: CommandContext): DryRun {
  const value = context.flags.values.get('dry-run');
  if (value === undefined) return 'none';
  const text = String(value);
  // kubectl reads the strategy once per command; the emulator asks again when it prints, so warn once per run.
  // The source lines of GetDryRunStrategy's three klog.Warning calls in kubectl 1.32's helpers.go.
  const warn = (line: number, message: string): void => {
    if (dryRunWarned.has(context.out)) return;
    dryRunWarned.add(context.out);
    context.out.stderr.push(klogWarning(context.session.now?.() ?? 0, `helpers.go:${line}`, message));
  };
  const bool = parseGoBool(text);
  if (bool !== undefined) {
    warn(bool ? 716 : 719, `--dry-run=${text} is deprecated (boolean value) and can be replaced with --dry-run=${bool ? 'client' : 'none'}.`);
    return bool ? 'client' : 'none';
  }
  switch (text) {
    case noOptDefaults['dry-run']: warn(702, '--dry-run is deprecated and can be replaced with --dry-run=client.'); return 'client';
    case 'none': return 'none';
    case 'client': case 'server': return text;
    default: throw KubectlError.client(`Invalid dry-run value (${text}). Must be "none", "server", or "client".`);
  }
}

/** `dryRun=All` for a server-side dry run. */
export function dryRunQuery(dryRun: DryRun): Record<string, string> {
  return dryRun === 'server' ? { dryRun: 'All' } : {};
}

/** One object read from a `-f` source. */
export interface FileObject {
  /** The source as kubectl names it in messages: the path, or `STDIN`. */
  source: string;
  object: Json;
}

/** The files `-f PATH` names: the file itself, or the .json/.yaml/.yml files of a directory in name order. */
function expandPath(context: CommandContext, path: string): string[] {
  if (path in context.files) return [path];
  const prefix = path.endsWith('/') ? path : `${path}/`;
  const inside = Object.keys(context.files).filter((name) => name.startsWith(prefix) && /\.(json|ya?ml)$/.test(name)).sort();
  if (!inside.length) throw KubectlError.client(`the path "${path}" does not exist`);
  return inside;
}

/** The verbs whose resource builder validates each document against the schema first. */
const schemaChecked = ['apply', 'create', 'replace'];

/** Whether `--validate` asks for client-side checks (anything but false/ignore). */
function validates(context: CommandContext): boolean {
  const value = context.flags.values.get('validate');
  return !(value === false || value === 'false' || value === 'ignore');
}

/** The schema validator's first check: a document needs apiVersion and kind (`error validating data: kind not set`). */
function checkTypeMeta(object: Json, source: string): void {
  const missing = [...(object.apiVersion ? [] : ['apiVersion not set']), ...(object.kind ? [] : ['kind not set'])];
  if (!missing.length) return;
  const detail = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
  throw KubectlError.client(`error validating "${source}": error validating data: ${detail}; if you choose to ignore these errors, turn validation off with --validate=false`);
}

/** Every object of the `-f` files (Lists flattened), in order; a file that cannot be read is kubectl's error. */
export function readFileObjects(context: CommandContext, verb: string): FileObject[] {
  const names = flagList(context.flags, 'filename');
  const out: FileObject[] = [];
  for (const name of names) {
    const sources = name === '-' ? ['-'] : expandPath(context, name);
    for (const source of sources) {
      const text = source === '-' ? context.stdin ?? '' : context.files[source];
      const display = source === '-' ? 'STDIN' : source;
      const problem = looksLikeJson(text) ? jsonStreamError(text) : undefined;
      if (problem) throw KubectlError.client(`error parsing ${display}: ${problem}`);
      const parsed = parseManifests(text, { filename: display });
      for (const object of parsed.kubectlObjects) {
        if (schemaChecked.includes(verb) && validates(context)) checkTypeMeta(object, display);
        // Unvalidated, a document without kind fails to decode (the JSON is the document as read).
        if (!object.kind) throw KubectlError.client(`unable to decode "${display}": Object 'Kind' is missing in '${JSON.stringify(object)}'`);
        const metaError = objectMetaDecodeError(object);
        if (metaError) throw KubectlError.client(`unable to decode "${display}": ${metaError}`);
        out.push({ source: display, object });
      }
      if (parsed.errors.length) throw KubectlError.client(parsed.errors[0].kubectlMessage);
    }
  }
  if (!out.length && names.length) throw KubectlError.client(`no objects passed to ${verb}`);
  return out;
}

/** The resource of an object's apiVersion and kind, or kubectl's "resource mapping not found" error. */
export function mappingForObject(mapper: RestMapper, item: FileObject): ApiResource {
  const apiVersion = String(item.object.apiVersion ?? '');
  const kind = String(item.object.kind ?? '');
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  // DefaultRESTMapper.Add also registers each kind lower-cased, so `kind: deployment` maps (and the
  // server then refuses it: `no kind "deployment" is registered`), while `Configmap` does not.
  const found = mapper.resources.find((r) => r.group === group && r.version === version && !r.resource.includes('/')
    && (r.kind === kind || (kind === kind.toLowerCase() && r.kind.toLowerCase() === kind)));
  if (found) return found;
  const metadata = (item.object.metadata ?? {}) as Json;
  throw KubectlError.client(`resource mapping not found for name: "${String(metadata.name ?? '')}" namespace: "${String(metadata.namespace ?? '')}" from "${item.source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`);
}

/**
 * The namespace an object from a file goes to: its own, else the one in effect; a file namespace
 * that differs from an explicit `-n` is kubectl's error. Sets `metadata.namespace` on namespaced objects.
 */
export function resolveNamespace(context: CommandContext, mapping: ApiResource, object: Json): string {
  const metadata = (object.metadata ??= {}) as Json;
  if (!mapping.namespaced) return '';
  const own = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  if (own && context.explicitNamespace && own !== context.namespace) {
    throw KubectlError.client(`the namespace from the provided object "${own}" does not match the namespace "${context.namespace}". You must pass '--namespace=${own}' to perform this operation.`);
  }
  const namespace = own || context.namespace;
  metadata.namespace = namespace;
  return namespace;
}

/** The object's name. */
export function nameOfObject(object: Json): string {
  const metadata = (object.metadata ?? {}) as Json;
  return typeof metadata.name === 'string' ? metadata.name : '';
}

/** `--field-manager`, else the command's default. */
export function fieldManager(context: CommandContext, fallback: string): string {
  return flagString(context.flags, 'field-manager') || fallback;
}

/**
 * A missing required flag: cobra's check fails before the command runs, and kubectl 1.32 prints
 * it as any other error (`error: required flag(s) "image" not set`).
 */
export function requireFlags(context: CommandContext, names: string[]): void {
  const missing = names.filter((name) => !context.flags.values.has(name));
  if (!missing.length) return;
  throw KubectlError.client(`required flag(s) ${missing.map((name) => `"${name}"`).join(', ')} not set`);
}

/** The virtual time of the cluster behind the client, for ages in describe. */
export function clockOf(context: CommandContext): number {
  const source = context.session.now ?? (context.api as { now?: () => number }).now?.bind(context.api);
  return source ? source() : 0;
}
