import { describe, expect, it } from 'vitest';
import { quantityString } from './quantity.ts';

describe('quantityString', () => {
  it.each([
    ['1000m', '1'], ['0.5', '500m'], ['250m', '250m'], ['1.5k', '1500'], ['1000', '1k'], ['1024Mi', '1Gi'], ['1536Mi', '1536Mi'],
    ['0.5Gi', '512Mi'], ['1Ki', '1Ki'], ['512', '512'], ['0', '0'], ['0Gi', '0'], ['1e3', '1e3'], ['1.5e3', '1500'], ['-2000m', '-2'],
    ['100Mi', '100Mi'], ['0.1', '100m'], ['1n', '1n'], ['0.0000000001', '1n'], [2, '2'], [undefined, '<nil>'],
  ])('%s → %s', (input, expected) => {
    expect(quantityString(input)).toBe(expected);
  });
});
