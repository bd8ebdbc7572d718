import { describe, expect, it } from 'vitest';
import { managerOrUserAgent, prefixFromUserAgent } from './field-manager.ts';

describe('managerOrUserAgent', () => {
  it.each([
    ['kubectl-edit', 'kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd', 'kubectl-edit'],
    [undefined, 'kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd', 'kubectl'],
    ['', 'kube-controller-manager/v1.32.0 (linux/amd64) kubernetes/70d3cc9/system:serviceaccount:kube-system:deployment-controller', 'kube-controller-manager'],
    [undefined, 'Mozilla/5.0 (X11; Linux x86_64)', 'Mozilla'],
    [undefined, 'Go-http-client/1.1', 'Go-http-client'],
    [undefined, undefined, ''],
  ])('fieldManager %j with User-Agent %j → %j', (fieldManager, userAgent, expected) => {
    expect(managerOrUserAgent(fieldManager, userAgent)).toBe(expected);
  });

  it('drops unprintable characters and stops at 128 bytes', () => {
    expect(prefixFromUserAgent('my\u0007tool/1.0')).toBe('mytool');
    expect(prefixFromUserAgent(`${'a'.repeat(127)}é/1`)).toBe('a'.repeat(127));
  });
});
