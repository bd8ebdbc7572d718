import { describe, expect, it } from 'vitest';
import { fileCommand } from './file-commands.ts';
import { FileTree } from './file-tree.ts';
import { MountedFiles, containerLayer } from './mounted-files.ts';

/** 2026-11-27 18:20 UTC, as busybox prints it in `ls -l`. */
const now = Date.UTC(2026, 10, 27, 18, 20);

function container(): MountedFiles {
  const data = new FileTree();
  data.write('f', 'hi\n', now, true);
  const config = new FileTree();
  config.write('app.conf', 'a=1\n', now, true);
  return new MountedFiles([
    { mountPath: '/data', tree: data, root: '', readOnly: false },
    { mountPath: '/etc/app', tree: config, root: '', readOnly: true },
  ], containerLayer(now), () => now);
}

const cases: { name: string; commands: string[][]; stdout?: string; stderr?: string; status?: number }[] = [
  { name: 'ls lists a volume one name per line', commands: [['ls', '/data']], stdout: 'f\n' },
  { name: 'ls shows mount points in their parent', commands: [['ls', '/']], stdout: 'bin\ndata\ndev\netc\nhome\nproc\nroot\nsys\ntmp\nusr\nvar\n' },
  {
    name: 'ls -l prints busybox columns and total',
    commands: [['mkdir', '/data/sub'], ['ls', '-l', '/data']],
    stdout: 'total 8\n-rw-r--r--    1 root     root             3 Nov 27 18:20 f\ndrwxr-xr-x    2 root     root          4096 Nov 27 18:20 sub\n',
  },
  { name: 'ls -a adds . and ..', commands: [['ls', '-a', '/data']], stdout: '.\n..\nf\n' },
  { name: 'ls of a missing path', commands: [['ls', '/nope']], stderr: 'ls: /nope: No such file or directory\n', status: 1 },
  { name: 'touch in a read-only volume', commands: [['touch', '/etc/app/x']], stderr: 'touch: /etc/app/x: Read-only file system\n', status: 1 },
  { name: 'rm in a read-only volume', commands: [['rm', '/etc/app/app.conf']], stderr: "rm: can't remove '/etc/app/app.conf': Read-only file system\n", status: 1 },
  { name: 'mkdir without -p under a missing parent', commands: [['mkdir', '/data/a/b']], stderr: "mkdir: can't create directory '/data/a/b': No such file or directory\n", status: 1 },
  { name: 'mkdir of an existing directory', commands: [['mkdir', '/data']], stderr: "mkdir: can't create directory '/data': File exists\n", status: 1 },
  { name: 'mkdir -p then ls', commands: [['mkdir', '-p', '/data/a/b'], ['ls', '/data/a']], stdout: 'b\n' },
  { name: 'rm of a directory without -r', commands: [['mkdir', '/data/d'], ['rm', '/data/d']], stderr: "rm: can't remove '/data/d': Is a directory\n", status: 1 },
  { name: 'rm -rf of a missing path is quiet', commands: [['rm', '-rf', '/data/none']], status: 0 },
  { name: 'cp into a directory, then wc -l', commands: [['cp', '/data/f', '/tmp'], ['wc', '-l', '/tmp/f']], stdout: '1 /tmp/f\n' },
  { name: 'cp of a missing file', commands: [['cp', '/x', '/tmp/y']], stderr: "cp: can't stat '/x': No such file or directory\n", status: 1 },
  { name: 'cp into a read-only volume', commands: [['cp', '/data/f', '/etc/app/f']], stderr: "cp: can't create '/etc/app/f': Read-only file system\n", status: 1 },
  { name: 'mv moves between volume and layer', commands: [['mv', '/data/f', '/tmp/g'], ['ls', '/data', '/tmp']], stdout: '/data:\n\n/tmp:\ng\n' },
];

describe('busybox file commands', () => {
  it.each(cases)('$name', ({ commands, stdout = '', stderr = '', status = 0 }) => {
    const files = container();
    let last = { stdout: '', stderr: '', status: 0 };
    for (const [name, ...args] of commands) last = fileCommand(name, args, files, now)!;
    expect(last).toEqual({ stdout, stderr, status });
  });

  it('keeps the Map face: keys are the visible files, set lands in the volume', () => {
    const files = container();
    files.set('/data/es/nodes/0/doc', '{}');
    expect([...files.keys()].sort()).toEqual(['/data/es/nodes/0/doc', '/data/f', '/etc/app/app.conf']);
    expect(fileCommand('ls', ['/data/es/nodes'], files, now)!.stdout).toBe('0\n');
    expect(() => files.set('/etc/app/x', '')).toThrow('Read-only file system');
  });
});
