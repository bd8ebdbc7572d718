/**
 * The status half of ingress-nginx: the elected controller pod publishes where Ingresses of its
 * class are reachable. kind's manifest runs it with `--publish-status-address=localhost`, so
 * every such Ingress gets `status.loadBalancer.ingress: [{hostname: localhost}]` and
 * `kubectl get ingress` shows ADDRESS `localhost` — once a controller pod is ready (none ready,
 * no leader, no update; an Ingress it does not serve is left alone).
 */
import type { KubeObject } from '../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../runtime/controller.ts';
import type { Informer } from '../runtime/informer.ts';
import { keyOf } from '../runtime/informer.ts';
import { WorkQueue } from '../runtime/workqueue.ts';
import { servedByNginx } from './ingress-router.ts';

/** What `--publish-status-address=localhost` publishes. */
export const publishStatusAddress = 'localhost';

const controllerAgent = 'nginx-ingress-controller/v1.12.0 (linux/amd64) ingress-nginx/9c4b2ecb1bdd4fc2fbc13dfc7ae2c5cba2a6c7f8';
const controllerUser = { username: 'system:serviceaccount:ingress-nginx:ingress-nginx', groups: ['system:serviceaccounts', 'system:serviceaccounts:ingress-nginx', 'system:authenticated'] };

/** Publishes Ingress addresses for the nginx class. */
export class IngressStatusController implements Controller {
  readonly name = 'ingress-nginx-status';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private ingresses!: Informer;
  private pods!: Informer;

  start(env: ControllerEnv): void {
    this.env = env;
    this.ingresses = env.informer('/apis/networking.k8s.io/v1/ingresses');
    this.pods = env.informer('/api/v1/pods');
    this.ingresses.addHandler({ onAdd: (i) => this.queue.add(keyOf(i)), onUpdate: (_o, i) => this.queue.add(keyOf(i)) });
    // A controller pod becoming ready (a new leader) syncs every Ingress's status.
    this.pods.addHandler({
      onAdd: (p) => this.controllerChanged(p),
      onUpdate: (old, p) => { if (isControllerPod(p) && ready(old) !== ready(p)) this.controllerChanged(p); },
    });
  }

  private controllerChanged(pod: KubeObject): void {
    if (!isControllerPod(pod) || !ready(pod)) return;
    for (const ingress of this.ingresses.list()) this.queue.add(keyOf(ingress));
  }

  sync(key: string): SyncResult {
    const ingress = this.ingresses.get(key);
    if (!ingress || ingress.metadata.deletionTimestamp || !servedByNginx(ingress)) return;
    if (!this.pods.list().some((p) => isControllerPod(p) && ready(p))) return;
    const current = (ingress.status as { loadBalancer?: { ingress?: { hostname?: string; ip?: string }[] } } | undefined)?.loadBalancer?.ingress ?? [];
    if (current.length === 1 && current[0].hostname === publishStatusAddress && !current[0].ip) return;
    const response = this.env.api.handle({
      method: 'PUT',
      path: `/apis/networking.k8s.io/v1/namespaces/${ingress.metadata.namespace}/ingresses/${ingress.metadata.name}/status`,
      headers: { 'user-agent': controllerAgent },
      user: controllerUser,
      body: { ...ingress, status: { loadBalancer: { ingress: [{ hostname: publishStatusAddress }] } } },
    });
    if (response.status === 409) return { requeueAfter: 0 };
    if (response.status >= 300) throw new Error(`update status of ingress ${key}: ${response.status}`);
  }
}

function isControllerPod(pod: KubeObject): boolean {
  const labels = pod.metadata.labels ?? {};
  return pod.metadata.namespace === 'ingress-nginx' && labels['app.kubernetes.io/name'] === 'ingress-nginx' && labels['app.kubernetes.io/component'] === 'controller';
}

function ready(pod: KubeObject): boolean {
  const conditions = ((pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}
