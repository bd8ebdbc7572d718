import { describe, expect, it } from 'vitest';
import { LineEditor, commonPrefix, kubectlCompleter } from './line-editor.ts';

const complete = kubectlCompleter(['apply', 'annotate', 'get', 'describe'], ['deployments', 'deployment', 'deploy', 'pods', 'pod', 'po']);

function typeAll(editor: LineEditor, ...keys: string[]): string {
  return keys.map((k) => editor.input(k).write).join('');
}

describe('LineEditor', () => {
  it('echoes typing and submits the line on Enter', () => {
    const editor = new LineEditor('$ ');
    expect(typeAll(editor, 'k', 'ubectl')).toBe('kubectl');
    expect(editor.input('\r')).toEqual({ write: '\r\n', submit: 'kubectl' });
    expect(editor.line).toBe('');
  });

  it('edits in the middle of the line and redraws', () => {
    const editor = new LineEditor('$ ');
    typeAll(editor, 'kubectl gt');
    expect(editor.input('\x1b[D').write).toBe('\x1b[D');
    expect(editor.input('e').write).toBe('\r$ kubectl get\x1b[K\x1b[1D');
    expect(editor.input('\x7f').write).toBe('\r$ kubectl gt\x1b[K\x1b[1D');
  });

  it('walks history with up and down, keeping the draft', () => {
    const editor = new LineEditor('$ ');
    for (const line of ['kubectl get pods', 'kubectl get nodes']) {
      typeAll(editor, line);
      editor.input('\r');
    }
    typeAll(editor, 'draft');
    expect(editor.input('\x1b[A').write).toBe('\r$ kubectl get nodes\x1b[K');
    editor.input('\x1b[A');
    expect(editor.line).toBe('kubectl get pods');
    expect(editor.input('\x1b[A').write).toBe('\x07');
    editor.input('\x1b[B');
    editor.input('\x1b[B');
    expect(editor.line).toBe('draft');
  });

  it('abandons the line on Ctrl-C', () => {
    const editor = new LineEditor('$ ');
    typeAll(editor, 'kubectl dele');
    expect(editor.input('\x03')).toEqual({ write: '^C\r\n$ ' });
    expect(editor.line).toBe('');
  });

  it.each([
    ['kubectl g', 'et '],
    ['kubectl a', ''],
    ['kubectl get po', ''],
    ['kubectl get dep', 'loy'],
    ['kubectl apply -f x', '\x07'],
    ['ku', 'bectl '],
  ])('completes %j with %j', (typed, expected) => {
    const editor = new LineEditor('$ ', complete);
    typeAll(editor, typed);
    const out = editor.input('\t').write;
    if (expected === '') expect(out).toMatch(/^\r\n.+\r\n\r\$ /);
    else expect(out).toBe(expected);
  });

  it('lists ambiguous candidates', () => {
    const editor = new LineEditor('$ ', complete);
    typeAll(editor, 'kubectl get po');
    expect(editor.input('\t').write).toBe('\r\npods  pod  po\r\n\r$ kubectl get po\x1b[K');
  });

  // Answers as engine/kubectl/completion's `complete(line, cursor)` gives them: candidates for line[from..cursor].
  it.each([
    ['k get po ', 9, ['web-7c5d8'], 'web-7c5d8 '],
    ['k get po -n kube-s', 12, ['kube-system'], 'ystem '],
    ['k get po web', 9, ['web-1', 'web-2'], '-'],
    ['k get po -o ', 12, ['json', 'jsonpath'], 'json'],
    ['k get po x', 9, [], '\x07'],
    ['k rollout ', 10, ['status', 'undo'], '\r\nstatus  undo\r\n\r$ k rollout \x1b[K'],
  ])('completes %j with the engine answer from %i', (typed, from, items, expected) => {
    const editor = new LineEditor('$ ');
    typeAll(editor, typed);
    expect(editor.completeWith(from, items)).toBe(expected);
  });
});

describe('commonPrefix', () => {
  it.each([[['deploy', 'deployment'], 'deploy'], [['a', 'b'], ''], [[], '']])('%j → %j', (words, prefix) => {
    expect(commonPrefix(words)).toBe(prefix);
  });
});
