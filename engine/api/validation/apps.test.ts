import { describe, expect, it } from 'vitest';
import { errorText, fieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { makeGroupValidators } from './groups.ts';

// Pod spec rules belong to pod.ts; a stub keeps these tests about the workload rules.
const validators = makeGroupValidators(() => []);
const run = (kind: string, obj: KubeObject, old?: KubeObject) => validators[kind](obj, old).map(errorText);

function template(labels: Record<string, string> = { app: 'web' }, spec: Record<string, unknown> = {}) {
  return { metadata: { labels }, spec: { restartPolicy: 'Always', containers: [{ name: 'web', image: 'nginx' }], ...spec } };
}

function deployment(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 1, selector: { matchLabels: { app: 'web' } }, template: template(),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10, progressDeadlineSeconds: 600, ...spec,
    },
  };
}

function statefulSet(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' },
    spec: {
      replicas: 1, serviceName: 'db', selector: { matchLabels: { app: 'web' } }, template: template(),
      podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' }, ...spec,
    },
  };
}

function daemonSet(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'web' } }, template: template(), revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, ...spec,
    },
  };
}

describe('apps/Deployment', () => {
  const cases: [string, KubeObject, string[]][] = [
    ['a valid Deployment', deployment(), []],
    ['no selector', deployment({ selector: undefined, template: template({ app: 'broken' }) }), [
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"broken"}: `selector` does not match template `labels`',
    ]],
    ['selector and labels differ', deployment({ template: template({ app: 'wrong-app-name' }) }), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"wrong-app-name"}: `selector` does not match template `labels`',
    ]],
    ['an empty selector', deployment({ selector: {} }), ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment']],
    ['a bad selector operator', deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'Is', values: ['web'] }] } }), [
      'spec.selector.matchExpressions[0].operator: Invalid value: "Is": not a valid selector operator',
      'spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"Is","values":["web"]}]}: invalid label selector',
    ]],
    ['negative replicas', deployment({ replicas: -1 }), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    ['maxSurge and maxUnavailable both 0', deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }), [
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    ]],
    ['maxUnavailable over 100%', deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '110%', maxSurge: 1 } } }), [
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "110%": must not be greater than 100%',
    ]],
    ['maxSurge neither int nor percent', deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 'half' } } }), [
      'spec.strategy.rollingUpdate.maxSurge: Invalid value: "half": a valid percent string must be a numeric string followed by an ending \'%\' (e.g. \'1%\',  or \'93%\', regex used for validation is \'[0-9]+%\')',
    ]],
    ['negative maxSurge', deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: -1 } } }), [
      'spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0',
    ]],
    ['Recreate with rollingUpdate', deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }), [
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]],
    ['an unknown strategy', deployment({ strategy: { type: 'BlueGreen' } }), [
      'spec.strategy: Unsupported value: {"type":"BlueGreen"}: supported values: "Recreate", "RollingUpdate"',
    ]],
    ['progressDeadlineSeconds not above minReadySeconds', deployment({ minReadySeconds: 30, progressDeadlineSeconds: 30 }), [
      'spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds',
    ]],
    ['negative revisionHistoryLimit', deployment({ revisionHistoryLimit: -1 }), [
      'spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
    ]],
    ['restartPolicy Never', deployment({ template: template({ app: 'web' }, { restartPolicy: 'Never' }) }), [
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]],
    // Upstream reuses the ReplicaSet template check, so the message names ReplicaSet.
    ['activeDeadlineSeconds', deployment({ template: template({ app: 'web' }, { activeDeadlineSeconds: 30 }) }), [
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
    ]],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(run('apps/Deployment', obj)).toEqual(expected);
  });

  it('keeps the selector immutable on update, but lets replicas change', () => {
    const old = deployment();
    expect(run('apps/Deployment', deployment({ replicas: 5 }), old)).toEqual([]);
    const changed = deployment({ selector: { matchLabels: { app: 'web', tier: 'front' } }, template: template({ app: 'web', tier: 'front' }) });
    expect(run('apps/Deployment', changed, old)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"front"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('passes the template to the pod template validator at spec.template', () => {
    const seen: string[] = [];
    const withPod = makeGroupValidators((_t, path) => {
      seen.push(path);
      return [fieldError.required(`${path}.spec.containers[0].image`)];
    });
    expect(withPod['apps/Deployment'](deployment()).map(errorText)).toEqual(['spec.template.spec.containers[0].image: Required value']);
    expect(seen).toEqual(['spec.template']);
  });
});

describe('apps/ReplicaSet', () => {
  const rs = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
  });
  it.each([
    ['valid', rs({}), []],
    // Upstream's ReplicaSet message says "deployment" too.
    ['an empty selector', rs({ selector: { matchLabels: {} } }), ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment']],
    ['negative minReadySeconds', rs({ minReadySeconds: -5 }), ['spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0']],
  ] as [string, KubeObject, string[]][])('%s', (_n, obj, expected) => {
    expect(run('apps/ReplicaSet', obj)).toEqual(expected);
  });
});

