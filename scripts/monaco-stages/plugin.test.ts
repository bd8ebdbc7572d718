import { describe, expect, it } from 'vitest';
import { staticImports } from './plugin.ts';

describe('staticImports', () => {
  const cases: { name: string; fileName: string; code: string; imports: string[] }[] = [
    { name: 'imports and re-exports, in source order', fileName: 'a.js', code: "import { a } from './a.js';\nexport * from './b.js';\nimport './c.css';\nexport { d } from './d.js';\nexport const e = 1;", imports: ['./a.js', './b.js', './c.css', './d.js'] },
    { name: 'a dynamic import is not a static one', fileName: 'a.js', code: "const lazy = () => import('./later.js');\nimport x from 'pkg';", imports: ['pkg'] },
    { name: 'TypeScript, with type-only imports erased', fileName: 'a.ts', code: "import type { T } from './types.ts';\nimport { type U, v } from './v.ts';\nexport type { W } from './w.ts';\nconst f = (x: string): number => x.length;", imports: ['./v.ts'] },
  ];
  it.each(cases)('$name', ({ fileName, code, imports }) => {
    expect(staticImports(code, fileName)).toEqual(imports);
  });

  it('reads the page module monaco is configured in (lab/lib/monaco.ts)', async () => {
    const { readFileSync } = await import('node:fs');
    const sources = staticImports(readFileSync('lab/lib/monaco.ts', 'utf8'), 'monaco.ts');
    expect(sources.filter((source) => !source.startsWith('.') && !source.includes('?'))[0]).toBe('monaco-editor/esm/vs/editor/editor.api');
  });
});
