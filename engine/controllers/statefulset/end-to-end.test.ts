import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { eventsFor, list } from '../replicaset/test-helpers.ts';
import { StatefulSetController } from './statefulset.ts';
import { createSet, getSet, podsPath, statefulSet } from './test-helpers.ts';

describe('StatefulSet with the scheduler and kubelets of the default cluster', () => {
  it('brings web-0, web-1, web-2 up strictly in order', () => {
    const c = new Cluster({ seed: 5, omitControllers: ['statefulset-controller'] });
    c.controllers.add(new StatefulSetController());
    createSet(c, statefulSet(3));
    const timeline: string[] = [];
    for (let second = 1; second <= 10; second++) {
      c.advance(1_000);
      const state = list(c, podsPath).map((p) => `${p.metadata.name}:${(p.status as { phase: string }).phase}`).join(' ');
      if (timeline.at(-1)?.endsWith(state) !== true) timeline.push(`${second}s ${state}`);
    }
    expect(timeline).toEqual([
      '1s web-0:Pending',
      '3s web-0:Running web-1:Pending',
      '5s web-0:Running web-1:Running web-2:Pending',
      '7s web-0:Running web-1:Running web-2:Running',
    ]);
    expect(list(c, podsPath).map((p) => [(p.spec as { hostname: string }).hostname, (p.spec as { subdomain: string }).subdomain])).toEqual([
      ['web-0', 'nginx'], ['web-1', 'nginx'], ['web-2', 'nginx'],
    ]);
    expect(eventsFor(c, 'web')).toEqual([
      'Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      'Normal SuccessfulCreate create Pod web-1 in StatefulSet web successful',
      'Normal SuccessfulCreate create Pod web-2 in StatefulSet web successful',
    ]);
    expect(getSet(c).status).toEqual({
      observedGeneration: 1, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3,
      currentRevision: 'web-6c5f997cf5', updateRevision: 'web-6c5f997cf5', collisionCount: 0, availableReplicas: 3,
    });
  });
});
