/**
 * `GET pods/NAME/log`: the API server checks the container and where the pod runs, then streams
 * the log from that node's kubelet. Kubelets register a LogSource; until a pod is on a node there
 * is nothing to read, and the API server answers an empty log, as the real one does.
 */
import type { ApiContext } from '../context.ts';
import { storageKey } from '../context.ts';
import { statusErrors } from '../errors.ts';
import type { ApiResponse, KubeObject, TextStream } from '../types.ts';
import type { Call } from './common.ts';
import { fail, target } from './common.ts';

export interface LogOptions {
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  limitBytes?: number;
}

/** What a node's kubelet answers for a container's log: the text so far, or a stream with `follow`. */
export type LogSource = (pod: KubeObject, options: LogOptions) => { text: string } | { stream: TextStream } | { error: string };

const logSources = new WeakMap<ApiContext, LogSource>();

/** Register the kubelets' log source for a cluster's API server. */
export function setLogSource(ctx: ApiContext, source: LogSource): void {
  logSources.set(ctx, source);
}

function numberParam(call: Call, name: string): number | undefined {
  const raw = call.query[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) fail(statusErrors.badRequest(`${name}: Invalid value: "${raw}": must be an integer`));
  return value;
}

/** The container a log request names: the query's, or the only one; errors as the API server words them. */
function containerOf(pod: KubeObject, requested: string | undefined): string {
  const spec = (pod.spec ?? {}) as { containers?: { name: string }[]; initContainers?: { name: string }[]; ephemeralContainers?: { name: string }[] };
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].map((c) => c.name);
  const name = pod.metadata.name;
  if (!requested) {
    const containers = (spec.containers ?? []).map((c) => c.name);
    if (containers.length === 1) return containers[0];
    const init = (spec.initContainers ?? []).map((c) => c.name);
    const choices = `[${containers.join(' ')}]` + (init.length ? ` or one of the init containers: [${init.join(' ')}]` : '');
    fail(statusErrors.badRequest(`a container name must be specified for pod ${name}, choose one of: ${choices}`));
  }
  if (!all.includes(requested)) fail(statusErrors.badRequest(`container ${requested} is not valid for pod ${name}`));
  return requested;
}

export function podLog(ctx: ApiContext, call: Call): ApiResponse {
  const pod = ctx.store.get(storageKey(call.info), call.namespace, call.name!);
  if (!pod) fail(statusErrors.notFound(target(call)));
  const options: LogOptions = {
    container: containerOf(pod, call.query.container),
    follow: call.query.follow === 'true',
    previous: call.query.previous === 'true',
    timestamps: call.query.timestamps === 'true',
    tailLines: numberParam(call, 'tailLines'),
    sinceSeconds: numberParam(call, 'sinceSeconds'),
    sinceTime: call.query.sinceTime,
    limitBytes: numberParam(call, 'limitBytes'),
  };
  const headers = { 'content-type': 'text/plain' };
  const source = logSources.get(ctx);
  if (!(pod.spec as { nodeName?: string } | undefined)?.nodeName || !source) return { status: 200, headers, body: '' };
  const answer = source(pod, options);
  if ('error' in answer) fail(statusErrors.badRequest(answer.error));
  if ('stream' in answer) return { status: 200, headers, stream: answer.stream };
  return { status: 200, headers, body: answer.text };
}
