/**
 * The objects a verb acts on, as kubectl's resource Builder finds them: `TYPE NAME…`,
 * `TYPE/NAME…`, `TYPE -l SELECTOR`, `TYPE --all`, or `-f FILE` — with the object fetched when the
 * verb needs it (label, patch, scale) and left unfetched when it does not (delete).
 */
import { KubectlError } from '../client/api-client.ts';
import { resourceRequests } from '../client/builder.ts';
import type { ApiResource } from '../client/discovery.ts';
import type { CommandContext } from '../command.ts';
import { flagBool, flagList, flagString } from '../flags.ts';
import {
  bodyOf, mappingForObject, nameOfObject, objectPath, readFileObjects, resolveNamespace, restMapper, send, serverError, type Json,
} from './write-support.ts';

/** One object to act on. */
export interface Target {
  mapping: ApiResource;
  namespace: string;
  name: string;
  /** The live object, when fetched. */
  object?: Json;
  /** The `-f` source it came from. */
  source?: string;
  /** Why it could not be fetched: reported in argument order, as the Builder's visitors do. */
  error?: KubectlError;
}

/** What the Builder found, and the list errors it collected on the way (ContinueOnError). */
export interface Targets {
  /** Every target in argument order; those that could not be fetched carry their error. */
  targets: Target[];
  errors: KubectlError[];
  /** Whether a selector or `--all` selected nothing. */
  empty: boolean;
}

/** How the verb calls the Builder's ResourceTypeOrNameArgs. */
export interface TargetOptions {
  /**
   * `allowEmptySelector` (kubectl edit, apply edit-last-applied): a type alone, `configmaps` or
   * `cm,secrets`, selects every object of it in the namespace, as an empty label selector does.
   */
  allowEmptySelector?: boolean;
}

/** Resolve the arguments and flags of `verb` into targets; `fetch` GETs named objects as the Builder's Latest does. */
export function findTargets(context: CommandContext, verb: string, args: string[], fetch: boolean, options: TargetOptions = {}): Targets {
  const { flags } = context;
  const out: Targets = { targets: [], errors: [], empty: false };
  const selector = flagString(flags, 'selector');
  const all = flagBool(flags, 'all') || (options.allowEmptySelector === true && args.length === 1 && !args[0].includes('/'));
  if (flagList(flags, 'filename').length) {
    const mapper = restMapper(context);
    for (const item of readFileObjects(context, verb)) {
      const mapping = mappingForObject(mapper, item);
      const namespace = resolveNamespace(context, mapping, item.object);
      out.targets.push({ mapping, namespace, name: nameOfObject(item.object), source: item.source });
    }
    if (fetch) fetchAll(context, out);
    return out;
  }
  if (!args.length) {
    throw new KubectlError(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
  }
  const requests = resourceRequests(restMapper(context), args);
  const named = requests.filter((r) => r.name !== undefined);
  if (named.length && selector) throw KubectlError.client('name cannot be provided when a selector is specified');
  if (named.length && all) throw KubectlError.client('name cannot be provided when a selector is specified');
  if (!named.length && !selector && !all) {
    throw new KubectlError(`error: resource(s) were provided, but no name was specified`);
  }
  for (const request of requests) {
    if (request.name !== undefined) {
      out.targets.push({ mapping: request.mapping, namespace: request.mapping.namespaced ? context.namespace : '', name: request.name });
      continue;
    }
    const query: Record<string, string> = { limit: '500' };
    if (selector) query.labelSelector = selector;
    const response = send(context, 'GET', objectPath(request.mapping, context.namespace), { query });
    if (response.status >= 300) {
      out.errors.push(serverError(response));
      continue;
    }
    for (const item of (bodyOf(response).items ?? []) as Json[]) {
      const metadata = (item.metadata ?? {}) as Json;
      out.targets.push({ mapping: request.mapping, namespace: String(metadata.namespace ?? ''), name: String(metadata.name ?? ''), object: item });
    }
  }
  out.empty = !out.targets.length && !out.errors.length;
  if (fetch) fetchAll(context, out);
  return out;
}

function fetchAll(context: CommandContext, out: Targets): void {
  out.targets = out.targets.map((target) => {
    if (target.object) return target;
    const response = send(context, 'GET', objectPath(target.mapping, target.namespace, target.name));
    return response.status >= 300 ? { ...target, error: serverError(response) } : { ...target, object: response.body as Json };
  });
}

export { throwErrors } from './write-support.ts';
