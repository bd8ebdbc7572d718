import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { applyDefaults } from './apply-defaults.ts';
import { resource, storedMeta } from './test-helpers.ts';
import { child, type Obj } from './util.ts';

/** SetDefaults_PodSpec on a zero PodSpec, as the API server writes it (`containers` has no omitempty). */
const zeroPodSpec = {
  containers: null, restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst',
  securityContext: {}, schedulerName: 'default-scheduler',
};

const at = (object: Obj, path: string[]): unknown => path.reduce<Obj | undefined>((o, key) => (o ? child(o, key) : undefined), object);

// Templates are Go structs in these kinds, so a request that leaves out `template` or its `spec`
// decodes to a zero PodSpec, which SetDefaults_PodSpec fills in like any other.
describe('pod templates left out of the request are defaulted as Go structs', () => {
  it.each([
    { group: 'apps', kind: 'Deployment', spec: { template: { metadata: { labels: { app: 'web' } } } }, path: ['spec', 'template', 'spec'] },
    { group: 'apps', kind: 'Deployment', spec: {}, path: ['spec', 'template', 'spec'] },
    { group: 'apps', kind: 'ReplicaSet', spec: { template: {} }, path: ['spec', 'template', 'spec'] },
    { group: 'apps', kind: 'StatefulSet', spec: { template: { metadata: {} } }, path: ['spec', 'template', 'spec'] },
    { group: 'apps', kind: 'DaemonSet', spec: {}, path: ['spec', 'template', 'spec'] },
    { group: 'batch', kind: 'Job', spec: {}, path: ['spec', 'template', 'spec'] },
    { group: 'batch', kind: 'CronJob', spec: { schedule: '* * * * *' }, path: ['spec', 'jobTemplate', 'spec', 'template', 'spec'] },
    { group: '', kind: 'ReplicationController', spec: { template: { metadata: { labels: { app: 'rc' } } } }, path: ['spec', 'template', 'spec'] },
    { group: '', kind: 'Pod', spec: undefined, path: ['spec'] },
  ])('$kind with spec $spec', ({ group, kind, spec, path }) => {
    const object: KubeObject = { apiVersion: group ? `${group}/v1` : 'v1', kind, metadata: storedMeta('x'), ...(spec ? { spec } : {}) };
    const defaulted = applyDefaults(resource(group, 'v1', kind), object) as Obj;
    expect(at(defaulted, path)).toMatchObject(zeroPodSpec);
  });

  it("leaves a ReplicationController's absent template absent (a pointer in Go)", () => {
    const object: KubeObject = { apiVersion: 'v1', kind: 'ReplicationController', metadata: storedMeta('rc'), spec: { selector: { app: 'rc' } } };
    expect(at(applyDefaults(resource('', 'v1', 'ReplicationController'), object) as Obj, ['spec', 'template'])).toBeUndefined();
  });

  it('defaults the claim spec of a StatefulSet claim template and of an ephemeral volume left without one', () => {
    const object: KubeObject = {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: storedMeta('db'),
      spec: {
        volumeClaimTemplates: [{ metadata: { name: 'data' } }],
        template: { spec: { containers: [{ name: 'db', image: 'postgres' }], volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: {} } }] } },
      },
    };
    const defaulted = applyDefaults(resource('apps', 'v1', 'StatefulSet'), object) as unknown as { spec: { volumeClaimTemplates: Obj[]; template: { spec: { volumes: Obj[] } } } };
    expect(defaulted.spec.volumeClaimTemplates[0].spec).toMatchObject({ volumeMode: 'Filesystem' });
    expect(at(defaulted.spec.template.spec.volumes[0], ['ephemeral', 'volumeClaimTemplate', 'spec'])).toMatchObject({ volumeMode: 'Filesystem' });
  });
});
