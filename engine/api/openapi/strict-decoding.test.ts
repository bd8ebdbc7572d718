import { describe, expect, it } from 'vitest';
import { summarizeCustomResource } from './summary.ts';
import { cannotBeHandledMessage, decodeErrors, findUnknownFields, strictDecodingMessage, typeErrors } from './strict-decoding.ts';

const deploymentGvk = { group: 'apps', version: 'v1', kind: 'Deployment' };

function deployment(spec: Record<string, unknown>, podSpec: Record<string, unknown> = {}): unknown {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' }, annotations: { 'a/b': 'c' } },
    spec: {
      replicas: 3, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }], ...podSpec } },
      ...spec,
    },
  };
}

describe('findUnknownFields', () => {
  it.each([
    ['a valid Deployment', deployment({}), []],
    ['replica for replicas', deployment({ replica: 2 }), ['spec.replica']],
    ['a typo in a probe', deployment({}, { containers: [{ name: 'nginx', image: 'nginx', readinessProbe: { initialDelay: 5 } }] }),
      ['spec.template.spec.containers[0].readinessProbe.initialDelay']],
    ['imagePullPolicy at pod level', deployment({}, { imagePullPolicy: 'Always' }), ['spec.template.spec.imagePullPolicy']],
    ['wrong case in the second container', deployment({}, { containers: [{ name: 'a', image: 'a' }, { name: 'b', Image: 'b' }] }),
      ['spec.template.spec.containers[1].Image']],
    ['two typos, in document order', deployment({ replica: 1, strategy: { type: 'Recreate', rollingupdate: {} } }),
      ['spec.replica', 'spec.strategy.rollingupdate']],
    ['metadata typo', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', label: {} }, spec: { containers: [] } }, ['metadata.label']],
  ])('%s', (_name, obj, expected) => {
    const gvk = (obj as { kind: string }).kind === 'Pod' ? { group: '', version: 'v1', kind: 'Pod' } : deploymentGvk;
    expect(findUnknownFields(gvk, obj)).toEqual(expected);
  });

  it('lets maps, resources and raw data hold any key', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { anything: 'x', 'other.key': 'y' } };
    expect(findUnknownFields({ group: '', version: 'v1', kind: 'ConfigMap' }, configMap)).toEqual([]);
    const revision = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: { spec: { whatever: 1 } } };
    expect(findUnknownFields({ group: 'apps', version: 'v1', kind: 'ControllerRevision' }, revision)).toEqual([]);
  });

  it('checks custom resources against their schema and honours x-kubernetes-preserve-unknown-fields', () => {
    const gvk = { group: 'stable.example.com', version: 'v1', kind: 'CronTab' };
    const summary = summarizeCustomResource(gvk, {
      type: 'object',
      properties: {
        spec: { type: 'object', properties: { cronSpec: { type: 'string' }, extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
      },
    });
    const obj = { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'c', nme: 'x' }, spec: { cronspec: '* * * * *', extra: { any: 1 } } };
    expect(findUnknownFields(gvk, obj, summary)).toEqual(['metadata.nme', 'spec.cronspec']);
  });

  it('formats the strict decoding error as the API server does', () => {
    expect(cannotBeHandledMessage(deploymentGvk, strictDecodingMessage(['spec.replica', 'spec.template.spec.containers[0].imagePullPolicy'])))
      .toBe('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica", unknown field "spec.template.spec.containers[0].imagePullPolicy"');
  });
});

describe('typeErrors', () => {
  it.each([
    ['replicas as a string', deployment({ replicas: '3' }), 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['a fractional replicas', deployment({ replicas: 2.5 }), 'json: cannot unmarshal number 2.5 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['a numeric image', deployment({}, { containers: [{ name: 'a', image: 1 }] }),
      'json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string'],
    ['containers as a map', deployment({}, { containers: { name: 'a' } }),
      'json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container'],
    ['a numeric label', { ...(deployment({}) as object), metadata: { name: 'web', labels: { tier: 1 } } },
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    ['a bool maxSurge', deployment({ strategy: { rollingUpdate: { maxSurge: true } } }),
      'json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32'],
    ['a named string type', deployment({}, { containers: [{ name: 'a', imagePullPolicy: 1 }] }),
      'json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.imagePullPolicy of type v1.PullPolicy'],
    ['spec as a string', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: {}, spec: 'x' },
      'json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec'],
  ])('%s', (_name, obj, expected) => {
    expect(typeErrors(deploymentGvk, obj)[0]).toBe(expected);
  });

  it('accepts a valid Deployment, IntOrString strings, quantities and nulls', () => {
    const obj = deployment({ strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } }, paused: null },
      { containers: [{ name: 'a', resources: { limits: { cpu: '500m', memory: 128 } } }] });
    expect(typeErrors(deploymentGvk, obj)).toEqual([]);
  });

  it('wraps into the message kubectl prints', () => {
    const [first] = typeErrors(deploymentGvk, deployment({ replicas: '3' }));
    expect(cannotBeHandledMessage(deploymentGvk, first ?? '')).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  });
});

describe('decodeErrors', () => {
  it.each([
    ['a valid Deployment', deployment({})],
    ['a type error and a typo', deployment({ replicas: '3', replica: 1 })],
    ['a typo below a list item and in a map of structs', deployment({}, { containers: [{ name: 'a', image: 'a', resources: { limit: {} } }] })],
  ])('finds what typeErrors and findUnknownFields find, in one walk: %s', (_name, obj) => {
    expect(decodeErrors(deploymentGvk, obj)).toEqual({ typeErrors: typeErrors(deploymentGvk, obj), unknownFields: findUnknownFields(deploymentGvk, obj) });
  });

  it('reports a field named like an Object.prototype member as unknown', () => {
    expect(decodeErrors(deploymentGvk, deployment({ constructor: 1, toString: 'x' })))
      .toEqual({ typeErrors: [], unknownFields: ['spec.constructor', 'spec.toString'] });
  });
});
