/** The commands EFK init containers run (DigitalOcean's es-cluster StatefulSet), in busybox ash's words. */
import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';
import { FileTree } from '../../storage/file-tree.ts';
import { MountedFiles, containerLayer } from '../../storage/mounted-files.ts';

/** Run a script in a container with a data volume at /usr/share/elasticsearch/data: its transcript and status. */
function run(script: string): string {
  const files = new MountedFiles([{ mountPath: '/usr/share/elasticsearch/data', tree: new FileTree(), root: '', readOnly: false }], containerLayer(0), () => 0);
  const steps = new Shell({ env: {}, files, hostname: 'es-cluster-0', now: () => 0 }).script(script);
  let text = '';
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return `${text}[${step.value}]`;
    if (step.value.kind === 'output') text += step.value.text;
  }
}

describe('init container commands', () => {
  it.each([
    ['chown -R of the data volume', 'chown -R 1000:1000 /usr/share/elasticsearch/data', '[0]'],
    ['chown of a missing path', 'chown 1000 /nope', 'chown: /nope: No such file or directory\n[1]'],
    ['chmod without a path', 'chmod 755', 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: chmod [-Rcvf] MODE[,MODE]... FILE...\n[1]'],
    ['ulimit -n sets the limit', 'ulimit -n 65536', '[0]'],
    ['ulimit -n shows it', 'ulimit -n', '1048576\n[0]'],
  ])('%s', (_name, script, expected) => {
    expect(run(script)).toBe(expected);
  });
});
