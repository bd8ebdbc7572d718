import { describe, expect, it } from 'vitest';
import { errorText } from '../field-errors.ts';
import { formatLabelSelector, labelSelectorAsSelector, selectorFromSet, validateLabelSelector } from './label-selector.ts';
import { matchLabels, selectorString } from './labels.ts';

describe('formatLabelSelector', () => {
  it.each([
    [{ matchLabels: { app: 'web' } }, 'app=web'],
    [{ matchLabels: { tier: 'fe', app: 'web' } }, 'app=web,tier=fe'],
    [{ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] }, 'app=web,tier in (a,b)'],
    [{ matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }, { key: 'app', operator: 'Exists' }] }, 'app,!canary'],
    [{ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, 'env notin (prod)'],
    [{}, '<none>'],
    [null, '<none>'],
    [{ matchExpressions: [{ key: 'env', operator: 'In', values: [] }] }, '<error>'],
    [{ matchExpressions: [{ key: 'env', operator: 'Like', values: ['x'] }] }, '<error>'],
  ])('%j → %s', (selector, expected) => {
    expect(formatLabelSelector(selector)).toBe(expected);
  });
});

describe('labelSelectorAsSelector', () => {
  it('matches nothing for a nil selector and everything for an empty one', () => {
    const nil = labelSelectorAsSelector(null);
    const empty = labelSelectorAsSelector({});
    expect(nil.ok && matchLabels(nil.value, { app: 'web' })).toBe(false);
    expect(empty.ok && matchLabels(empty.value, { app: 'web' })).toBe(true);
  });

  it.each([
    [{ matchExpressions: [{ key: 'env', operator: 'Like' }] }, '"Like" is not a valid label selector operator'],
    [{ matchExpressions: [{ key: 'env', operator: 'In', values: [] }] },
      "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'env', operator: 'Exists', values: ['a'] }] },
      'values: Invalid value: []string{"a"}: values set must be empty for exists and does not exist'],
    [{ matchExpressions: [{ key: 'bad key', operator: 'In', values: [] }] },
      '[key: Invalid value: "bad key": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must ' +
      "start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for " +
      "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), values: Invalid value: []string{}: for 'in', 'notin' " +
      "operators, values set can't be empty]"],
  ])('%j fails with %s', (selector, message) => {
    expect(labelSelectorAsSelector(selector)).toEqual({ ok: false, message });
  });
});

describe('validateLabelSelector', () => {
  it('reports each problem at its path with apimachinery\'s text', () => {
    const errors = validateLabelSelector({
      matchLabels: { app: '-web' },
      matchExpressions: [
        { key: 'tier', operator: 'In' },
        { key: 'env', operator: 'Exists', values: ['x'] },
        { key: 'zone', operator: 'Near', values: ['a'] },
      ],
    }, 'spec.selector');
    expect(errors.map(errorText)).toEqual([
      'spec.selector.matchLabels: Invalid value: "-web": a valid label must be an empty string or consist of alphanumeric ' +
        "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or " +
        "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[2].operator: Invalid value: "Near": not a valid selector operator',
    ]);
  });

  it('accepts a valid selector', () => {
    expect(validateLabelSelector({ matchLabels: { app: 'web' } }, 'spec.selector')).toEqual([]);
  });
});

describe('selectorFromSet', () => {
  it('turns a map into sorted equality requirements', () => {
    const selector = selectorFromSet({ tier: 'fe', app: 'web' });
    expect(selectorString(selector)).toBe('app=web,tier=fe');
    expect(matchLabels(selector, { app: 'web', tier: 'fe', x: 'y' })).toBe(true);
  });
});