describe('apps/StatefulSet', () => {
  const cases: [string, KubeObject, string[]][] = [
    ['valid', statefulSet(), []],
    ['an unknown podManagementPolicy', statefulSet({ podManagementPolicy: 'AllAtOnce' }), [
      'spec.podManagementPolicy: Invalid value: "AllAtOnce": must be \'OrderedReady\' or \'Parallel\'',
    ]],
    ['OnDelete with rollingUpdate', statefulSet({ updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } }), [
      'spec.updateStrategy.rollingUpdate: Invalid value: {"partition":1}: only allowed for updateStrategy \'RollingUpdate\'',
    ]],
    ['an unknown update strategy', statefulSet({ updateStrategy: { type: 'Canary' } }), [
      'spec.updateStrategy: Invalid value: {"type":"Canary"}: must be \'RollingUpdate\' or \'OnDelete\'',
    ]],
    ['a negative partition', statefulSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -1 } } }), [
      'spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0',
    ]],
    ['maxUnavailable 0', statefulSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 0 } } }), [
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0',
    ]],
    ['an unknown retention policy', statefulSet({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep', whenScaled: 'Retain' } }), [
      'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"',
    ]],
    ['an empty selector', statefulSet({ selector: {} }), ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset']],
    ['no selector', statefulSet({ selector: undefined }), [
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]],
    ['a negative ordinals.start', statefulSet({ ordinals: { start: -1 } }), ['spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0']],
    ['activeDeadlineSeconds', statefulSet({ template: template({ app: 'web' }, { activeDeadlineSeconds: 5 }) }), [
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported',
    ]],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(run('apps/StatefulSet', obj)).toEqual(expected);
  });

  it('does not validate the pod spec itself (mistakes surface when the controller creates Pods)', () => {
    const strict = makeGroupValidators(() => [fieldError.required('spec.template.spec.containers[0].image')]);
    expect(strict['apps/StatefulSet'](statefulSet())).toEqual([]);
  });

  const forbidden = "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
  it.each([
    ['replicas, template and minReadySeconds may change', statefulSet({ replicas: 3, minReadySeconds: 5, template: template({ app: 'web' }, { terminationGracePeriodSeconds: 5 }) }), []],
    ['serviceName may not', statefulSet({ serviceName: 'other' }), [forbidden]],
    ['volumeClaimTemplates may not', statefulSet({ volumeClaimTemplates: [{ metadata: { name: 'data' } }] }), [forbidden]],
  ] as [string, KubeObject, string[]][])('on update, %s', (_n, obj, expected) => {
    expect(run('apps/StatefulSet', obj, statefulSet())).toEqual(expected);
  });
});

describe('apps/DaemonSet', () => {
  const cases: [string, KubeObject, string[]][] = [
    ['valid', daemonSet(), []],
    ['maxSurge and maxUnavailable both set', daemonSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } }), [
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero',
    ]],
    ['maxSurge and maxUnavailable both 0', daemonSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }), [
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    ]],
    ['RollingUpdate without rollingUpdate', daemonSet({ updateStrategy: { type: 'RollingUpdate' } }), ['spec.updateStrategy.rollingUpdate: Required value']],
    ['an unknown update strategy', daemonSet({ updateStrategy: { type: 'Always' } }), [
      'spec.updateStrategy: Unsupported value: {"type":"Always"}: supported values: "RollingUpdate", "OnDelete"',
    ]],
    ['an empty selector', daemonSet({ selector: {} }), ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset']],
    // A DaemonSet has no "Required" for its selector upstream: it only fails to match.
    ['no selector', daemonSet({ selector: undefined }), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]],
    ['restartPolicy OnFailure', daemonSet({ template: template({ app: 'web' }, { restartPolicy: 'OnFailure' }) }), [
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(run('apps/DaemonSet', obj)).toEqual(expected);
  });
});

describe('apps/ControllerRevision', () => {
  const revision = (extra: Record<string, unknown>): KubeObject => ({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'web-5d4' }, ...extra });
  it('requires data and a non-negative revision', () => {
    expect(run('apps/ControllerRevision', revision({ revision: -1 }))).toEqual([
      'data: Required value: data is mandatory',
      'revision: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });
  it('keeps data immutable', () => {
    const old = revision({ revision: 1, data: { spec: { a: 1 } } });
    expect(run('apps/ControllerRevision', revision({ revision: 2, data: { spec: { a: 2 } } }), old)).toEqual([
      'data: Invalid value: {"spec":{"a":2}}: field is immutable',
    ]);
  });
});
