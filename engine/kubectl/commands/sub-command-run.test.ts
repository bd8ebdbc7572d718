import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { KubectlSession } from '../session.ts';

// kubectl 1.32: a parent command alone prints its help (to stderr, rollout's to stdout) and exits 1;
// extra words are RequireNoArguments' error, naming all of them.
describe('parent commands (cmdutil.DefaultSubCommandRun)', () => {
  const session = new KubectlSession(new Cluster({ seed: 7, addons: false }));

  it.each([
    ['kubectl rollout foo deploy/web', 'error: unknown command "foo deploy/web"\nSee \'kubectl rollout -h\' for help and examples\n'],
    ['kubectl create secret foo', 'error: unknown command "foo"\nSee \'kubectl create secret -h\' for help and examples\n'],
    ['kubectl top foo bar', 'error: unknown command "foo bar"\nSee \'kubectl top -h\' for help and examples\n'],
    ['kubectl auth foo', 'error: unknown command "foo"\nSee \'kubectl auth -h\' for help and examples\n'],
    ['kubectl config foo bar', 'error: unknown command "foo bar"\nSee \'kubectl config -h\' for help and examples\n'],
  ])('%s', (line, stderr) => {
    expect(session.run(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it.each([
    ['kubectl set', 'Configure application resources.'],
    ['kubectl top', 'Display resource (CPU/memory) usage.'],
    ['kubectl create service', 'Create a service using a specified subcommand.'],
    ['kubectl create svc', 'Create a service using a specified subcommand.'],
    ['kubectl create secret', 'Create a secret with specified type.'],
  ])('%s prints the help to stderr and fails', (line, firstLine) => {
    const result = session.run(line);
    expect({ stdout: result.stdout, firstLine: result.stderr.split('\n')[0], exitCode: result.exitCode }).toEqual({ stdout: '', firstLine, exitCode: 1 });
    expect(result.stderr).toContain('\nAvailable Commands:\n');
  });
});
