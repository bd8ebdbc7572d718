import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { criticalFiles, gzipKb, type ManifestChunk } from './web-manifest.ts';

// The shape of Vite's .vite/manifest.json for the lab: the page entry (worker-boot), a chunk it
// imports statically, the interface (lab/main.ts) it imports dynamically at once, monaco behind the
// interface's dynamic import, and the worker's own entry.
const manifest: Record<string, ManifestChunk & { dynamicImports?: string[] }> = {
  'index.html': { file: 'assets/index-a.js', isEntry: true, imports: ['_shared-b.js'], dynamicImports: ['lab/main.ts'] },
  '_shared-b.js': { file: 'assets/shared-b.js', imports: ['_runtime-c.js'] },
  '_runtime-c.js': { file: 'assets/runtime-c.js' },
  'lab/main.ts': { file: 'assets/main-g.js', imports: ['_shared-b.js', '_client-h.js'], dynamicImports: ['lab/lib/monaco.ts'] },
  '_client-h.js': { file: 'assets/client-h.js' },
  'lab/lib/monaco.ts': { file: 'assets/monaco-d.js', imports: ['_shared-b.js'] },
  'worker/entry.ts': { file: 'assets/entry-e.js', isEntry: true },
  '_style.css': { file: 'assets/index-f.css' },
};

describe('criticalFiles', () => {
  it('follows the page entry, the interface and their static imports, not monaco or the worker', () => {
    expect(criticalFiles(manifest)).toEqual(['assets/index-a.js', 'assets/shared-b.js', 'assets/runtime-c.js', 'assets/main-g.js', 'assets/client-h.js']);
  });

  it('finds nothing without a page entry', () => {
    expect(criticalFiles({ 'worker/entry.ts': { file: 'assets/entry-e.js', isEntry: true } })).toEqual([]);
  });
});

describe('gzipKb', () => {
  it('adds up the gzipped sizes in KB', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelab-web-manifest-'));
    const texts = ['export const a = 1;\n'.repeat(500), 'console.log("b");\n'];
    texts.forEach((text, i) => writeFileSync(join(dir, `${i}.js`), text));
    const expected = texts.reduce((sum, text) => sum + gzipSync(text).length, 0) / 1024;
    expect(gzipKb(dir, ['0.js', '1.js'])).toBe(expected);
    expect(expected).toBeGreaterThan(0);
  });
});
