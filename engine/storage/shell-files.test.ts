/** The shell's redirections and tests over a container with volumes (busybox ash's messages). */
import { describe, expect, it } from 'vitest';
import { Shell } from '../kubelet/images/shell.ts';
import { FileTree } from './file-tree.ts';
import { MountedFiles, containerLayer } from './mounted-files.ts';

function run(script: string): string {
  const data = new FileTree();
  const config = new FileTree();
  config.write('key', 'value', 0, true);
  const files = new MountedFiles([
    { mountPath: '/data', tree: data, root: '', readOnly: false },
    { mountPath: '/etc/cfg', tree: config, root: '', readOnly: true },
  ], containerLayer(0), () => 0);
  const shell = new Shell({ env: {}, files, hostname: 'box', now: () => 0 });
  let text = '';
  const steps = shell.script(script);
  for (let step = steps.next(); !step.done; step = steps.next()) if (step.value.kind === 'output') text += step.value.text;
  return text;
}

const cases: [string, string, string][] = [
  ['> and >> into a volume', 'echo a > /data/f; echo b >> /data/f; cat /data/f', 'a\nb\n'],
  ['printf into a file', 'printf "%s-%s\\n" x y > /tmp/p; cat /tmp/p', 'x-y\n'],
  ['a missing directory', 'echo a > /nope/f; echo $?', "sh: can't create /nope/f: nonexistent directory\n1\n"],
  ['a read-only volume', 'echo a > /etc/cfg/key', "sh: can't create /etc/cfg/key: Read-only file system\n"],
  ['cat of a directory', 'cat /data', 'cat: read error: Is a directory\n'],
  ['test -d and -e', '[ -d /data ] && echo dir; [ -d /data/f ] || echo nodir; [ -e /etc/cfg/key ] && echo exists', 'dir\nnodir\nexists\n'],
  ['mkdir -p, touch and ls', 'mkdir -p /data/a/b && touch /data/a/b/c && ls /data/a/b', 'c\n'],
];

describe('shell file commands with volumes', () => {
  it.each(cases)('%s', (_name, script, expected) => {
    expect(run(script)).toBe(expected);
  });
});
