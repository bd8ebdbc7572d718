import { describe, expect, it } from 'vitest';
import { splitCommandLine } from './split.ts';

describe('splitCommandLine', () => {
  it.each([
    ['kubectl get pods', [['kubectl', 'get', 'pods']]],
    ['  k   get\tpods  ', [['k', 'get', 'pods']]],
    [`kubectl get pods -l 'app in (a,b)'`, [['kubectl', 'get', 'pods', '-l', 'app in (a,b)']]],
    [`kubectl get pods -o jsonpath="{.items[*].metadata.name}"`, [['kubectl', 'get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']]],
    [`kubectl get pods -o=jsonpath='{.a}'x`, [['kubectl', 'get', 'pods', '-o=jsonpath={.a}x']]],
    [`echo "a \\"b\\" \\$c \\d"`, [['echo', 'a "b" $c \\d']]],
    ['echo a\\ b', [['echo', 'a b']]],
    [`echo '' ""`, [['echo', '', '']]],
    ['kubectl get pods | grep web | wc -l', [['kubectl', 'get', 'pods'], ['grep', 'web'], ['wc', '-l']]],
    ['kubectl get pods|head -n 2', [['kubectl', 'get', 'pods'], ['head', '-n', '2']]],
    [`kubectl get pods | grep 'a|b'`, [['kubectl', 'get', 'pods'], ['grep', 'a|b']]],
  ])('%s', (line, stages) => {
    expect(splitCommandLine(line)).toEqual({ ok: true, stages });
  });

  it.each([
    ['kubectl delete pod $(kubectl get pods -o name)', 'kubelab: command substitution $(…) is not supported in this terminal'],
    ['kubectl get pod "$(x)"', 'kubelab: command substitution $(…) is not supported in this terminal'],
    ['kubectl get pod `x`', 'kubelab: command substitution `…` is not supported in this terminal'],
    ['kubectl get pods > out.txt', 'kubelab: output redirection (>) is not supported in this terminal'],
    ['kubectl get pods && kubectl get svc', 'kubelab: the && operator is not supported in this terminal'],
    ['kubectl get pods; ls', 'kubelab: the ; separator is not supported in this terminal'],
    ["kubectl get pods -l 'app=web", "kubelab: unexpected end of line: a single quote (') is not closed"],
    ['kubectl get pods |', "kubelab: syntax error near unexpected token `|'"],
    ['| grep x', "kubelab: syntax error near unexpected token `|'"],
  ])('refuses %s', (line, error) => {
    expect(splitCommandLine(line)).toEqual({ ok: false, error });
  });
});
