import { describe, expect, it } from 'vitest';
import { pickLang, strings, translate } from './strings.ts';

describe('lab strings', () => {
  it.each([
    [['zh-CN'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [[null, 'en-GB'], 'en'],
    [['fr', 'zh-TW'], 'zh-CN'],
    [[undefined], 'en'],
  ] as const)('pickLang(%j) is %s', (wanted, lang) => {
    expect(pickLang(...wanted)).toBe(lang);
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(translate('zh-CN', 'nodeRejected', { plugin: 'NodeResourcesFit', reasons: 'Insufficient cpu' })).toBe('被 NodeResourcesFit 拒绝：Insufficient cpu');
    expect(translate('en', 'placedOn')).toBe('Placed on {node}');
  });

  it('translates every key into Chinese', () => {
    const untranslated = Object.keys(strings.en).filter((k) => k !== 'appTitle' && k !== 'yaml' && strings['zh-CN'][k as keyof typeof strings.en] === strings.en[k as keyof typeof strings.en]);
    expect(untranslated).toEqual([]);
  });
});
