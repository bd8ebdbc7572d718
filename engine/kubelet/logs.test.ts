import { describe, expect, it } from 'vitest';
import { createPod, kubeletCluster, logsOf, makePod } from './test-helpers.ts';

const ticker = makePod('ticker', [{ name: 'loop', image: 'busybox:1.36', command: ['sh', '-c', 'for i in 1 2 3 4 5 6; do echo "line $i"; sleep 10; done; exit 1'] }], { restartPolicy: 'OnFailure' });

describe('pods/NAME/log', () => {
  it('follows a running container until it stops', () => {
    const { cluster } = kubeletCluster();
    createPod(cluster, ticker);
    cluster.advance(15_000);
    const response = cluster.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods/ticker/log', query: { follow: 'true' } });
    const chunks: string[] = [];
    let ended = false;
    response.stream!.start((chunk) => chunks.push(chunk), () => { ended = true; });
    expect(chunks).toEqual(['line 1\nline 2\n']);
    cluster.advance(20_000);
    expect(chunks).toEqual(['line 1\nline 2\n', 'line 3\n', 'line 4\n']);
    expect(ended).toBe(false);
    cluster.advance(30_000);
    expect(ended).toBe(true);
    expect(chunks.join('')).toBe('line 1\nline 2\nline 3\nline 4\nline 5\nline 6\n');
  });

  it('selects by sinceSeconds and limitBytes, and serves the previous instance after a restart', () => {
    const { cluster } = kubeletCluster();
    createPod(cluster, ticker);
    cluster.advance(45_000);
    expect(logsOf(cluster, 'ticker', { sinceSeconds: '15' })).toBe('line 4\nline 5\n');
    expect(logsOf(cluster, 'ticker', { limitBytes: '10' })).toBe('line 1\nlin');
    // Exit 1 at ~61 s, restarted at once: the new instance logs again, the old one is --previous.
    cluster.advance(20_000);
    expect(logsOf(cluster, 'ticker')).toBe('line 1\n');
    expect(logsOf(cluster, 'ticker', { previous: 'true' })).toBe('line 1\nline 2\nline 3\nline 4\nline 5\nline 6\n');
  });

  it('says why there is no log yet, in the kubelet\'s words', () => {
    const { cluster } = kubeletCluster();
    createPod(cluster, makePod('early', [{ name: 'app', image: 'nginx:1.25' }]));
    expect(logsOf(cluster, 'early')).toBe('error 400: container "app" in pod "early" is waiting to start: ContainerCreating');
  });
});
