import { describe, expect, it } from 'vitest';
import { diffFileName, diffTimestamp } from './diff.ts';

describe('kubectl diff file names and times', () => {
  it.each([
    [{ group: 'apps', version: 'v1', kind: 'Deployment' }, 'default', 'web', 'apps.v1.Deployment.default.web'],
    [{ group: '', version: 'v1', kind: 'Secret' }, 'default', 'creds', 'v1.Secret.default.creds'],
    [{ group: '', version: 'v1', kind: 'Namespace' }, '', 'team', 'v1.Namespace..team'],
  ])('%j %s/%s', (mapping, namespace, name, expected) => {
    expect(diffFileName(mapping, namespace, name)).toBe(expected);
  });

  it('prints a modification time as GNU diff does', () => {
    expect(diffTimestamp(Date.UTC(2026, 10, 27, 16, 16, 58, 196))).toBe('2026-11-27 16:16:58.196000000 +0000');
  });
});
