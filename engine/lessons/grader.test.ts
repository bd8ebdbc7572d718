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

  it("writes its own sentences in the learner's language and Kubernetes' words as Kubernetes writes them", () => {
    const cluster = new Cluster({ seed: 2, addons: false });
    const kubectl = new KubectlSession(cluster);
    kubectl.run('kubectl create configmap settings --from-literal=mode=slow');
    kubectl.run('kubectl create configmap old');
    const since = cluster.now();
    const messages = (language: 'en' | 'zh-CN'): string[] => gradeLesson(cluster, { checks: [...checks, ...moreChecks] } as Lesson, since, language).map((r) => r.message);
    expect(messages('zh-CN')).toEqual([
      'data.mode 为 slow，应为 fast',
      'configmaps "old" 仍然存在',
      '匹配 team=a 的 configmaps：0 个，应为 2 个',
      '尚未发出 patch configmaps "settings" 请求',
      'the server doesn\'t have a resource type "widgets"',
      'http://10.96.200.200/：timeout',
      '匹配 app=web 的 pods：共 0 个，其中 0 个符合条件，应为 3 个',
      'configmaps "missing" not found',
      'configmaps "settings" 符合要求',
      'configmaps "old" 仍然存在',
      'data.mode 未设置；metadata.name 为 old，应为以下之一：a、b',
    ]);
    expect(messages('en').slice(6)).toEqual([
      '0 of 0 pods with app=web match, expected 3',
      'configmaps "missing" not found',
      'configmaps "settings" is as expected',
      'configmaps "old" still exists',
      'data.mode is not set; metadata.name is old, expected one of a, b',
    ]);
  });
});

const moreChecks = parseChecks(`
- {id: pods, title: three web pods, type: count, resource: pods, selector: app=web, where: [{path: status.phase, equals: Running}], equals: 3}
- {id: missing, title: missing, type: object, resource: configmaps, name: missing}
- {id: settings, title: settings, type: object, resource: configmaps, name: settings, fields: [{path: data.mode, exists: true}]}
- {id: old-absent, title: old, type: object, resource: configmaps, name: old, absent: true}
- {id: old-fields, title: old, type: object, resource: configmaps, name: old, fields: [{path: data.mode, equals: x}, {path: metadata.name, oneOf: [a, b]}]}
`);
