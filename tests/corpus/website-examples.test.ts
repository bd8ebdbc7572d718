/**
 * Every example of the Kubernetes website does under the real `kubectl apply -f` against
 * `kubelab serve` what it does against a fresh v1.32 cluster: accepted, or rejected with the
 * real error. Each file gets a fresh cluster (the control API's reset).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, corpusPresent, websiteExpectations, type Expectation } from '../support/corpus.ts';
import { kubectlPath, startRealKubectl, type RealKubectl } from '../support/kubectl.ts';

/** The words the real error contains, by the kind of rejection EXPECTED.tsv describes. */
function rejectionText(why: string): string {
  if (/not served|removed|CRD|custom resource/.test(why)) return 'no matches for kind';
  if (why.includes('not valid YAML')) return 'found unknown escape character';
  if (why.includes('base64')) return 'illegal base64 data';
  if (why.includes('strict decoding error')) return 'strict decoding error: unknown field "spec.ipFamily"';
  if (why.includes('resourceVersion')) return 'resourceVersion should not be set on objects to be created';
  if (why.includes('invalid CRD')) return 'is invalid';
  return why;
}

const expectations = corpusPresent ? websiteExpectations().filter((e) => e.expect !== 'skip') : [];

describe.skipIf(!kubectlPath || !corpusPresent)('corpus: kubernetes website examples under real kubectl apply', () => {
  let k: RealKubectl;
  beforeAll(async () => {
    k = await startRealKubectl();
  });
  afterAll(async () => {
    await k.stop();
  });

  async function applyFresh(entry: Expectation) {
    k.lab.control.reset({});
    for (const name of entry.namespaces) {
      k.lab.control.cluster.handle({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
    }
    return k.run(['apply', '-f', join(corpusDir, 'k8s-website-examples', entry.file)]);
  }

  it.each(expectations.filter((e) => e.expect === 'accept').map((e) => [e.file, e] as const))('accepts %s', async (_file, entry) => {
    const result = await applyFresh(entry);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it.each(expectations.filter((e) => e.expect === 'reject').map((e) => [e.file, e] as const))('rejects %s', async (_file, entry) => {
    const result = await applyFresh(entry);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain(rejectionText(entry.why));
  });
});
