import { describe, expect, it } from 'vitest';
import { Random } from '../clock.ts';
import { SchedulerCache } from './cache.ts';
import { DecisionRecord, commitVerdicts, reserveVerdicts, verdictBase } from './decision-record.ts';
import { holdScoreSlab, reserveScores, scoreArray } from './score-slab.ts';
import { SchedulerDecisions, explainDecision } from './decisions.ts';
import { Framework } from './framework.ts';
import { newPodInfo } from './pod-info.ts';
import { makeNode, makePod } from './test-helpers.ts';
import { constantStatus, success, unschedulable, type NodeInfo, type Status } from './types.ts';

const taint = constantStatus('TaintToleration', 'UnschedulableAndUnresolvable', 'node(s) had untolerated taint {gpu: }');
const cpu = { ...unschedulable('Insufficient cpu'), plugin: 'NodeResourcesFit' };
const nodes = ['n0', 'n1', 'n2', 'n3', 'n4'].map((name) => ({ name }) as NodeInfo);

/** A record of a scan over `nodes` from `start`, its verdicts written at a fresh reservation. */
function scanned(start: number, verdicts: Status[]): DecisionRecord {
  const record = new DecisionRecord({ namespace: 'default', name: 'web', uid: 'u1' }, 1, 0, nodes.length, start);
  const out = reserveVerdicts(nodes.length);
  const base = verdictBase();
  verdicts.forEach((status, k) => (out[base + k] = status));
  commitVerdicts(verdicts.length);
  record.setScan(nodes, start, base, verdicts.length, verdicts.filter((s) => s === success).length);
  return record;
}

describe('DecisionRecord', () => {
  it.each([
    { name: 'from the first node', start: 0, verdicts: [success, taint, success], feasible: ['n0', 'n2'], rejected: ['n1'], statuses: [taint] },
    { name: 'wrapping past the last node', start: 3, verdicts: [cpu, success, taint, success, cpu], feasible: ['n4', 'n1'], rejected: ['n3', 'n0', 'n2'], statuses: [cpu, taint, cpu] },
    { name: 'with every node rejected', start: 4, verdicts: [taint, taint], feasible: [], rejected: ['n4', 'n0'], statuses: [taint, taint] },
  ])('lists the scan $name in scan order', ({ start, verdicts, feasible, rejected, statuses }) => {
    const record = scanned(start, verdicts);
    expect(record.rejectionStatuses()).toEqual(statuses);
    expect([record.feasible, record.rejectedNodes, record.rejectedStatuses, record.feasibleNodeCount]).toEqual([feasible, rejected, statuses, feasible.length]);
  });

  it('keeps its own verdicts while later scans fill chunks and reuse the released ones', () => {
    const first = scanned(1, [success, taint]);
    // 64 Ki slots per chunk: these scans of 5 fill several; each is compacted, so chunks return to the pool.
    for (let i = 0; i < 40_000; i++) scanned(0, [cpu, cpu, cpu, cpu, cpu]).compact();
    expect([first.feasible, first.rejectedNodes]).toEqual([['n1'], ['n2']]);
  });

  it('reuses a chunk once every record reading it let go, and not before', () => {
    const full = 1 << 16;
    const record = (): DecisionRecord => new DecisionRecord({ namespace: 'default', name: 'web', uid: 'u' }, 1, 0, nodes.length, 0);
    const fill = (): [Status[], DecisionRecord] => {
      const slots = reserveVerdicts(full);
      const base = verdictBase();
      commitVerdicts(full);
      const reader = record();
      reader.setScan(nodes, 0, base, 0, 0);
      return [slots, reader];
    };
    const [a, readerA] = fill();
    const [b] = fill();
    expect(b).not.toBe(a); // a still has a reader
    readerA.compact();
    const [c] = fill();
    expect(c).toBe(a);
  });

  it('keeps the counts, and no detail, once compacted', () => {
    const record = scanned(2, [success, cpu, success, success]);
    record.scores = [new Float64Array(3)];
    record.compact();
    expect([record.compacted, record.feasible, record.rejectedNodes, record.rejectedStatuses, record.scores, record.totals])
      .toEqual([{ feasibleNodes: 3, rejectedNodes: 1 }, [], [], [], [], undefined]);
  });

  it.each([
    { name: 'back to back in the held buffer', contiguous: true },
    { name: 'in arrays of their own', contiguous: false },
  ])('gives back the scores kept $name', ({ contiguous }) => {
    const record = scanned(0, [success, success]);
    reserveScores(6);
    const [totals, first, second] = contiguous ? [scoreArray(2), scoreArray(2), scoreArray(2)] : [new Float64Array(2), new Float64Array(2), new Float64Array(2)];
    record.holdScores(holdScoreSlab());
    [totals, first, second].forEach((array, i) => array.set([i, 10 + i]));
    record.setScores(totals, [first, second]);
    expect([record.totals, record.scores]).toEqual([Float64Array.of(0, 10), [Float64Array.of(1, 11), Float64Array.of(2, 12)]]);
  });

  it('has no optional fields until they are set, like a plain record', () => {
    const record = scanned(0, [success]);
    expect(['preFilter', 'selectedNode', 'message', 'preemption', 'compacted'].filter((key) => key in record)).toEqual([]);
  });
});

describe('decision records from the framework', () => {
  it('name the nodes of their own scan after the node list changes', () => {
    const cache = new SchedulerCache();
    for (const name of ['a', 'b', 'c']) cache.setNode(makeNode(name, { cpu: name === 'b' ? '100m' : '4' }));
    const pod = makePod('p').requests({ cpu: '500m' }).toObject();
    pod.metadata.uid = 'uid-p';
    const { decision } = new Framework().schedulePod(newPodInfo(pod), cache, new Random(1), { attempt: 1, time: 0 });
    cache.removeNode('a');
    cache.setNode(makeNode('d'));
    cache.nodes();
    expect([decision.feasible, decision.rejectedNodes, decision.rejectedStatuses.map((s) => s.reasons)]).toEqual([['a', 'c'], ['b'], [['Insufficient cpu']]]);
  });

  it('keep the detail of the newest attempts only', () => {
    const cache = new SchedulerCache();
    for (const name of ['a', 'b']) cache.setNode(makeNode(name));
    const framework = new Framework();
    const decisions = new SchedulerDecisions(10, 2);
    const random = new Random(1);
    for (const name of ['p0', 'p1', 'p2']) {
      const pod = makePod(name).toObject();
      pod.metadata.uid = `uid-${name}`;
      decisions.record(framework.schedulePod(newPodInfo(pod), cache, random, { attempt: 1, time: 0 }).decision);
    }
    const [oldest, , newest] = [...decisions.values()];
    expect([oldest.compacted, explainDecision(oldest), newest.compacted, explainDecision(newest).map((n) => n.node)])
      .toEqual([{ feasibleNodes: 2, rejectedNodes: 0 }, [], undefined, ['a', 'b']]);
  });
});
