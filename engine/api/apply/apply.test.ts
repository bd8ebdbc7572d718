import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import type { ApplyInput, ApplyResult } from './apply.ts';
import { serverSideApply } from './apply.ts';
import { lastAppliedAnnotation } from './last-applied.ts';
import { updateScaleManagedFields } from './scale.ts';
import { apps, at, storedWeb, webConfig } from './testdata.ts';
import type { WebConfig } from './testdata.ts';
import { updateManagedFields } from './update.ts';

function apply(live: KubeObject | undefined, applied: KubeObject, manager = 'kubectl', time = at(0), extra: Partial<ApplyInput> = {}): ApplyResult {
  return serverSideApply({ live, applied, manager, force: false, gvk: apps, time, ...extra });
}

function ok(result: ApplyResult): KubeObject {
  if ('conflicts' in result) throw new Error(result.status.message);
  return result.object;
}

/** The FieldsV1 kubectl apply --server-side records for webConfig() (as a v1.32 cluster shows it). */
const appliedWebFields = {
  'f:metadata': { 'f:labels': { 'f:app': {} } },
  'f:spec': {
    'f:replicas': {},
    'f:selector': {},
    'f:template': {
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"nginx"}': {
            '.': {}, 'f:image': {}, 'f:name': {},
            'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
          },
        },
      },
    },
  },
};

describe('serverSideApply', () => {
  it('creates the object and records one Apply entry', () => {
    const result = apply(undefined, webConfig());
    expect(result).toEqual({
      object: { ...webConfig(), metadata: { ...webConfig().metadata, managedFields: expect.any(Array) } },
      managedFields: [{
        manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', time: '2026-01-01T00:00:00Z',
        fieldsType: 'FieldsV1', fieldsV1: appliedWebFields,
      }],
      changed: true,
    });
  });

  it('re-applying the same configuration changes nothing, not even the time', () => {
    const live = ok(apply(undefined, webConfig()));
    const again = apply(live, webConfig(), 'kubectl', at(60));
    expect(again).toMatchObject({ changed: false, object: live });
    expect(ok(again).metadata.managedFields?.[0].time).toBe('2026-01-01T00:00:00Z');
  });

  it.each([
    ['a scalar', (d: WebConfig) => { delete d.spec.replicas; }, (o: WebConfig) => o.spec.replicas, '"f:replicas"'],
    ['a label', (d: WebConfig) => { d.metadata.labels = {}; }, (o: WebConfig) => o.metadata.labels, '"fieldsV1":{"f:metadata":{"f:labels":{"f:app"'],
    ['a container port', (d: WebConfig) => { delete d.spec.template.spec.containers[0].ports; }, (o: WebConfig) => o.spec.template.spec.containers[0].ports, '"f:ports"'],
  ])('removes %s the manager no longer applies', (_what, edit, read, gone) => {
    const live = ok(apply(undefined, webConfig())) as WebConfig;
    expect(read(live)).toBeDefined();
    const next = ok(apply(live, webConfig(edit), 'kubectl', at(5))) as WebConfig;
    expect(read(next)).toBeUndefined();
    expect(JSON.stringify(next.metadata.managedFields)).not.toContain(gone);
    expect(next.metadata.managedFields?.[0].time).toBe('2026-01-01T00:00:05Z');
  });

  it('keeps a field the manager stops applying while someone else owns it', () => {
    const live = ok(apply(undefined, webConfig()));
    const scaled = updateScaleManagedFields({ live, updated: { ...live, spec: { ...(live.spec as object), replicas: 5 } }, manager: 'kubectl', apiVersion: 'apps/v1' });
    const next = ok(apply(scaled, webConfig((d) => { delete d.spec.replicas; }), 'kubectl', at(9))) as WebConfig;
    expect(next.spec.replicas).toBe(5);
  });

  it('reports the exact conflict Status for another manager\'s field', () => {
    const created = updateManagedFields({ updated: webConfig(), manager: 'kubectl-client-side-apply', apiVersion: 'apps/v1', time: at(0) });
    const result = apply(created, webConfig((d) => { d.spec.replicas = 3; }), 'platform-team');
    expect(result).toEqual({
      conflicts: [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'apps/v1', field: '.spec.replicas' }],
      status: {
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
        message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
        reason: 'Conflict',
        details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }] },
        code: 409,
      },
    });
  });

  it('lists several conflicts with one manager in path order', () => {
    const created = ok(apply(undefined, webConfig(), 'team-a'));
    const result = apply(created, webConfig((d) => { d.spec.replicas = 3; d.spec.template.spec.containers[0].image = 'nginx:1.27'; }), 'team-b');
    expect('status' in result && result.status.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "team-a":\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image');
  });

  it('with force takes the field over from the other manager', () => {
    const created = ok(apply(undefined, webConfig(), 'team-a'));
    const forced = ok(apply(created, webConfig((d) => { d.spec.replicas = 3; }), 'team-b', at(7), { force: true })) as WebConfig;
    expect(forced.spec.replicas).toBe(3);
    const [teamA, teamB] = forced.metadata.managedFields ?? [];
    expect(teamA).toMatchObject({ manager: 'team-a', time: '2026-01-01T00:00:00Z' });
    expect(Object.keys((teamA.fieldsV1 as { 'f:spec': object })['f:spec'])).toEqual(['f:selector', 'f:template']);
    expect(teamB).toMatchObject({ manager: 'team-b', operation: 'Apply', time: '2026-01-01T00:00:07Z' });
  });

  it('merges list-map items by key: another manager adds a container beside the first', () => {
    const created = ok(apply(undefined, webConfig(), 'team-a'));
    const sidecar = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
      spec: { template: { spec: { containers: [{ name: 'logger', image: 'busybox' }] } } },
    };
    const merged = ok(apply(created, sidecar, 'team-b', at(3))) as WebConfig;
    expect(merged.spec.template.spec.containers.map((c) => c.name)).toEqual(['nginx', 'logger']);
    expect(merged.metadata.managedFields?.[1].fieldsV1).toEqual({
      'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"logger"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } } },
    });
  });

  it('after kubectl scale, the applier conflicts with "kubectl" with subresource "scale"', () => {
    const live = ok(apply(undefined, webConfig()));
    const scaled = updateScaleManagedFields({ live, updated: { ...live, spec: { ...(live.spec as object), replicas: 5 } }, manager: 'kubectl', apiVersion: 'apps/v1' });
    expect(scaled.metadata.managedFields?.map((e) => [e.manager, e.operation, e.subresource, e.time])).toEqual([
      ['kubectl', 'Apply', undefined, '2026-01-01T00:00:00Z'],
      ['kubectl', 'Update', 'scale', undefined],
    ]);
    expect(scaled.metadata.managedFields?.[1].fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
    const result = apply(scaled, webConfig(), 'kubectl', at(20));
    expect('status' in result && result.status.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas');
  });

  it('ignores status on the main resource', () => {
    const result = ok(apply(undefined, { ...webConfig(), status: { replicas: 9 } }));
    expect(result.status).toBeUndefined();
    expect(JSON.stringify(result.metadata.managedFields)).not.toContain('f:status');
  });

  it('gives an object stored without managedFields to before-first-apply', () => {
    const live = { ...storedWeb(), metadata: { ...storedWeb().metadata, uid: 'u1' } };
    const result = apply(live, webConfig(), 'kubectl-ssa', at(30));
    expect('status' in result && result.status.message).toBe('Apply failed with 2 conflicts: conflicts with "before-first-apply" using apps/v1:\n' +
      '- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image');
  });

  it.each([
    ['managedFields in the body', { ...webConfig(), metadata: { name: 'web', managedFields: [] } }, 400, 'metadata.managedFields must be nil'],
    ['another kind', { ...webConfig(), kind: 'StatefulSet' }, 400, 'invalid object type: apps/v1, Kind=StatefulSet'],
    ['a container without name', webConfig((d) => { d.spec.template.spec.containers = [{ image: 'nginx' } as never]; }), 500,
      'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)'],
    ['a container given twice', webConfig((d) => { d.spec.template.spec.containers.push({ name: 'nginx', image: 'x' }); }), 500,
      'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="nginx"]'],
  ])('rejects %s', (_what, applied, code, message) => {
    expect(() => apply(undefined, applied)).toThrow(expect.objectContaining({ status: expect.objectContaining({ code, message }) }));
  });
});

