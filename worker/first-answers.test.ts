import { describe, expect, it } from 'vitest';
import { loadLessons } from '../engine/lessons/catalogue.ts';
import { readLessonBundle } from '../server/lessons.ts';
import { FirstAnswers, isFirstAnswerRead } from './first-answers.ts';
import { buildLab, firstAnswerImageText, fixedStartNames } from './first-answer-image.ts';

const lessons = readLessonBundle();

describe('isFirstAnswerRead', () => {
  it.each([
    ['kubectl get pods -A', true],
    ['k get po -A -o wide', true],
    ['kubectl get pods -A | grep coredns', true],
    ['kubectl get deploy -nweb -ojson', true],
    ['kubectl get pods -lapp=web --show-labels', true],
    ['kubectl get pods -A -w', false],
    ['kubectl get pods -Aw', false],
    ['kubectl get pods --watch-only', false],
    ['kubectl get -f web.yaml', false],
    ['kubectl get --filename=web.yaml', false],
    ['kubectl get -k ./overlay', false],
    ['kubectl get --raw /version', false],
    ['kubectl describe pods', false],
    ['kubectl apply -f web.yaml', false],
    ['kubectl -n kube-system get pods', false],
    ['helm list', false],
    ['kubectl get pods "unclosed', false],
  ])('%s → %s', (line, read) => {
    expect(isFirstAnswerRead(line)).toBe(read);
  });
});

describe('FirstAnswers', () => {
  it('covers the playground and the lessons that apply nothing at their start', () => {
    const names = fixedStartNames(loadLessons(lessons).lessons);
    expect(names).toContain('');
    expect(names).toContain('lesson=apply');
    expect(names).not.toContain('lesson=scale'); // lessons/02-scale/start/web.yaml
  });

  it('answers every read as the built lab does at time zero, byte for byte', async () => {
    const text = firstAnswerImageText(lessons);
    expect(JSON.parse(text).names).toEqual(['', 'lesson=apply']);
    const reader = FirstAnswers.forWorker(text, 'lesson=apply')!;
    expect(FirstAnswers.forWorker(text, 'lesson=scale')).toBeUndefined();
    const lab = buildLab(lessons, 'lesson=apply');
    const reads = [
      'kubectl get pods -A',
      'kubectl get pods -A -o wide',
      'kubectl get nodes -o wide',
      'kubectl get all -A',
      'kubectl get deploy,rs,ds,svc -n kube-system -o yaml',
      'kubectl get events -A',
      'kubectl get ns --show-labels',
      'kubectl get clusterroles',
      'kubectl get clusterrole admin -o yaml --show-managed-fields',
      'kubectl get pods -A | grep coredns',
      'kubectl get pods -n kube-system -o jsonpath={.items[*].spec.nodeName}',
      'kubectl get pods -A --sort-by=.metadata.name -o name',
      'kubectl get endpointslices,leases,cm,sa -A',
      'kubectl get sc,ingressclass,priorityclass,apiservices',
      'kubectl get pvc,pv -A',
      'kubectl get pod nosuch',
      'kubectl get widgets',
      'kubectl get',
      // Bad input gets the lab's own errors.
      'kubectl get pods -o yamll',
      'kubectl get pods --sort-by={.metadata.name',
      'kubectl get pods --chunk-size=99999999999999999999',
      'kubectl get pods --no-such-flag',
      'kubectl get pods -l "app in (web"',
      'k get po -A -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName',
    ];
    for (const line of reads) {
      const answer = reader.answer(line);
      expect(answer, line).toBeDefined();
      expect({ line, ok: true, value: answer }).toEqual({ line, ...(await lab.kubectl(line)) });
    }
    expect(reader.answer('kubectl get pods -A -w')).toBeUndefined();
  }, 60_000);
});
