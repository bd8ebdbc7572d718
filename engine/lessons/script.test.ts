import { describe, expect, it } from 'vitest';
import { parseScript, runScript } from './script.ts';

describe('lesson scripts', () => {
  it('reads kubectl lines, sleeps, continuations and here-documents', () => {
    expect(parseScript([
      '# comment', '', 'kubectl apply -f files/web.yaml', 'sleep 30', 'k scale deployment web \\', '  --replicas=5',
      "kubectl apply -f - <<'EOF'", 'kind: Namespace', 'apiVersion: v1', 'metadata: {name: dev}', 'EOF',
    ].join('\n'))).toEqual([
      { kind: 'kubectl', line: 'kubectl apply -f files/web.yaml', lineNumber: 3 },
      { kind: 'sleep', seconds: 30, lineNumber: 4 },
      { kind: 'kubectl', line: 'k scale deployment web --replicas=5', lineNumber: 5 },
      { kind: 'kubectl', line: 'kubectl apply -f -', stdin: 'kind: Namespace\napiVersion: v1\nmetadata: {name: dev}\n', lineNumber: 7 },
    ]);
  });

  it.each([
    ['rm -rf /', 'solution.sh:1: only kubectl lines and "sleep N" are allowed, not "rm -rf /"'],
    ['kubectl apply -f - <<EOF\nkind: x', 'solution.sh:1: the here-document is not closed by EOF'],
  ])('refuses %j', (source, message) => {
    expect(() => parseScript(source, 'solution.sh')).toThrow(message);
  });

  it('runs steps in order, advancing time for sleeps', () => {
    const log: string[] = [];
    const results = runScript(parseScript('kubectl get pods\nsleep 1.5\nkubectl get nodes'), {
      kubectl: (line) => { log.push(line); return { stdout: `${line}\n`, stderr: '', exitCode: 0 }; },
      advance: (ms) => log.push(`advance ${ms}`),
    }, {});
    expect(log).toEqual(['kubectl get pods', 'advance 1500', 'kubectl get nodes']);
    expect(results.map((r) => r.lineNumber)).toEqual([1, 3]);
  });
});
