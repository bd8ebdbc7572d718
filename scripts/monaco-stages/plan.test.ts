import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluationUnits, stagesOf } from './plan.ts';

/** A module graph as `name: imports` lines, e.g. `{ a: 'b c', b: 'c', c: '' }`. */
type Graph = Record<string, string>;
const importsOf = (graph: Graph): Map<string, string[]> =>
  new Map(Object.entries(graph).map(([name, imports]) => [name, imports.split(' ').filter(Boolean)]));

const graphs: { name: string; graph: Graph; entries: string[]; units: string[][] }[] = [
  { name: 'a chain', graph: { a: 'b', b: 'c', c: '' }, entries: ['a'], units: [['c'], ['b'], ['a']] },
  { name: 'a diamond, imports in source order', graph: { a: 'c b', b: 'd', c: 'd', d: '' }, entries: ['a'], units: [['d'], ['c'], ['b'], ['a']] },
  { name: 'a cycle is one unit, entered where first reached', graph: { a: 'b', b: 'c', c: 'b d', d: '' }, entries: ['a'], units: [['d'], ['c', 'b'], ['a']] },
  { name: 'a cycle through the entry', graph: { a: 'b', b: 'a c', c: '' }, entries: ['a'], units: [['c'], ['b', 'a']] },
  { name: 'a second entry adds only what the first did not reach', graph: { a: 'c', b: 'c d', c: '', d: '' }, entries: ['a', 'b'], units: [['c'], ['a'], ['d'], ['b']] },
  { name: 'an unknown module has no imports', graph: { a: 'x' }, entries: ['a'], units: [['x'], ['a']] },
];

describe('evaluationUnits', () => {
  it.each(graphs)('$name', ({ graph, entries, units }) => {
    expect(evaluationUnits(entries, importsOf(graph)).map((unit) => unit.modules)).toEqual(units);
  });

  it('roots a cycle at the module the traversal reached first', () => {
    const units = evaluationUnits(['a'], importsOf({ a: 'b', b: 'c', c: 'b' }));
    expect(units.map((unit) => unit.root)).toEqual(['b', 'a']);
  });
});

describe('stagesOf', () => {
  const units = evaluationUnits(['a'], importsOf({ a: 'b c d', b: '', c: '', d: '' }));
  const cases: { name: string; weights: Record<string, number>; count: number; stages: string[][] }[] = [
    { name: 'equal weights, two stages', weights: { a: 1, b: 1, c: 1, d: 1 }, count: 2, stages: [['b', 'c'], ['d', 'a']] },
    { name: 'one heavy unit stands alone, the rest share what it left', weights: { a: 1, b: 10, c: 1, d: 1 }, count: 3, stages: [['b'], ['c', 'd'], ['a']] },
    { name: 'no more stages than units', weights: { a: 1, b: 1, c: 1, d: 1 }, count: 9, stages: [['b'], ['c'], ['d'], ['a']] },
    { name: 'one stage', weights: { a: 1, b: 1, c: 1, d: 1 }, count: 1, stages: [['b', 'c', 'd', 'a']] },
  ];
  it.each(cases)('$name', ({ weights, count, stages }) => {
    expect(stagesOf(units, (module) => weights[module] ?? 0, count).map((stage) => stage.map((unit) => unit.root))).toEqual(stages);
  });
});

// The premise, checked against a real ES module loader (Node's): importing the stages' roots one
// after another evaluates the modules in the same order as importing the entries at once.
describe('staged imports keep the evaluation order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-stages-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const graph: Graph = { main: 'ui core', ui: 'widgets core theme', widgets: 'dom events theme', theme: 'registry', registry: 'events theme', events: 'dom', dom: '', core: 'events model', model: 'core text', text: '' };
  for (const [name, imports] of importsOf(graph)) {
    const lines = imports.map((dependency) => `import './${dependency}.mjs';`);
    writeFileSync(join(dir, `${name}.mjs`), `${lines.join('\n')}\n(globalThis.order ??= []).push('${name}');\n`);
  }
  const evaluate = (imports: string[]): string[] => {
    const script = `${imports.map((name) => `await import('./${name}.mjs');`).join('\n')}\nprocess.stdout.write(JSON.stringify(globalThis.order));`;
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' })) as string[];
  };

  it.each([1, 2, 3, 5])('in %i stages', (count) => {
    const units = evaluationUnits(['main'], importsOf(graph));
    const stages = stagesOf(units, () => 1, count);
    expect(stages.length).toBe(Math.min(count, units.length));
    expect(evaluate(stages.flat().map((unit) => unit.root))).toEqual(evaluate(['main']));
  });

  it('the graph has cycles', () => {
    expect(evaluationUnits(['main'], importsOf(graph)).some((unit) => unit.modules.length > 1)).toBe(true);
  });
});
