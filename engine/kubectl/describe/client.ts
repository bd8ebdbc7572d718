/**
 * The few reads a describer makes beside the object itself, through the API's front door: lists with
 * label or field selectors (in chunks of 500, as `--chunk-size` defaults) and single gets.
 */
import type { ApiRequest, ApiResponse } from '../../api/types.ts';
import { arr, obj, str, type Obj } from './format.ts';

/** Anything with the API server's front door (`cluster.api`, the emulator's client). */
export interface DescribeClient {
  handle(request: ApiRequest): ApiResponse;
}

/** The path of a collection: `/apis/apps/v1/namespaces/ns/replicasets`, or all namespaces with ns ''. */
export function collectionPath(group: string, version: string, resource: string, namespace: string): string {
  const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
  return namespace ? `${base}/namespaces/${namespace}/${resource}` : `${base}/${resource}`;
}

/** List every item, following `continue` tokens; undefined when the list fails. */
export function listAll(client: DescribeClient, path: string, query: Record<string, string> = {}): Obj[] | undefined {
  const items: Obj[] = [];
  let token = '';
  for (;;) {
    const response = client.handle({ method: 'GET', path, query: { ...query, limit: '500', ...(token ? { continue: token } : {}) } });
    if (response.status !== 200) return undefined;
    const body = obj(response.body);
    items.push(...arr(body.items));
    token = str(obj(body.metadata).continue);
    if (!token) return items;
  }
}

/** Get one object; undefined when it cannot be read. */
export function getObject(client: DescribeClient, path: string): Obj | undefined {
  const response = client.handle({ method: 'GET', path });
  return response.status === 200 ? obj(response.body) : undefined;
}
