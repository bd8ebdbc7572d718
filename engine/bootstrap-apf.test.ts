import { describe, expect, it } from 'vitest';
import { applyDefaults } from './api/defaulting/apply-defaults.ts';
import { errorText } from './api/field-errors.ts';
import { builtinResources } from './api/registry.ts';
import type { KubeObject } from './api/types.ts';
import { groupValidators } from './api/validation/groups.ts';
import {
  defaultFlowSchemas, defaultPriorityLevelConfigurations, flowSchemaStatus, localAPIServiceStatus, localAPIServices,
} from './bootstrap-apf.ts';

const infoOf = (object: KubeObject) => builtinResources.find((r) => `${r.group}/${r.version}` === object.apiVersion && r.kind === object.kind)!;

describe('API Priority and Fairness bootstrap objects', () => {
  it('has the flow schemas `kubectl get flowschemas` lists on a fresh v1.32 cluster, in matching order', () => {
    const byPrecedence = defaultFlowSchemas()
      .map((fs) => [(fs.spec as { matchingPrecedence: number }).matchingPrecedence, fs.metadata.name] as const)
      .sort((a, b) => a[0] - b[0] || (a[1]! < b[1]! ? -1 : 1));
    expect(byPrecedence).toEqual([
      [1, 'exempt'], [2, 'probes'], [100, 'system-leader-election'], [150, 'endpoint-controller'], [200, 'workload-leader-election'],
      [400, 'system-node-high'], [500, 'system-nodes'], [800, 'kube-controller-manager'], [800, 'kube-scheduler'],
      [900, 'kube-system-service-accounts'], [9000, 'service-accounts'], [9900, 'global-default'], [10000, 'catch-all'],
    ]);
  });

  it('has the eight priority levels, each referenced level existing', () => {
    const levels = defaultPriorityLevelConfigurations().map((pl) => pl.metadata.name).sort();
    expect(levels).toEqual(['catch-all', 'exempt', 'global-default', 'leader-election', 'node-high', 'system', 'workload-high', 'workload-low']);
    for (const fs of defaultFlowSchemas()) expect(levels).toContain((fs.spec as { priorityLevelConfiguration: { name: string } }).priorityLevelConfiguration.name);
  });

  it('is left unchanged by defaulting and passes validation, as upstream promises', () => {
    for (const object of [...defaultFlowSchemas(), ...defaultPriorityLevelConfigurations()]) {
      const info = infoOf(object);
      expect(applyDefaults(info, object).spec).toEqual(object.spec);
      expect(groupValidators[`${info.group}/${info.kind}`](object).map(errorText)).toEqual([]);
    }
  });

  it('writes the Dangling condition the APF controller writes', () => {
    const system = defaultFlowSchemas().find((fs) => fs.metadata.name === 'system-nodes')!;
    expect(flowSchemaStatus(system, '2026-01-01T00:00:00Z')).toEqual({
      conditions: [{
        type: 'Dangling', status: 'False', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'Found',
        message: 'This FlowSchema references the PriorityLevelConfiguration object named "system" and it exists',
      }],
    });
  });
});

describe('local APIServices', () => {
  it('names one per served built-in group version', () => {
    expect(localAPIServices().map((s) => s.metadata.name)).toEqual([
      'v1.', 'v1.admissionregistration.k8s.io', 'v1.apiextensions.k8s.io', 'v1.apps', 'v1.authentication.k8s.io', 'v1.authorization.k8s.io',
      'v1.autoscaling', 'v1.batch', 'v1.certificates.k8s.io', 'v1.coordination.k8s.io', 'v1.discovery.k8s.io', 'v1.events.k8s.io',
      'v1.flowcontrol.apiserver.k8s.io', 'v1.networking.k8s.io', 'v1.node.k8s.io', 'v1.policy', 'v1.rbac.authorization.k8s.io',
      'v1.scheduling.k8s.io', 'v1.storage.k8s.io', 'v2.autoscaling',
    ]);
  });

  it('gives each the kube-apiserver priorities and passes validation', () => {
    const apps = localAPIServices().find((s) => s.metadata.name === 'v1.apps')!;
    expect(apps.spec).toEqual({ group: 'apps', version: 'v1', groupPriorityMinimum: 17800, versionPriority: 15 });
    for (const service of localAPIServices()) {
      expect(groupValidators['apiregistration.k8s.io/APIService'](service).map(errorText)).toEqual([]);
    }
  });

  it('reports them Available because they are local', () => {
    expect(localAPIServiceStatus('2026-01-01T00:00:00Z')).toEqual({
      conditions: [{ type: 'Available', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'Local', message: 'Local APIServices are always available' }],
    });
  });
});
