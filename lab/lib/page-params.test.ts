import { describe, expect, it } from 'vitest';
import { pageParams, parseOrigin } from './page-params.ts';

describe('pageParams', () => {
  it.each([
    ['http://lab.test/', { workspace: 'apply', lesson: 'apply' }],
    ['http://lab.test/index.html#playground', { workspace: 'playground' }],
    ['http://lab.test/?playground', { workspace: 'playground' }],
    ['http://lab.test/lab/playground', { workspace: 'playground' }],
    ['http://lab.test/#lesson=scale', { workspace: 'scale', lesson: 'scale' }],
    ['http://lab.test/?lesson=rollback&lang=zh-CN', { workspace: 'rollback', lesson: 'rollback' }],
    ['http://lab.test/?lesson=..%2Fx', { workspace: 'apply', lesson: 'apply' }],
    ['http://lab.test/?workspace=mine&lang=zh-CN', { workspace: 'mine', lesson: 'apply' }],
    ['http://lab.test/?workspace=mine#playground', { workspace: 'mine' }],
    ['http://lab.test/index.html#lesson=scale&embed=https%3A%2F%2Fdocs.example.com', { workspace: 'scale', lesson: 'scale', embedParent: 'https://docs.example.com' }],
    ['http://lab.test/#playground&embed=http%3A%2F%2F127.0.0.1%3A8125', { workspace: 'playground', embedParent: 'http://127.0.0.1:8125' }],
  ])('%s', (href, params) => {
    // The lessons' first id comes from the build (virtual:kubelab-lesson-ids).
    expect(pageParams(href, 'apply')).toEqual(params);
  });

  it.each([
    ['https://docs.example.com', 'https://docs.example.com'],
    ['https://docs.example.com/page', undefined],
    ['null', undefined],
    ['javascript:alert(1)', undefined],
    ['file:///x', undefined],
    [undefined, undefined],
  ])('takes %j as origin %j', (text, origin) => {
    expect(parseOrigin(text)).toBe(origin);
  });
});
