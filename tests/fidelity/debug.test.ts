/**
 * Fidelity of `kubectl debug`: two labs started from the same seed with a manual clock; the real
 * kubectl talks to one, the emulator to the other, with the same commands. stdout, stderr, exit
 * codes and the pods afterwards (ephemeral containers, copies) must be identical. Debug container
 * names are given with `-c` because kubectl's own are random; `-i` is left out because the real
 * kubectl would wait for a clock that only moves between steps.
 */
import { describe, expect, it } from 'vitest';
import { kubectlPath, noKubectlMessage } from '../support/kubectl.ts';
import { compareScenario, useTwinLabs, type Step } from './twin-labs.ts';

// No service account token volume and no probes: the real kubectl creates a copy as protobuf, and
// kubelab's decoding of inlined members (VolumeSource, ProbeHandler) is not yet right.
const files = {
  'web.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\n  annotations:\n    note: debug-me\nspec:\n'
    + '  automountServiceAccountToken: false\n  containers:\n  - name: web\n    image: nginx:1.27\n',
};

const steps: (string | Step)[] = [
  { line: 'apply -f web.yaml', advance: 30 },
  'debug web --image=busybox -c dbg --profile=general',
  'debug web --image=busybox:1.36 -c dbg2 --profile=netadmin --target=web -- sleep 3600',
  'debug web --image=busybox -c dbg3 --profile=restricted --env=A=1 --image-pull-policy=IfNotPresent',
  'debug web --image=busybox -c dbg4 -q',
  'debug web --image=busybox -c dbg --profile=general',
  'debug web --image=busybox -c web --profile=sysadmin',
  'debug web --image=busybox -c x --target=nothere --profile=general',
  'debug web',
  'debug web --image=busybox --replace --profile=general',
  'debug web --image=busybox --image-pull-policy=Sometimes --profile=general',
  'debug nothere --image=busybox --profile=general',
  'debug deploy/nothere --image=busybox --profile=general',
  'debug cm/kube-root-ca.crt --image=busybox --profile=general',
  'debug web --copy-to=web-copy --set-image=*=nginx:1.28 --profile=general',
  'debug web --image=busybox --copy-to=web-copy2 -c dbg --share-processes=false --profile=baseline --keep-labels',
  'debug web --copy-to=web-copy3 --profile=general',
  // The last 30 s let the copies start before the pods are compared.
  { line: 'debug --help', advance: 30 },
];

describe.skipIf(!kubectlPath)('kubectl emulator fidelity: debug', () => {
  const labs = useTwinLabs();

  it('ephemeral containers, copies and errors', async () => {
    const differences = await compareScenario(labs.real, labs.twin, { name: 'debug', files, steps, objects: ['pod web', 'pod web-copy', 'pod web-copy2'] });
    expect(differences.join('\n')).toBe('');
  }, 120_000);
});

if (!kubectlPath) console.warn(noKubectlMessage);
