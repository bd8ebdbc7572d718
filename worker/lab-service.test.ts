import { describe, expect, it } from 'vitest';
import { LabService } from './lab-service.ts';
import type { PodSummary } from './protocol.ts';
import { TimeDriver } from './time-driver.ts';

describe('LabService', () => {
  it('answers the control API with JSON and errors as values', async () => {
    const lab = new LabService();
    const status = await lab.control('status') as { pods: number };
    expect(status).toEqual({ time: '2026-01-01T00:00:00Z', nodes: 4, pods: status.pods, seed: 1, clock: 'manual', lesson: null });
    expect(typeof status.pods).toBe('number');
    expect(await lab.control('advance', { seconds: -1 })).toEqual({ error: 'seconds must be a number of seconds, 0 or more' });
    expect(await lab.control('failNode', { name: 'node-9' })).toEqual({ error: 'node "node-9" not found' });
    expect(await lab.control('failNode', {})).toEqual({ error: 'name must be a node name' });
    expect(await lab.kubectl('kubectl get pods -n nope')).toEqual({ ok: true, value: { stdout: '', stderr: 'No resources found in nope namespace.\n', exitCode: 0 } });
    expect(await lab.kubectl('  ')).toEqual({ ok: false, error: 'command must be a kubectl command line' });
    expect(await lab.step(0)).toEqual({ ok: false, error: 'a step is from 1 to 3600 seconds' });
  });

  it('sends the whole picture first, then one squashed entry per changed pod', async () => {
    const lab = new LabService();
    let notified = 0;
    await lab.subscribe(() => notified++);
    const first = await lab.takeChanges();
    expect(first.reset).toBe(true);
    expect(first.changed.filter((o) => o.kind === 'Node').map((o) => o.name)).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    await lab.kubectl('kubectl create deployment web --image=nginx --replicas=3');
    await lab.step(10);
    expect(notified).toBe(2);
    const batch = await lab.takeChanges();
    const pods = batch.changed.filter((o): o is PodSummary => o.kind === 'Pod' && o.name.startsWith('web-'));
    expect({ reset: batch.reset, pods: pods.length, running: pods.every((p) => p.status === 'Running' && p.ready === '1/1' && p.nodeName) }).toEqual({ reset: false, pods: 3, running: true });
    expect(batch.time).toEqual({ time: '2026-01-01T00:00:10Z', speed: 0, now: Date.parse('2026-01-01T00:00:10Z') });
    await lab.kubectl('kubectl delete deployment web');
    await lab.step(60);
    expect((await lab.takeChanges()).removed.filter((k) => k.startsWith('Pod/default/web-'))).toHaveLength(3);
  });

  it('explains where a pod was placed and why another stays Pending', async () => {
    const lab = new LabService();
    const big64 = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: big\n    image: nginx\n    resources:\n      requests:\n        cpu: "64"\n';
    expect(await lab.kubectl('kubectl apply -f big.yaml', { 'big.yaml': big64 })).toEqual({ ok: true, value: { stdout: 'pod/big created\n', stderr: '', exitCode: 0 } });
    await lab.kubectl('kubectl run small --image=nginx');
    const big = await lab.placement('default', 'big');
    expect(big.ok && big.value.result).toBe('Unschedulable');
    expect(big.ok && big.value.message).toBe('0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.');
    const small = await lab.placement('default', 'small');
    expect(small.ok && small.value.nodes.filter((n) => n.selected).map((n) => n.node)).toEqual([small.ok && small.value.selectedNode]);
    expect(await lab.placement('default', 'nope')).toEqual({ ok: false, error: 'no scheduling decision recorded for pod default/nope' });
  });

  it('starts a new feed after a reset', async () => {
    const lab = new LabService();
    await lab.takeChanges();
    await lab.control('addNode', { name: 'node-4' });
    await lab.control('reset', {});
    const batch = await lab.takeChanges();
    expect(batch.reset).toBe(true);
    expect(batch.changed.filter((o) => o.kind === 'Node')).toHaveLength(4);
  });
});

describe('TimeDriver', () => {
  it('advances virtual time by real time times the speed, at most 250 ms of real time per tick', () => {
    let now = 0;
    let tick: (() => void) | undefined;
    const advanced: number[] = [];
    const driver = new TimeDriver({ now: () => now, every: (_ms, t) => { tick = t; return () => { tick = undefined; }; }, advance: (ms) => advanced.push(ms) });
    expect(driver.setSpeed(0.5)).toBe('speed must be 0 (paused) or from 1 to 100');
    expect(driver.setSpeed(10)).toBeUndefined();
    now = 50; tick!();
    now = 5050; tick!();
    expect(driver.setSpeed(0)).toBeUndefined();
    expect({ advanced, running: tick !== undefined }).toEqual({ advanced: [500, 2500], running: false });
  });
});
