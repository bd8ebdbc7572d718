/**
 * Fidelity of quota and limit ranges as kubectl shows them: `get quota` / `get limits` tables,
 * `describe quota` / `describe limitrange`, `create quota`, and the Forbidden errors of the
 * LimitRanger and ResourceQuota admission plugins, with the Kubernetes website's own manifests.
 * Two labs start from the same seed with a manual clock; the real kubectl talks to one, the
 * emulator to the other, with the same commands, and everything printed must be identical.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, noKubectlMessage, type RealKubectl } from '../support/kubectl.ts';
import { compareScenario, startTwinLabs, type Scenario } from './twin-labs.ts';

const corpus = '/work/shared/corpus/k8s-website-examples/admin/resource/';
/** The website's manifests, by file name. */
const files = (...names: string[]): Record<string, string> =>
  Object.fromEntries(names.map((name) => [name, readFileSync(join(corpus, name), 'utf8')]));

const scenarios: Scenario[] = [
  {
    name: 'compute quota: get, describe and the exceeded-quota error',
    files: files('quota-mem-cpu.yaml', 'quota-mem-cpu-pod.yaml', 'quota-mem-cpu-pod-2.yaml'),
    steps: [
      'apply -f quota-mem-cpu.yaml', 'get quota', 'describe quota mem-cpu-demo', { line: 'apply -f quota-mem-cpu-pod.yaml', advance: 10 },
      'get quota -o wide', 'describe namespace default', 'apply -f quota-mem-cpu-pod-2.yaml', 'run bare --image=nginx',
    ],
    objects: ['resourcequota mem-cpu-demo'],
  },
  {
    name: 'pod quota refuses a Deployment\'s third pod; create quota with scopes',
    files: files('quota-pod.yaml', 'quota-pod-deployment.yaml'),
    steps: [
      'apply -f quota-pod.yaml', { line: 'apply -f quota-pod-deployment.yaml', advance: 5 }, 'describe quota pod-demo',
      'create quota best-effort --hard=pods=1 --scopes=BestEffort', 'create quota counts --hard=count/deployments.apps=1,configmaps=5,services=2',
      'get quota', 'create deployment second --image=nginx', 'create quota bad --hard=pods=1 --scopes=Bogus',
    ],
    objects: ['resourcequota pod-demo', 'replicasets -l purpose=quota-demo'],
  },
  {
    // kubectl describes a LimitRange item's resources in Go map order (it varies run to run), so
    // the ranges described here limit one resource each.
    name: 'limit ranges: defaults, the annotation, and min/max errors',
    files: files('cpu-constraints.yaml', 'cpu-constraints-pod-2.yaml', 'memory-defaults.yaml', 'memory-defaults-pod.yaml', 'storagelimits.yaml', 'pvc-limit-greater.yaml'),
    steps: [
      'apply -f cpu-constraints.yaml', 'get limits', 'describe limits cpu-min-max-demo-lr', 'apply -f cpu-constraints-pod-2.yaml',
      'apply -f memory-defaults.yaml', 'apply -f memory-defaults-pod.yaml', 'apply -f storagelimits.yaml', 'apply -f pvc-limit-greater.yaml',
    ],
    objects: ['pod default-mem-demo', 'limitrange mem-limit-range'],
  },
];

describe.skipIf(!kubectlPath)('kubectl emulator fidelity: ResourceQuota and LimitRange', () => {
  let real: RealKubectl;
  let twin: RealKubectl;
  beforeAll(async () => {
    ({ real, twin } = await startTwinLabs());
  }, 120_000);
  afterAll(async () => {
    await Promise.all([real?.stop(), twin?.stop()]);
  });

  it.each(scenarios)('$name', async (scenario) => {
    expect((await compareScenario(real, twin, scenario)).join('\n')).toBe('');
  }, 180_000);
});

if (!kubectlPath) console.warn(noKubectlMessage);
