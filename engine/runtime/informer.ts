/**
 * A shared informer, as client-go has it: list a resource through the API, then watch it from the
 * list's resourceVersion, keep a cache of the objects, and tell handlers about each change.
 * Everything goes through the API server's front door; nothing reads the store directly.
 */
import type { ApiRequest, ApiResponse, KubeObject, WatchEvent } from '../api/types.ts';

/** Anything that answers API requests: the engine's ApiServer. */
export interface ApiClient {
  handle(request: ApiRequest): ApiResponse;
}

export interface ResourceHandler {
  onAdd?(object: KubeObject): void;
  onUpdate?(old: KubeObject, object: KubeObject): void;
  onDelete?(object: KubeObject): void;
}

/** `namespace/name`, or `name` for cluster-scoped objects: the key controllers queue. */
export function keyOf(object: KubeObject): string {
  return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name!;
}

/** Split a queue key back into namespace and name. */
export function splitKey(key: string): { namespace?: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

export class Informer {
  private cache = new Map<string, KubeObject>();
  private handlers: ResourceHandler[] = [];
  private closeWatch?: () => void;

  /** `path` is the collection URL, e.g. `/apis/apps/v1/deployments` (all namespaces). */
  constructor(private readonly api: ApiClient, private readonly path: string, private readonly agent: string) {}

  addHandler(handler: ResourceHandler): void {
    this.handlers.push(handler);
    for (const object of this.cache.values()) handler.onAdd?.(object);
  }

  /** List, fill the cache, and start watching. Watch events arrive synchronously as the store changes. */
  start(): void {
    const headers = { 'user-agent': this.agent };
    const listed = this.api.handle({ method: 'GET', path: this.path, headers });
    if (listed.status !== 200) throw new Error(`informer list ${this.path}: ${listed.status}`);
    const body = listed.body as { metadata: { resourceVersion: string }; items: KubeObject[] };
    for (const item of body.items) this.upsert(item);
    const watched = this.api.handle({
      method: 'GET', path: this.path, headers,
      query: { watch: 'true', resourceVersion: body.metadata.resourceVersion, allowWatchBookmarks: 'true' },
    });
    const stream = watched.watch!;
    stream.start((event) => this.onEvent(event), () => this.restart());
    this.closeWatch = () => stream.close();
  }

  stop(): void {
    this.closeWatch?.();
  }

  /** The cached object, which must not be changed: copy before writing. */
  get(key: string): KubeObject | undefined {
    return this.cache.get(key);
  }

  list(): KubeObject[] {
    return [...this.cache.values()];
  }

  private restart(): void {
    this.stop();
    this.start();
  }

  private onEvent(event: WatchEvent): void {
    if (event.type === 'BOOKMARK' || event.type === 'ERROR') return;
    const object = event.object as KubeObject;
    if (event.type === 'DELETED') {
      const key = keyOf(object);
      this.cache.delete(key);
      for (const handler of this.handlers) handler.onDelete?.(object);
      return;
    }
    this.upsert(object);
  }

  private upsert(object: KubeObject): void {
    const key = keyOf(object);
    const old = this.cache.get(key);
    this.cache.set(key, object);
    for (const handler of this.handlers) {
      if (old) handler.onUpdate?.(old, object);
      else handler.onAdd?.(object);
    }
  }
}
