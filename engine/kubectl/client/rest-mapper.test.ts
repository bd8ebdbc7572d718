import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { discoverResources } from './discovery.ts';
import { RestMapper, kindPrefix } from './rest-mapper.ts';

const mapper = new RestMapper(discoverResources(new Cluster()).resources);

describe('RestMapper.mappingFor', () => {
  it.each([
    ['pods', '/v1/pods'],
    ['po', '/v1/pods'],
    ['pod', '/v1/pods'],
    ['Pod', '/v1/pods'],
    ['PODS', '/v1/pods'],
    ['deploy', 'apps/v1/deployments'],
    ['deployments.apps', 'apps/v1/deployments'],
    ['deployment.apps', 'apps/v1/deployments'],
    ['deployments.v1.apps', 'apps/v1/deployments'],
    ['deploy.apps', 'apps/v1/deployments'],
    ['Deployment', 'apps/v1/deployments'],
    ['hpa', 'autoscaling/v2/horizontalpodautoscalers'],
    ['horizontalpodautoscalers.v1.autoscaling', 'autoscaling/v1/horizontalpodautoscalers'],
    ['events', '/v1/events'],
    ['ev', '/v1/events'],
    ['events.events.k8s.io', 'events.k8s.io/v1/events'],
    ['crd', 'apiextensions.k8s.io/v1/customresourcedefinitions'],
  ])('%s', (arg, expected) => {
    const r = mapper.mappingFor(arg);
    expect(`${r.group}/${r.version}/${r.resource}`).toBe(expected);
  });

  it.each([
    ['deploymnt', 'error: the server doesn\'t have a resource type "deploymnt"'],
    ['deploymnt.apps', 'error: the server doesn\'t have a resource type "deploymnt"'],
    ['pods.v1', 'error: the server doesn\'t have a resource type "pods"'],
  ])('%s is unknown', (arg, message) => {
    expect(() => mapper.mappingFor(arg)).toThrow(message);
  });
});

describe('RestMapper.expandTypes', () => {
  it('expands the all category in discovery order and drops duplicates', () => {
    expect(mapper.expandTypes('all,pods')).toEqual(expect.arrayContaining(['pods', 'services', 'deployments.apps', 'replicasets.apps']));
    expect(mapper.expandTypes('pods,svc,pods')).toEqual(['pods', 'svc']);
  });
  it('names kinds as kubectl prefixes them', () => {
    expect([kindPrefix(mapper.mappingFor('deploy')), kindPrefix(mapper.mappingFor('svc'))]).toEqual(['deployment.apps', 'service']);
  });
});
