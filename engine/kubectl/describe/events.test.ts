import { describe, expect, it } from 'vitest';
import { describeEvents } from './events.ts';
import { PrefixWriter } from './writer.ts';

const now = Date.parse('2026-11-27T12:05:04Z');
const at = (secondsAgo: number): string => new Date(now - secondsAgo * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

describe('describeEvents', () => {
  it('prints the table as kubectl 1.32 does (sample from the real binary)', () => {
    const w = new PrefixWriter();
    w.write(0, 'QoS Class:\tBurstable\n');
    describeEvents([
      { type: 'Warning', reason: 'BackOff', count: 3, firstTimestamp: at(249), lastTimestamp: at(69), source: { component: 'kubelet' }, message: 'Back-off restarting failed container' },
      { type: 'Normal', reason: 'Scheduled', firstTimestamp: at(309), lastTimestamp: at(309), reportingComponent: 'default-scheduler', message: 'Successfully assigned default/web-7d4b9c8f5-abcde to node-1 ' },
    ], w, now);
    expect(w.text()).toBe([
      'QoS Class:  Burstable',
      'Events:',
      '  Type     Reason     Age                 From               Message',
      '  ----     ------     ----                ----               -------',
      '  Normal   Scheduled  5m9s                default-scheduler  Successfully assigned default/web-7d4b9c8f5-abcde to node-1',
      '  Warning  BackOff    69s (x3 over 4m9s)  kubelet            Back-off restarting failed container',
      '',
    ].join('\n'));
  });

  it('aligns "Events:  <none>" with the block before it', () => {
    const w = new PrefixWriter();
    w.write(0, 'Node-Selectors:\t<none>\n');
    describeEvents([], w, now);
    expect(w.text()).toBe('Node-Selectors:  <none>\nEvents:          <none>\n');
  });
});
