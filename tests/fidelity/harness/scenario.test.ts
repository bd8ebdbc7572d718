import { describe, expect, it } from 'vitest';
import { parseScenario, shellWords } from './scenario.ts';

describe('shellWords', () => {
  it.each([
    ['get pods -o wide', ['get', 'pods', '-o', 'wide']],
    [`patch deploy web -p '{"spec":{"replicas":3}}'`, ['patch', 'deploy', 'web', '-p', '{"spec":{"replicas":3}}']],
    [`get pods -o jsonpath='{.items[*].metadata.name}'`, ['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']],
    [`create cronjob t --schedule="*/5 * * * *"`, ['create', 'cronjob', 't', '--schedule=*/5 * * * *']],
    [`annotate x a="say \\"hi\\""`, ['annotate', 'x', 'a=say "hi"']],
    ['label x a\\ b=c', ['label', 'x', 'a b=c']],
    [`get cm ''`, ['get', 'cm', '']],
  ])('%s', (line, words) => {
    expect(shellWords(line)).toEqual(words);
  });
});

describe('parseScenario', () => {
  it('reads files, stdin, advances, seeds and commands in order', () => {
    const text = '# seed 7\ncat > a.yaml <<EOF\nkind: X\n---\nkind: Y\nEOF\n# a comment\nkubectl apply -f a.yaml\n# advance 2m\nkubectl apply -f - < a.yaml\n';
    expect(parseScenario('s', text)).toEqual({
      name: 's',
      seed: 7,
      steps: [
        { kind: 'file', name: 'a.yaml', content: 'kind: X\n---\nkind: Y\n' },
        { kind: 'kubectl', line: 'kubectl apply -f a.yaml', args: ['apply', '-f', 'a.yaml'], stdin: undefined, lineNumber: 8 },
        { kind: 'advance', seconds: 120 },
        { kind: 'kubectl', line: 'kubectl apply -f - < a.yaml', args: ['apply', '-f', '-'], stdin: 'kind: X\n---\nkind: Y\n', lineNumber: 10 },
      ],
    });
  });

  it.each([
    ['cat > a.yaml <<EOF\nkind: X\n', 's:1: no line EOF ends the file a.yaml'],
    ['# advance soon', 's:1: advance takes a duration such as 30s, 5m or 1h'],
    ['kubectl apply -f - < none.yaml', 's:1: no file none.yaml for stdin'],
    ['ls -l', 's:1: a step is a kubectl line, a cat heredoc, or a # comment'],
  ])('refuses %j', (text, message) => {
    expect(() => parseScenario('s', text)).toThrow(message);
  });
});
