/**
 * Every example of the Kubernetes website does under the real `kubectl apply -f` against
 * `kubelab serve` what it does against a fresh v1.32 cluster: accepted, or rejected with the
 * real error. Each file gets a fresh cluster (the control API's reset); a few servers share the
 * work so the suite stays quick on two cores. The examples are dealt out to shards, one test
 * file each (website-examples-*.test.ts), so that both of vitest's workers take a part.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, corpusPresent, websiteExpectations, type Expectation } from '../support/corpus.ts';
import { kubectlPath, labPool } from '../support/kubectl.ts';
import { knownDifferences } from './known-differences.ts';

/** The words the real error contains, by the kind of rejection EXPECTED.tsv describes. */
function rejectionText(why: string): string {
  // A placeholder caBundle is a decoding error, which comes before the CRD's validation.
  if (why.includes('base64') || why.includes('caBundle')) return 'illegal base64 data';
  if (/not served|removed|CRD|custom resource/.test(why)) return 'no matches for kind';
  if (why.includes('strict decoding error')) return 'strict decoding error: unknown field "spec.ipFamily"';
  if (why.includes('ephemeralContainers')) return 'spec.ephemeralContainers: Forbidden: cannot be set on create';
  return why;
}

interface Case {
  file: string;
  accept: boolean;
  /** Text the stderr of a rejection contains. */
  text?: string;
  namespaces: string[];
}

function caseFor(entry: Expectation): Case {
  const override = knownDifferences[entry.file];
  if (override) return { file: entry.file, namespaces: entry.namespaces, ...override };
  if (entry.expect === 'accept') return { file: entry.file, accept: true, namespaces: entry.namespaces };
  return { file: entry.file, accept: false, text: rejectionText(entry.why), namespaces: entry.namespaces };
}

const allCases = corpusPresent ? websiteExpectations().filter((e) => e.expect !== 'skip').map(caseFor) : [];
const poolSize = 3;

/** The website examples test of shard `shard` (from 0) of `shards`: every shards-th example. */
export function describeWebsiteExamples(shard: number, shards: number): void {
  const cases = allCases.filter((_c, i) => i % shards === shard);

  describe.skipIf(!kubectlPath || !corpusPresent)(`corpus: kubernetes website examples under real kubectl apply (${shard + 1}/${shards})`, () => {
    const pool = labPool(poolSize);
    beforeAll(() => pool.start());
    afterAll(() => pool.stop());

    it.concurrent.each(cases.map((c) => [c.accept ? 'accepts' : 'rejects', c.file, c] as const))('%s %s', async (_verb, file, c) => {
      const result = await pool.use((k) => {
        k.lab.control.reset({});
        for (const name of c.namespaces) {
          k.lab.control.cluster.handle({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
        }
        return k.run(['apply', '-f', join(corpusDir, 'k8s-website-examples', file)]);
      });
      if (c.accept) {
        // Applying over an object the cluster made itself (a bootstrap ClusterRole such as system:kube-scheduler)
        // warns about the missing last-applied annotation, as kubectl does against a real kind cluster.
        expect(result.stderr.replace(/^Warning: resource \S+ is missing the kubectl\.kubernetes\.io\/last-applied-configuration annotation .*\n/gm, '')).toBe('');
        expect(result.exitCode).toBe(0);
      } else {
        expect(result.exitCode).not.toBe(0);
        expect(result.stderr).toContain(c.text);
      }
    });
  });
}
