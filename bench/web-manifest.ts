/**
 * What the browser benchmark reads from a build (bench/web-bench.ts): which JavaScript the page
 * needs before it can paint, and its gzipped size. Light on imports, so `run.ts` can read
 * `webKeys` without loading Playwright or Vite.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The browser figures, as `--only` names them. */
export const webKeys = ['criticalJsKb', 'firstKubectlMs', 'longTaskMaxMs', 'mainThreadMsPerFrame'] as const;

/** One chunk of Vite's build manifest (only the fields read here). */
export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/**
 * The page's interface (lab/main.ts): the entry (lab/lib/worker-boot.ts) starts the cluster worker
 * and imports it dynamically at once, so it is as critical as a static import.
 */
export const interfaceModule = 'lab/main.ts';

/**
 * The files the page loads before it can paint: the entry, the interface, and their static
 * imports, transitively. Other dynamic imports (monaco, the workspace) and workers are not critical.
 */
export function criticalFiles(manifest: Record<string, ManifestChunk>): string[] {
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const next of manifest[key].imports ?? []) visit(next);
  };
  const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry && key.endsWith('index.html'));
  for (const key of entries) visit(key);
  if (entries.length > 0) visit(interfaceModule);
  return [...seen].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));
}

/** Gzipped size in KB (1,024 bytes) of the given files under `dir`, at gzip's default level. */
export function gzipKb(dir: string, files: string[]): number {
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(join(dir, file))).length, 0) / 1024;
}

