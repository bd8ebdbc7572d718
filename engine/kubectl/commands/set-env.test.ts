import { describe, expect, it } from 'vitest';
import { KubectlError } from '../client/api-client.ts';
import { parseEnv, splitEnvironmentFromResources, updateEnv } from './set-env.ts';

describe('splitEnvironmentFromResources', () => {
  it.each([
    [['deployment/web', 'A=1', 'B-'], { resources: ['deployment/web'], envArgs: ['A=1', 'B-'] }],
    [['deployment', 'web', 'A='], { resources: ['deployment', 'web'], envArgs: ['A='] }],
    [['A=1', 'deployment/web'], undefined],
  ])('%j', (args, expected) => {
    expect(splitEnvironmentFromResources(args)).toEqual(expected);
  });
});

describe('parseEnv', () => {
  it('reads KEY=VAL and KEY- and refuses what kubectl refuses', () => {
    expect(parseEnv(['A=1', 'B=x=y', 'C-'])).toEqual({ env: [{ name: 'A', value: '1' }, { name: 'B', value: 'x=y' }], remove: ['C'] });
    expect(() => parseEnv(['A=1', 'A-'])).toThrow(new KubectlError('error: can not both modify and remove the same environment variable in the same command'));
    expect(() => parseEnv(['oops'])).toThrow(new KubectlError('error: unknown environment variable: oops'));
  });
});

describe('updateEnv', () => {
  it.each([
    ['replaces in place and appends new ones', [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], [{ name: 'B', value: '3' }, { name: 'C', value: '4' }], [],
      [{ name: 'A', value: '1' }, { name: 'B', value: '3' }, { name: 'C', value: '4' }]],
    ['removes every variable of a name', [{ name: 'A', value: '1' }, { name: 'A', value: '2' }, { name: 'B', value: '2' }], [], ['A'], [{ name: 'B', value: '2' }]],
  ])('%s', (_, existing, env, remove, expected) => {
    expect(updateEnv(existing, env, remove)).toEqual(expected);
  });
});
