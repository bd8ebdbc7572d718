import { describe, expect, it } from 'vitest';
import { defaultStarter, startingFiles } from './starting-files.ts';

const greeting = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: greeting\ndata:\n  message: hello from the editor\n';

describe('startingFiles', () => {
  it.each([
    ['a lesson\'s files as they are', { 'web.yaml': 'kind: Deployment\n' }, { 'web.yaml': 'kind: Deployment\n' }],
    ['the default ConfigMap for a lesson without files', {}, { 'app.yaml': greeting }],
    ['the default ConfigMap for the playground', undefined, { 'app.yaml': greeting }],
  ])('gives %s', (_, files, expected) => {
    expect(startingFiles(files)).toEqual(expected);
  });

  it('hands out a copy of the default, never the shared object', () => {
    const files = startingFiles({});
    files['extra.yaml'] = 'x';
    expect(Object.keys(defaultStarter)).toEqual(['app.yaml']);
  });
});
