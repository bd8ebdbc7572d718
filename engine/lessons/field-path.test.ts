import { describe, expect, it } from 'vitest';
import { parseFieldPath, readField, unmet } from './field-path.ts';

const deployment = {
  metadata: { annotations: { 'deployment.kubernetes.io/revision': '4' } },
  spec: { replicas: 3, template: { spec: { containers: [{ name: 'sidecar', image: 'busybox' }, { name: 'web', image: 'nginx:1.27' }] } } },
  status: { conditions: [{ type: 'Available', status: 'True' }] },
};

describe('field paths', () => {
  it.each([
    ['spec.replicas', 3],
    ['spec.template.spec.containers[1].image', 'nginx:1.27'],
    ['spec.template.spec.containers[name=web].image', 'nginx:1.27'],
    ["metadata.annotations['deployment.kubernetes.io/revision']", '4'],
    ['status.conditions[type=Available].status', 'True'],
    ['status.conditions[type=Progressing].status', undefined],
    ['spec.missing.deeper', undefined],
  ])('%s reads %j', (path, value) => {
    expect(readField(deployment, parseFieldPath(path))).toEqual(value);
  });

  it.each([
    [{ path: 'spec.replicas', equals: 3 }, undefined],
    [{ path: 'spec.replicas', equals: 2 }, 'spec.replicas is 3, expected 2'],
    [{ path: 'spec.replicas', atLeast: 4 }, 'spec.replicas is 3, expected at least 4'],
    [{ path: "metadata.annotations['deployment.kubernetes.io/revision']", atLeast: 4 }, undefined],
    [{ path: 'spec.template.spec.containers[name=web].image', oneOf: ['nginx:1.26', 'nginx:1.27'] }, undefined],
    [{ path: 'spec.template.spec.containers[0].image', contains: 'nginx' }, 'spec.template.spec.containers[0].image does not contain "nginx"'],
    [{ path: 'metadata.deletionTimestamp', exists: false }, undefined],
    [{ path: 'spec.paused', equals: true }, 'spec.paused is not set'],
    [{ path: 'spec.replicas', exists: false }, 'spec.replicas is set (3), expected it unset'],
  ])('%j: %s', (expectation, problem) => {
    expect(unmet(deployment, expectation)).toBe(problem);
  });

  it.each([['', 'it is empty'], ['.spec', 'a dot at the start or the end'], ['a[b c]', 'is not an index']])('refuses %j', (path, why) => {
    expect(() => parseFieldPath(path)).toThrow(why);
  });
});
