/**
 * The service controller of kind's cloud provider (cloud-provider-kind): every Service of type
 * LoadBalancer gets an external address in `status.loadBalancer.ingress`, from a pool on the
 * `kind` docker network (172.18.255.200 upward, as a MetalLB pool on kind is usually set up).
 * kube-proxy then routes that address like the ClusterIP. A Service that stops being a
 * LoadBalancer loses its address.
 */
import type { KubeObject } from '../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../runtime/controller.ts';
import { EventRecorder } from '../runtime/events.ts';
import type { Informer } from '../runtime/informer.ts';
import { keyOf } from '../runtime/informer.ts';
import { WorkQueue } from '../runtime/workqueue.ts';

/** The first address handed out and how many the pool holds. */
export const loadBalancerPool = { base: '172.18.255.', first: 200, size: 50 };

type LoadBalancerStatus = { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };

const ingressOf = (service: KubeObject): { ip?: string }[] => (service.status as LoadBalancerStatus | undefined)?.loadBalancer?.ingress ?? [];
const isLoadBalancer = (service: KubeObject): boolean => (service.spec as { type?: string } | undefined)?.type === 'LoadBalancer';

/** Assigns and releases load-balancer addresses. */
export class LoadBalancerController implements Controller {
  readonly name = 'service-lb-controller';
  readonly queue = new WorkQueue();
  private services!: Informer;
  private env!: ControllerEnv;
  private recorder!: EventRecorder;

  start(env: ControllerEnv): void {
    this.env = env;
    this.recorder = new EventRecorder(env.api, env.clock, { component: 'service-controller' });
    this.services = env.informer('/api/v1/services');
    this.services.addHandler({
      onAdd: (s) => this.queue.add(keyOf(s)),
      onUpdate: (_old, s) => this.queue.add(keyOf(s)),
    });
  }

  sync(key: string): SyncResult {
    const service = this.services.get(key);
    if (!service || service.metadata.deletionTimestamp) return;
    const assigned = ingressOf(service);
    if (isLoadBalancer(service)) {
      if (assigned.length) return;
      const ip = this.freeAddress();
      if (!ip) {
        this.recorder.event(service, 'Warning', 'SyncLoadBalancerFailed', 'Error syncing load balancer: failed to ensure load balancer: no available IPs');
        return;
      }
      this.recorder.event(service, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
      this.writeStatus(service, { loadBalancer: { ingress: [{ ip }] } });
      this.recorder.event(service, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
      return;
    }
    if (assigned.some((i) => i.ip?.startsWith(loadBalancerPool.base))) {
      this.recorder.event(service, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
      this.writeStatus(service, { loadBalancer: {} });
      this.recorder.event(service, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
    }
  }

  /** The lowest pool address no Service holds. */
  private freeAddress(): string | undefined {
    const used = new Set(this.services.list().flatMap((s) => ingressOf(s).map((i) => i.ip)));
    for (let n = 0; n < loadBalancerPool.size; n++) {
      const ip = `${loadBalancerPool.base}${loadBalancerPool.first + n}`;
      if (!used.has(ip)) return ip;
    }
    return undefined;
  }

  private writeStatus(service: KubeObject, status: LoadBalancerStatus): void {
    const response = this.env.api.handle({
      method: 'PATCH',
      path: `/api/v1/namespaces/${service.metadata.namespace}/services/${service.metadata.name}/status`,
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { metadata: { resourceVersion: service.metadata.resourceVersion }, status: status.loadBalancer?.ingress ? status : { loadBalancer: { ingress: null } } },
    });
    if (response.status >= 300) throw new Error(`update status of service ${keyOf(service)}: ${response.status}`);
  }
}
