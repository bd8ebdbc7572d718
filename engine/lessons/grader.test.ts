import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { KubectlSession } from '../kubectl/session.ts';
import { parseChecks } from './checks.ts';
import { gradeLesson } from './lesson-run.ts';
import type { Lesson } from './types.ts';

const checks = parseChecks(`
- {id: cm, title: {en: settings exists, zh-CN: settings 存在}, type: object, resource: configmaps, name: settings, fields: [{path: data.mode, equals: fast}]}
- {id: gone, title: old is gone, type: object, resource: configmaps, name: old, absent: true}
- {id: count, title: two labelled, type: count, resource: configmaps, selector: team=a, equals: 2}
- {id: patched, title: settings was patched, type: audit, verb: patch, resource: configmaps, name: settings}
- {id: nothing, title: kind of nothing, type: object, resource: widgets, name: x}
- {id: http, title: nobody listens, type: http, url: "http://10.96.200.200/"}
`);
const lesson = { checks } as Lesson;

describe('grade', () => {
  it('grades objects, counts and the audit log from the lesson start, never counting its own reads', () => {
    const cluster = new Cluster({ seed: 2, addons: false });
    const kubectl = new KubectlSession(cluster);
    kubectl.run('kubectl create configmap settings --from-literal=mode=slow');
    kubectl.run('kubectl create configmap old');
    kubectl.run(`kubectl patch configmap settings -p '{"data":{"mode":"slow"}}'`);
    cluster.advance(1_000);
    const since = cluster.now();
    const before = gradeLesson(cluster, lesson, since);
    expect(before.map((r) => [r.id, r.passed, r.message])).toEqual([
      ['cm', false, 'data.mode is slow, expected fast'],
      ['gone', false, 'configmaps "old" still exists'],
      ['count', false, '0 configmaps with team=a, expected 2'],
      ['patched', false, 'no patch configmaps "settings" request has been made yet'],
      ['nothing', false, 'the server doesn\'t have a resource type "widgets"'],
      ['http', false, 'http://10.96.200.200/: timeout'],
    ]);

    kubectl.run(`kubectl patch configmap settings -p '{"data":{"mode":"fast"}}'`);
    kubectl.run('kubectl delete configmap old');
    kubectl.run('kubectl label configmap settings team=a');
    kubectl.run('kubectl create configmap other');
    kubectl.run('kubectl label configmap other team=a');
    const after = gradeLesson(cluster, lesson, since, 'zh-CN');
    expect(after.filter((r) => r.passed).map((r) => r.id)).toEqual(['cm', 'gone', 'count', 'patched']);
    expect(after[0].title).toBe('settings 存在');
    expect(after[1].title).toBe('old is gone');
  });
});
