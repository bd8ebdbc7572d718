import { describe, expect, it } from 'vitest';
import { basicToJsRegExp, runFilter } from './pipes.ts';

const table = 'NAME   READY\nweb-1  1/1\nweb-2  0/1\ndb-0   1/1\n';

describe('runFilter', () => {
  it.each([
    [['grep', 'web'], { stdout: 'web-1  1/1\nweb-2  0/1\n', stderr: '', exitCode: 0 }],
    [['grep', '-v', 'web'], { stdout: 'NAME   READY\ndb-0   1/1\n', stderr: '', exitCode: 0 }],
    [['grep', '-i', 'name'], { stdout: 'NAME   READY\n', stderr: '', exitCode: 0 }],
    [['grep', '-c', '1/1'], { stdout: '2\n', stderr: '', exitCode: 0 }],
    [['grep', 'nothing'], { stdout: '', stderr: '', exitCode: 1 }],
    [['grep', '^web-[12]'], { stdout: 'web-1  1/1\nweb-2  0/1\n', stderr: '', exitCode: 0 }],
    [['grep', 'web\\|db'], { stdout: 'web-1  1/1\nweb-2  0/1\ndb-0   1/1\n', stderr: '', exitCode: 0 }],
    [['grep', '-E', 'web|db'], { stdout: 'web-1  1/1\nweb-2  0/1\ndb-0   1/1\n', stderr: '', exitCode: 0 }],
    [['wc', '-l'], { stdout: '4\n', stderr: '', exitCode: 0 }],
    [['head', '-n', '2'], { stdout: 'NAME   READY\nweb-1  1/1\n', stderr: '', exitCode: 0 }],
    [['head', '-1'], { stdout: 'NAME   READY\n', stderr: '', exitCode: 0 }],
    [['tail', '-n', '1'], { stdout: 'db-0   1/1\n', stderr: '', exitCode: 0 }],
    [['tail', '-n', 'x'], { stdout: '', stderr: 'tail: invalid number of lines: ‘x’\n', exitCode: 1 }],
  ])('%j', (words, expected) => {
    expect(runFilter(words, table)).toEqual(expected);
  });

  it('does not know other commands', () => {
    expect(runFilter(['sort'], table)).toBeUndefined();
  });

  it('reads a basic regular expression as grep does', () => {
    expect(basicToJsRegExp('a+(b)\\+')).toBe('a\\+\\(b\\)+');
  });
});
