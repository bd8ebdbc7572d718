/**
 * Where the shared corpus of real manifests lives (../shared/corpus next to the checkout), and
 * its EXPECTED.tsv: what a fresh v1.32 cluster does with `kubectl apply -f FILE`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const corpusDir = resolve(fileURLToPath(new URL('../../../shared/corpus', import.meta.url)));
export const corpusPresent = existsSync(join(corpusDir, 'k8s-website-examples', 'EXPECTED.tsv'));
export const noCorpusMessage = `the shared corpus is not at ${corpusDir}: corpus tests are skipped`;
if (!corpusPresent) console.warn(noCorpusMessage);

export interface Expectation {
  file: string;
  expect: 'accept' | 'reject' | 'skip';
  namespaces: string[];
  why: string;
}

export function websiteExpectations(): Expectation[] {
  const text = readFileSync(join(corpusDir, 'k8s-website-examples', 'EXPECTED.tsv'), 'utf8');
  return text.split('\n').slice(1).filter(Boolean).map((line) => {
    const [file, expect, namespaces, why] = line.split('\t');
    return { file, expect: expect as Expectation['expect'], namespaces: namespaces ? namespaces.split(',').map((n) => n.trim()).filter(Boolean) : [], why: why ?? '' };
  });
}
