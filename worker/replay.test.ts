import { describe, expect, it } from 'vitest';
import { LabService } from './lab-service.ts';
import type { Journal, JournalEntry } from './protocol.ts';

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n';

/** What a learner would compare: every pod with its node and status, and the nodes. */
async function picture(lab: LabService): Promise<string> {
  const pods = await lab.kubectl('kubectl get pods -A -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,PHASE:.status.phase,IP:.status.podIP');
  const nodes = await lab.kubectl('kubectl get nodes');
  const events = await lab.kubectl('kubectl get events -n default --sort-by=.metadata.name -o custom-columns=NAME:.metadata.name,REASON:.reason');
  return [pods, nodes, events].map((a) => (a.ok ? a.value.stdout + a.value.stderr : a.error)).join('\n');
}

describe('journal replay', () => {
  it('rebuilds the same cluster, byte for byte, from the seed and the changes at their times', async () => {
    const original = new LabService({ seed: 7 });
    const entries: JournalEntry[] = [];
    await original.record((entry) => entries.push(entry));
    // Time moves in small real-time-like steps here, and in one jump per entry in the replay.
    for (let i = 0; i < 5; i++) await original.step(1);
    await original.kubectl('kubectl apply -f app.yaml', { 'app.yaml': deployment });
    await original.preview('app.yaml', deployment.replace('replicas: 3', 'replicas: 4'));
    for (let i = 0; i < 12; i++) await original.step(2);
    await original.control('addNode', { name: 'node-4' });
    await original.control('failNode', { name: 'node-1' });
    await original.kubectl('kubectl scale deployment web --replicas=5');
    await original.control('status');
    for (let i = 0; i < 30; i++) await original.step(3);
    const time = (await original.step(1));
    const journal: Journal = { seed: 7, entries, time: time.ok ? time.value.now : 0 };

    expect(entries.map((e) => e.op)).toEqual(['kubectl', 'preview', 'control', 'control', 'kubectl']);
    expect(entries[0]).toEqual({ at: Date.parse('2026-01-01T00:00:05Z'), op: 'kubectl', command: 'kubectl apply -f app.yaml', files: { 'app.yaml': deployment } });

    const restored = new LabService();
    const replayed: JournalEntry[] = [];
    await restored.record((entry) => replayed.push(entry));
    const answer = await restored.replay(JSON.parse(JSON.stringify(journal)) as Journal);
    expect(answer.ok && answer.value.time).toBe('2026-01-01T00:02:00Z');
    expect(replayed).toEqual([]);
    const before = await picture(original);
    expect(before).toContain('node-4');
    expect(await picture(restored)).toBe(before);
  });

  it('starts the journal again at a reset', async () => {
    const lab = new LabService();
    const entries: JournalEntry[] = [];
    await lab.record((entry) => entries.push(entry));
    await lab.control('reset', { seed: 3 });
    expect(entries).toEqual([{ at: Date.parse('2026-01-01T00:00:00Z'), op: 'reset', seed: 3 }]);
  });
});
