/**
 * The namespace controller: when a namespace is deleted it turns Terminating; this controller
 * deletes everything in it, waits until all of it is gone, then removes the `kubernetes`
 * finalizer through `namespaces/NAME/finalize`, and the API server removes the namespace.
 */
import type { Registry } from '../../api/registry.ts';
import { resourcePath } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import type { Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';

/** How long to wait before checking again whether a terminating namespace is empty. */
const recheckAfter = 1_000;

export class NamespaceController implements Controller {
  readonly name = 'namespace-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private namespaces!: Informer;

  constructor(private readonly registry: Registry) {}

  start(env: ControllerEnv): void {
    this.env = env;
    this.namespaces = env.informer('/api/v1/namespaces');
    this.namespaces.addHandler({
      onAdd: (ns) => this.enqueue(ns),
      onUpdate: (_old, ns) => this.enqueue(ns),
    });
  }

  private enqueue(ns: KubeObject): void {
    if (ns.metadata.deletionTimestamp) this.queue.add(ns.metadata.name!);
  }

  sync(name: string): SyncResult {
    const ns = this.namespaces.get(name);
    if (!ns?.metadata.deletionTimestamp) return;
    let remaining = 0;
    const seen = new Set<string>();
    for (const info of this.registry.all()) {
      if (!info.namespaced || !info.verbs.includes('list')) continue;
      const storage = `${info.group}/${info.resource}`;
      if (seen.has(storage) || (info.group === 'events.k8s.io')) continue;
      seen.add(storage);
      const base = resourcePath(info, name);
      const listed = this.env.api.handle({ method: 'GET', path: base });
      const items = (listed.body as { items?: KubeObject[] }).items ?? [];
      if (!items.length) continue;
      remaining += items.length;
      if (info.verbs.includes('deletecollection')) {
        this.env.api.handle({ method: 'DELETE', path: base, body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
      } else if (info.verbs.includes('delete')) {
        for (const item of items) {
          this.env.api.handle({ method: 'DELETE', path: `${base}/${encodeURIComponent(item.metadata.name!)}` });
        }
      }
    }
    if (remaining > 0) return { requeueAfter: recheckAfter };
    const spec = (ns.spec ?? {}) as { finalizers?: string[] };
    this.env.api.handle({
      method: 'PUT',
      path: `/api/v1/namespaces/${name}/finalize`,
      body: { ...ns, spec: { ...spec, finalizers: (spec.finalizers ?? []).filter((f) => f !== 'kubernetes') } },
    });
  }
}
