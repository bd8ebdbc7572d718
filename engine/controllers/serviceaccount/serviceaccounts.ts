/**
 * The service account controller: every active namespace has a ServiceAccount named `default`,
 * recreated if someone deletes it. Pods that name no account run as it.
 */
import type { KubeObject } from '../../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import type { Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';

export class ServiceAccountsController implements Controller {
  readonly name = 'service-account-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private namespaces!: Informer;
  private accounts!: Informer;

  start(env: ControllerEnv): void {
    this.env = env;
    this.namespaces = env.informer('/api/v1/namespaces');
    this.accounts = env.informer('/api/v1/serviceaccounts');
    this.namespaces.addHandler({ onAdd: (ns) => this.queue.add(ns.metadata.name!), onUpdate: (_o, ns) => this.queue.add(ns.metadata.name!) });
    this.accounts.addHandler({ onDelete: (sa: KubeObject) => sa.metadata.name === 'default' && this.queue.add(sa.metadata.namespace!) });
  }

  sync(namespace: string): SyncResult {
    const ns = this.namespaces.get(namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    if (this.accounts.get(`${namespace}/default`)) return;
    this.env.api.handle({
      method: 'POST',
      path: `/api/v1/namespaces/${namespace}/serviceaccounts`,
      body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } },
    });
  }
}
