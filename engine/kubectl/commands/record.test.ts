import { describe, expect, it } from 'vitest';
import { setImageCommand } from './set-image.ts';
import { changeCause } from './record.ts';

// Change causes the real kubectl 1.32 wrote (`kubectl get deploy -o jsonpath='{.metadata.annotations}'`).
describe('changeCause', () => {
  it.each([
    [['set', 'image', 'deploy/web', 'nginx=nginx:1.25', '--record'], 'kubectl set image deploy/web nginx=nginx:1.25 --record=true'],
    [['set', 'image', 'deploy/web', 'nginx=nginx:1.26', '-n', 'default', '--record=true'], 'kubectl set image deploy/web nginx=nginx:1.26 --namespace=default --record=true'],
    [['set', 'image', '--record', 'deploy/web', '--', 'nginx=nginx:1.29'], 'kubectl set image deploy/web nginx=nginx:1.29 --record=true'],
    [['set', 'image', 'deploy/web', 'nginx=nginx:1.26', '--server', 'http://127.0.0.1:18931', '--cache-dir=/tmp/kc', '--record', '-ndefault'],
      'kubectl set image deploy/web nginx=nginx:1.26 --server=http://127.0.0.1:18931 --cache-dir=/tmp/kc --record=true --namespace=default'],
  ])('%j', (argv, cause) => {
    expect(changeCause(argv, setImageCommand.flags)).toBe(cause);
  });
});
