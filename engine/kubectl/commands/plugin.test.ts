import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { KubectlSession } from '../session.ts';

// As the real kubectl 1.32 answered with no plugin on its PATH (`env PATH=/nonexistent kubectl …`).
describe('kubectl plugin', () => {
  const session = new KubectlSession(new Cluster({ seed: 1, addons: false }));
  it.each([
    ['plugin list', { stdout: '', stderr: 'error: unable to find any kubectl plugins in your PATH\n', exitCode: 1 }],
    ['plugin list --name-only', { stdout: '', stderr: 'error: unable to find any kubectl plugins in your PATH\n', exitCode: 1 }],
    ['plugin list extra', { stdout: '', stderr: 'error: unable to find any kubectl plugins in your PATH\n', exitCode: 1 }],
    ['plugin foo', { stdout: '', stderr: 'error: unknown command "foo"\nSee \'kubectl plugin -h\' for help and examples\n', exitCode: 1 }],
    ['plugin list --bogus', { stdout: '', stderr: 'error: unknown flag: --bogus\nSee \'kubectl plugin list --help\' for usage.\n', exitCode: 1 }],
  ])('%s', (line, expected) => {
    expect(session.kubectl(line.split(' '))).toEqual(expected);
  });

  it('alone prints its help on stderr and fails', () => {
    const result = session.kubectl(['plugin']);
    expect(result).toEqual({ stdout: '', stderr: session.kubectl(['plugin', '--help']).stdout, exitCode: 1 });
    expect(result.stderr).toContain('Available Commands:\n  list          List all visible plugin executables on a user\'s PATH\n');
  });
});
