import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { KubectlSession } from '../session.ts';

// As the real kubectl 1.32 answered: the RFC 3339 parse comes after the argument checks and
// before the sinceTime/sinceSeconds conflict; a good value goes on to the server.
describe('kubectl logs --since-time', () => {
  const session = new KubectlSession(new Cluster({ seed: 1, addons: false }));
  it.each([
    ['logs --since-time=garbage', "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n"],
    ['logs nosuch --since-time=garbage', 'error: parsing time "garbage" as "2006-01-02T15:04:05Z07:00": cannot parse "garbage" as "2006"\n'],
    ['logs x --since-time=garbage --since=1h', 'error: parsing time "garbage" as "2006-01-02T15:04:05Z07:00": cannot parse "garbage" as "2006"\n'],
    ['logs nosuch --since-time=2024-01-01', 'error: parsing time "2024-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"\n'],
    ['logs nosuch --since-time=2024-13-01T00:00:00Z', 'error: parsing time "2024-13-01T00:00:00Z": month out of range\n'],
    ['logs x --since-time=2024-01-01T00:00:00Z --since=1h', 'error: at most one of `sinceTime` or `sinceSeconds` may be specified\n'],
    ['logs nosuch --since-time=2024-01-01T1:00:00Z', 'error: error from server (NotFound): pods "nosuch" not found in namespace "default"\n'],
  ])('%s', (line, stderr) => {
    expect(session.kubectl(line.split(' '))).toEqual({ stdout: '', stderr, exitCode: 1 });
  });
});