describe('serverSideApply after client-side apply (manager kubectl)', () => {
  function csaCreated(): KubeObject {
    const config = webConfig();
    const annotated = { ...config, metadata: { ...config.metadata, annotations: { [lastAppliedAnnotation]: `${JSON.stringify(config)}\n` } } };
    return updateManagedFields({ updated: annotated, manager: 'kubectl-client-side-apply', apiVersion: 'apps/v1', time: at(0) });
  }

  it('forgives conflicts on fields the last-applied annotation shows the user set, and rewrites it', () => {
    const result = ok(apply(csaCreated(), webConfig((d) => { d.spec.replicas = 4; }), 'kubectl', at(10))) as WebConfig;
    expect(result.spec.replicas).toBe(4);
    expect(result.metadata.annotations?.[lastAppliedAnnotation]).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{"app":"web"},"name":"web","namespace":"default"},' +
      '"spec":{"replicas":4,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},' +
      '"spec":{"containers":[{"image":"nginx:1.25","name":"nginx","ports":[{"containerPort":80}]}]}}}}\n');
  });

  it('still reports conflicts for another manager name', () => {
    const result = apply(csaCreated(), webConfig((d) => { d.spec.replicas = 4; }), 'my-tool', at(10));
    expect('conflicts' in result && result.conflicts.map((c) => c.field)).toEqual(['.spec.replicas']);
  });

  it('still reports conflicts on fields someone else changed since', () => {
    const edited = updateManagedFields({
      live: csaCreated(), updated: { ...csaCreated(), spec: { ...(csaCreated().spec as object), paused: true } },
      manager: 'kubectl-edit', apiVersion: 'apps/v1', time: at(5),
    });
    const result = apply(edited, webConfig((d) => { d.spec.replicas = 4; d.spec.paused = false; }), 'kubectl', at(10));
    expect('status' in result && result.status.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.paused');
  });
});
