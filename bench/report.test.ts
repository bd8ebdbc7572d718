import { describe, expect, it } from 'vitest';
import { figures, formatNumber, jsonLine, meets, renderTable } from './report.ts';

describe('formatNumber', () => {
  it.each([
    [123456.7, '123,457'],
    [4096, '4,096'],
    [55.55, '55.6'],
    [2.226, '2.23'],
    [0, '0'],
  ])('%s → %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe('meets', () => {
  it.each([
    [{ op: '>=', value: 100, source: '' }, 100, true],
    [{ op: '>=', value: 100, source: '' }, 99, false],
    [{ op: '<=', value: 4096, source: '' }, 4096, true],
    [{ op: '<=', value: 4096, source: '' }, 4097, false],
  ] as const)('%o with %d → %s', (budget, value, expected) => {
    expect(meets(value, budget)).toBe(expected);
  });
});

describe('renderTable', () => {
  const table = renderTable({ apiCreatePerSec: 1234.5, bytesPerPod: 3000 });
  const row = (label: string) => table.split('\n').find((line) => line.startsWith(label)) ?? '';

  it('puts each figure beside its budget and verdict', () => {
    expect(row('API create (POST pod)')).toMatch(/^API create \(POST pod\)\s+1,235 pods\/s\s+MISSED\s+≥ 30,000 pods\/s/);
    expect(row('heap per Running pod at 30k')).toMatch(/3,000 B\s+ok\s+≤ 4,096 B \(DESIGN\.md\)\s+plain JSON pods/);
  });

  it('says which figures were not measured', () => {
    expect(row('scheduler, 1k nodes, 10k pods')).toMatch(/—\s+not measured\s+≥ 50,000 pods\/s/);
    expect(row('API get (one pod by name)')).toMatch(/—\s+not measured/);
  });

  it('has one row per figure under a header and a rule', () => {
    expect(table.split('\n')).toHaveLength(figures.length + 2);
  });
});

describe('jsonLine', () => {
  it('keeps measured numbers, rounded, and leaves out non-numbers', () => {
    const line = jsonLine({ apiGetPerSec: 1000.123456, deploy1kMs: 50.004, bytesPerPod: Number.NaN, benchSeconds: 61 });
    expect(JSON.parse(line)).toEqual({ apiGetPerSec: 1000.12, deploy1kMs: 50, benchSeconds: 61 });
    expect(line).not.toContain('\n');
  });
});
