import { describe, expect, test } from 'vitest';
import { cpuQuantity, memoryQuantity } from './quantities.ts';
import { behaviourProfiles, ContainerUsage, pagesFor, stressMemory } from './usage.ts';

const Mi = 1024 * 1024;

describe('ContainerUsage', () => {
  test.each([
    // [work per second (cpu-ms), seconds of work, window, limit, expected millicores]
    { name: 'idle nginx', profile: behaviourProfiles.nginx, perSecond: 0, limit: undefined, expected: 1 },
    { name: '10 requests/s of hpa-example at 20 ms each', profile: behaviourProfiles['hpa-example'], perSecond: 200, limit: undefined, expected: 201 },
    { name: 'throttled at the 500m limit, never more', profile: behaviourProfiles['hpa-example'], perSecond: 2000, limit: 500, expected: 500 },
    { name: 'a busy shell loop burns a whole core', profile: behaviourProfiles.shell, perSecond: 1000, limit: undefined, expected: 1000 },
  ])('$name → $expected m', ({ profile, perSecond, limit, expected }) => {
    const usage = new ContainerUsage(profile, 0);
    for (let second = 0; second < 30; second++) if (perSecond) usage.addWork(second * 1000 + 500, perSecond);
    expect(usage.cpuMillicores(15_000, 30_000, limit)).toBe(expected);
  });

  test('work outside the window does not count, and old buckets are recycled', () => {
    const usage = new ContainerUsage(behaviourProfiles['hpa-example'], 0);
    for (let second = 0; second < 15; second++) usage.addWork(second * 1000, 300);
    expect(usage.cpuMillicores(0, 15_000)).toBe(301);
    expect(usage.cpuMillicores(15_000, 30_000)).toBe(1);
    // 64 s later the same ring slots hold new seconds: the old work must not reappear.
    for (let second = 64; second < 79; second++) usage.addWork(second * 1000, 150);
    expect(usage.cpuMillicores(64_000, 79_000)).toBe(151);
    expect(usage.cpuMillicores(0, 15_000)).toBe(1);
  });

  test('memory grows after start and crosses a limit at a known instant', () => {
    const usage = new ContainerUsage({ ...behaviourProfiles.stress, grow: { bytes: 250 * Mi, afterMs: 200 } }, 10_000);
    expect(usage.memoryBytes(10_100)).toBe(behaviourProfiles.stress.memoryBytes);
    expect(usage.memoryBytes(10_200)).toBe(behaviourProfiles.stress.memoryBytes + 250 * Mi);
    expect(usage.oomAt(100 * Mi)).toBe(10_200);
    expect(usage.oomAt(512 * Mi)).toBeUndefined();
  });

  test('a few pages per container, the same for the same identity', () => {
    expect(pagesFor('web-1/nginx')).toBe(pagesFor('web-1/nginx'));
    expect(new ContainerUsage(behaviourProfiles.nginx, 0, 10).memoryBytes(0)).toBe(behaviourProfiles.nginx.memoryBytes + 40_960);
  });
});

describe('stressMemory', () => {
  test.each([
    { argv: ['stress', '--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'], expected: 250 * Mi },
    { argv: ['stress', '--vm', '2', '--vm-bytes', '150M'], expected: 300 * Mi },
    { argv: ['stress', '--vm', '1'], expected: 256 * Mi },
    { argv: ['stress', '--cpu', '2'], expected: undefined },
    { argv: ['stress', '--vm=1', '--vm-bytes=1G'], expected: 1024 * Mi },
  ])('$argv', ({ argv, expected }) => {
    expect(stressMemory(argv)).toBe(expected);
  });
});

describe('quantities as metrics-server writes them', () => {
  test.each([
    [0, '0'], [3, '3m'], [250, '250m'], [1000, '1'], [1500, '1500m'],
  ])('cpu %d millicores → %s', (milli, text) => expect(cpuQuantity(milli)).toBe(text));
  test.each([
    [3 * Mi + 312 * 1024, '3384Ki'], [100 * Mi, '100Mi'], [1024 * Mi, '1Gi'], [1000, '1k'],
  ])('memory %d bytes → %s', (bytes, text) => expect(memoryQuantity(bytes)).toBe(text));
});
