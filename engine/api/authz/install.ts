/**
 * Authorization added to a running API server from the outside (a Cluster has it built in): the bootstrap policy is created,
 * the aggregation controller started, and the API server's front door wrapped. Tests use it, and
 * so can a lab until the API server calls the filter itself (see README.md for those lines).
 */
import type { ApiContext } from '../context.ts';
import { resourcePath } from '../registry.ts';
import type { ApiRequest, ApiResponse, UserInfo } from '../types.ts';
import type { Controller } from '../../runtime/controller.ts';
import { ClusterRoleAggregationController } from './aggregation.ts';
import { bootstrapPolicy, kubeadmPolicy } from './bootstrap-policy.ts';
import { authorizingHandler, type HandlerOptions } from './filter.ts';

/** What installAuthorization needs of a Cluster. */
export interface AuthorizableCluster {
  api: { context: ApiContext; handle(request: ApiRequest): ApiResponse; access?: unknown };
  controllers: { add(controller: Controller): void };
  settle(): void;
}

/** kind's kubeconfig user: `kubernetes-admin` in `kubeadm:cluster-admins`. */
export const kindAdmin: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

/**
 * Create the policy, start aggregation, and check every request from now on. A Cluster does all
 * of this itself (engine/cluster.ts), so for one this only lets the controllers settle.
 */
export function installAuthorization(cluster: AuthorizableCluster, options: HandlerOptions & { authenticated?: UserInfo } = {}): void {
  const api = cluster.api;
  if (api.access) {
    cluster.settle();
    return;
  }
  for (const object of [...bootstrapPolicy(), ...kubeadmPolicy()]) {
    const info = api.context.registry.byKind(object.apiVersion!, object.kind!)!;
    const response = api.handle({ method: 'POST', path: resourcePath(info, object.metadata.namespace), body: object, headers: { 'user-agent': 'kube-apiserver/v1.32.2 (linux/amd64) kubernetes/67a30c0' } });
    if (response.status >= 300 && response.status !== 409) throw new Error(`bootstrap policy ${object.kind} ${object.metadata.name}: ${JSON.stringify(response.body)}`);
  }
  cluster.controllers.add(new ClusterRoleAggregationController());
  const next = api.handle.bind(api);
  api.handle = authorizingHandler(api.context, next, options.authenticated ?? kindAdmin, options);
  cluster.settle();
}
