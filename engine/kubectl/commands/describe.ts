/**
 * `kubectl describe`: fetches the objects the arguments name (TYPE NAME, TYPE/NAME, TYPE -l …,
 * or a name prefix when no exact match exists) and prints each with the describers, a blank line
 * pair between objects as kubectl writes them.
 */
import type { ResourceInfo } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import { KubectlError } from '../client/api-client.ts';
import { resourceRequests, type ResourceRequest } from '../client/builder.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { describeObject } from '../describe/index.ts';
import { flagBool, flagString } from '../flags.ts';
import { describeHelp } from './help/describe.ts';
import { specFromHelp } from './help/types.ts';
import {
  bodyOf, clockOf, objectPath, restMapper, send, serverError, throwErrors, type Json,
} from './write-support.ts';

const noTypeMessage = 'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.';

/** The items of one request: the named object, the objects whose names start with it, or the (selected) list. */
const prefixMatch = Symbol('prefix match');

function objectsFor(context: CommandContext, request: ResourceRequest, errors: KubectlError[]): Json[] {
  const allNamespaces = flagBool(context.flags, 'all-namespaces');
  const namespace = allNamespaces && request.name === undefined ? '' : context.namespace;
  const list = (): Json[] => {
    const query: Record<string, string> = { limit: '500' };
    const selector = flagString(context.flags, 'selector');
    if (selector && request.name === undefined) query.labelSelector = selector;
    const path = objectPath(request.mapping, namespace);
    return ((bodyOf(send(context, 'GET', path, { query })).items ?? []) as Json[]);
  };
  if (request.name === undefined) return list();
  const response = send(context, 'GET', objectPath(request.mapping, namespace, request.name));
  if (response.status < 300) return [response.body as Json];
  const error = serverError(response);
  if (!error.notFound) {
    errors.push(error);
    return [];
  }
  // kubectl describe falls back to a name prefix when there is no exact match.
  const name = request.name;
  const prefixed = list().filter((item) => String((item.metadata as Json | undefined)?.name ?? '').startsWith(name));
  if (!prefixed.length) errors.push(error);
  // DescribeMatchingResources prints each match followed by a newline, without separators.
  return prefixed.map((item) => ({ ...item, [prefixMatch]: true }));
}

function runDescribe(context: CommandContext): number {
  const { args, flags, out } = context;
  if (!args.length) throw KubectlError.client(noTypeMessage);
  const mapper = restMapper(context);
  const requests = resourceRequests(mapper, args);
  if (requests.some((r) => r.name !== undefined) && flagString(flags, 'selector')) {
    throw KubectlError.client('name cannot be provided when a selector is specified');
  }
  const errors: KubectlError[] = [];
  const now = clockOf(context);
  let first = true;
  let printed = 0;
  for (const request of requests) {
    for (const object of objectsFor(context, request, errors)) {
      const info = { ...request.mapping } as unknown as ResourceInfo;
      const text = describeObject(context.api, info, object as unknown as KubeObject, now);
      if ((object as Record<symbol, unknown>)[prefixMatch]) out.stdout.push(`${text}\n`);
      else out.stdout.push(first ? text : `\n\n${text}`);
      first = false;
      printed++;
    }
  }
  if (!printed && !errors.length) {
    const namespaced = requests.every((r) => r.mapping.namespaced) && !flagBool(flags, 'all-namespaces');
    out.stderr.push(namespaced ? `No resources found in ${context.namespace} namespace.\n` : 'No resources found\n');
  }
  throwErrors(errors);
  return 0;
}

/** The `describe` command. */
export const describeCommand: CommandSpec = specFromHelp('describe', describeHelp, runDescribe);
