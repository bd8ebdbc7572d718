import { describe, expect, it } from 'vitest';
import { FileSystemError, FileTree } from './file-tree.ts';

describe('FileTree', () => {
  it.each([
    ['write under a missing directory', (t: FileTree) => t.write('a/b', 'x', 0, false), 'No such file or directory'],
    ['write over a directory', (t: FileTree) => { t.mkdir('d', 0, false); t.write('d', 'x', 0, false); }, 'Is a directory'],
    ['mkdir of an existing file', (t: FileTree) => { t.write('f', '', 0, false); t.mkdir('f', 0, false); }, 'File exists'],
    ['remove a non-empty directory without recursion', (t: FileTree) => { t.write('d/f', '', 0, true); t.remove('d', false); }, 'Directory not empty'],
    ['remove a missing path', (t: FileTree) => t.remove('x', true), 'No such file or directory'],
  ])('%s fails with its errno', (_name, action, errno) => {
    const tree = new FileTree();
    expect(() => action(tree)).toThrow(new FileSystemError(errno as never));
  });

  it('survives a snapshot as plain JSON', () => {
    const tree = new FileTree();
    tree.write('logs/app.log', 'line\n', 5, true, 0o600);
    const copy = FileTree.fromJSON(JSON.parse(JSON.stringify(tree)));
    expect({ files: [...copy.files], dirs: [...copy.dirs], list: copy.list('logs') }).toEqual({
      files: [['logs/app.log', { data: 'line\n', mtime: 5, mode: 0o600 }]], dirs: [['logs', 5]], list: ['app.log'],
    });
  });
});
