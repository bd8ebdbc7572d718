import { describe, expect, it } from 'vitest';
import {
  addQuantities, canonicalQuantity, compareQuantities, errFormatWrong, milliValue, newMilliQuantity, newQuantity, parseQuantity,
  quantityError, quantityString, quantityValue, subtractQuantities,
} from './quantity.ts';

describe('Quantity.String()', () => {
  it.each([
    ['500m', '500m'], ['1Gi', '1Gi'], ['1k', '1k'], ['1000m', '1'], ['0.5', '500m'], ['1e3', '1e3'],
    ['1024Mi', '1Gi'], ['2048Ki', '2Mi'], ['1.5Gi', '1536Mi'], ['0.1Gi', '107374182400m'], ['1.5', '1500m'],
    ['3000m', '3'], ['128974848', '128974848'], ['129e6', '129e6'], ['123Mi', '123Mi'], ['1Ei', '1Ei'],
    ['0', '0'], ['00', '0'], ['0Gi', '0'], ['-1', '-1'], ['1n', '1n'], ['0.0000000001', '1n'], ['1.0', '1'],
    ['100e-3', '100e-3'], ['1000e0', '1e3'], ['512Ki', '512Ki'], ['100Ki', '100Ki'], ['1000Mi', '1000Mi'],
    // Go keeps the text as written when its fast path finds it canonical enough.
    ['01', '01'], ['+1', '+1'],
  ])('%s → %s', (input, expected) => {
    expect(quantityString(parseQuantity(input))).toBe(expected);
  });

  it('canonicalizes JSON numbers and trims strings', () => {
    expect(canonicalQuantity(0.5)).toBe('500m');
    expect(canonicalQuantity(2)).toBe('2');
    expect(canonicalQuantity(' 250m ')).toBe('250m');
  });
});

describe('parse errors', () => {
  it.each([
    ['1cpu', errFormatWrong], ['1GB', errFormatWrong], ['', errFormatWrong], ['abc', errFormatWrong], ['1.5.5', errFormatWrong],
    ['1mi', "unable to parse quantity's suffix"], ['1e', "unable to parse quantity's suffix"],
  ])('%j', (input, message) => {
    expect(quantityError(input)).toBe(message);
  });

  it('quotes the regular expression exactly', () => {
    expect(errFormatWrong).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    expect(quantityError(true)).toBe(errFormatWrong);
    expect(quantityError('100Mi')).toBeUndefined();
  });
});

describe('arithmetic', () => {
  it('compares across formats', () => {
    expect(compareQuantities(parseQuantity('1'), parseQuantity('1000m'))).toBe(0);
    expect(compareQuantities(parseQuantity('2'), parseQuantity('1'))).toBe(1);
    expect(compareQuantities(parseQuantity('1Gi'), parseQuantity('1G'))).toBe(1);
  });

  it('rounds milli and whole values up', () => {
    expect(milliValue(parseQuantity('1n'))).toBe(1);
    expect(milliValue(parseQuantity('1.5'))).toBe(1500);
    expect(quantityValue(parseQuantity('500m'))).toBe(1);
    expect(quantityValue(parseQuantity('1Ki'))).toBe(1024);
  });

  it('builds and adds quantities', () => {
    expect(quantityString(newMilliQuantity(1500))).toBe('1500m');
    expect(quantityString(newQuantity(1073741824, 'BinarySI'))).toBe('1Gi');
    expect(quantityString(addQuantities(parseQuantity('500m'), parseQuantity('500m')))).toBe('1');
    expect(quantityString(subtractQuantities(parseQuantity('1Gi'), parseQuantity('512Mi')))).toBe('512Mi');
  });
});
