/**
 * The clusterrole-aggregation controller (pkg/controller/clusterroleaggregation): a ClusterRole
 * with an `aggregationRule` gets, as its `rules`, every distinct rule of the ClusterRoles its
 * selectors match, taken in name order. That is how `view`, `edit` and `admin` come to hold
 * the rules of `system:aggregate-to-*` — and of any role a user labels `aggregate-to-view`.
 */
import type { KubeObject } from '../types.ts';
import { deepEqual } from '../handlers/common.ts';
import { labelSelectorAsSelector } from '../selectors/label-selector.ts';
import { matchLabels } from '../selectors/labels.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import type { Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import type { PolicyRule } from './types.ts';

const clusterRolesPath = '/apis/rbac.authorization.k8s.io/v1/clusterroles';

interface AggregationRule {
  clusterRoleSelectors?: Parameters<typeof labelSelectorAsSelector>[0][];
}

/** The rules an aggregated ClusterRole should hold, given every ClusterRole there is. */
export function aggregateRules(role: KubeObject, clusterRoles: KubeObject[]): PolicyRule[] {
  const rules: PolicyRule[] = [];
  const sorted = [...clusterRoles].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  for (const labelSelector of (role.aggregationRule as AggregationRule | undefined)?.clusterRoleSelectors ?? []) {
    const selector = labelSelectorAsSelector(labelSelector);
    if (!selector.ok) continue;
    for (const other of sorted) {
      if (other.metadata.name === role.metadata.name || !matchLabels(selector.value, other.metadata.labels)) continue;
      for (const rule of (other.rules as PolicyRule[] | null) ?? []) {
        if (!rules.some((have) => deepEqual(have, rule))) rules.push(rule);
      }
    }
  }
  return rules;
}

/** Keeps every aggregated ClusterRole's rules equal to the union of the roles it selects. */
export class ClusterRoleAggregationController implements Controller {
  readonly name = 'clusterrole-aggregation-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private clusterRoles!: Informer;

  start(env: ControllerEnv): void {
    this.env = env;
    this.clusterRoles = env.informer(clusterRolesPath);
    // Any change may change what some aggregated role selects: queue them all, as upstream does.
    const enqueueAll = (): void => {
      for (const role of this.clusterRoles.list()) if (role.aggregationRule) this.queue.add(role.metadata.name!);
    };
    this.clusterRoles.addHandler({ onAdd: enqueueAll, onUpdate: enqueueAll, onDelete: enqueueAll });
    enqueueAll();
  }

  sync(name: string): SyncResult {
    const role = this.clusterRoles.get(name);
    if (!role?.aggregationRule) return;
    const rules = aggregateRules(role, this.clusterRoles.list());
    if (deepEqual(rules, role.rules ?? [])) return;
    // Server-side apply, owning only `rules`, as the controller does since v1.26.
    const response = this.env.api.handle({
      method: 'PATCH',
      path: `${clusterRolesPath}/${encodeURIComponent(name)}`,
      query: { fieldManager: 'clusterrole-aggregation-controller', force: 'true' },
      headers: { 'content-type': 'application/apply-patch+yaml' },
      body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules },
    });
    if (response.status >= 300) throw new Error(`apply clusterrole ${name}: ${JSON.stringify(response.body)}`);
  }
}
