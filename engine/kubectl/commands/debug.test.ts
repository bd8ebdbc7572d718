import { beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { defaultNodes } from '../../kubelet/nodes.ts';
import { KubectlSession } from '../session.ts';
import { nameSuffix, validImageReference } from './debug.ts';

const legacyWarning = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';

describe('kubectl debug (emulator)', () => {
  let cluster: Cluster;
  let session: KubectlSession;
  const run = (line: string): { stdout: string; stderr: string; exitCode: number } => session.kubectl(line.split(' '));
  beforeAll(() => {
    cluster = new Cluster({ seed: 7, addons: false, kubelets: { nodes: defaultNodes(1), nodeEvents: false } });
    session = new KubectlSession(cluster, { server: 'http://lab', now: () => cluster.now() });
    expect(run('run web --image=nginx').exitCode).toBe(0);
    cluster.advance(30_000);
  }, 60_000);

  it.each([
    ['debug web', 'error: you must specify --image when not using --copy-to.\n'],
    ['debug web --image=busybox --set-image=*=busybox', 'error: --set-image may only be used with --copy-to.\n'],
    ['debug web --image=Bad:Image --profile=general', 'error: invalid image name "Bad:Image": invalid reference format\n'],
    ['debug web --image=busybox -t --profile=general', 'error: -i/--stdin is required for containers with -t/--tty=true\n'],
    ['debug web --image=busybox --copy-to=c --target=web --profile=general', 'error: --target is incompatible with --copy-to. Use --share-processes instead.\n'],
    ['debug web --image=busybox --profile=bogus', 'error: unknown profile: bogus\n'],
    ['debug deploy/web --image=busybox --profile=general', 'Error from server (NotFound): deployments.apps "web" not found\n'],
    ['debug svc/kubernetes --image=busybox --profile=general', 'error: "/v1, Kind=Service" not supported by debug\n'],
    ['debug --image=busybox --profile=general', 'error: NAME or filename is required for debug\n'],
    // --set-image and --env are pflag stringToString flags: their errors are flag errors, with the usage line.
    ['debug web --set-image=abc', 'error: invalid argument "abc" for "--set-image" flag: abc must be formatted as key=value\nSee \'kubectl debug --help\' for usage.\n'],
    ['debug web --env=x', 'error: invalid argument "x" for "--env" flag: x must be formatted as key=value\nSee \'kubectl debug --help\' for usage.\n'],
    ['debug web --env=a=b,c=d,e', 'error: invalid argument "a=b,c=d,e" for "--env" flag: e must be formatted as key=value\nSee \'kubectl debug --help\' for usage.\n'],
    ['debug web --set-image=a=b,c=d', 'error: --set-image may only be used with --copy-to.\n'],
  ])('%s fails as kubectl does', (line, stderr) => {
    expect(run(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('adds an ephemeral container, warns about the legacy profile and starts it with -i', () => {
    const result = run('debug web -it --image=busybox -c shell --target=web');
    expect(result).toEqual({
      stdout: 'Targeting container "web". If you don\'t see processes from this container it may be because the container runtime doesn\'t support this feature.\n',
      stderr: `${legacyWarning}Unable to use a TTY - input is not a terminal or the right kind of file\nIf you don't see a command prompt, try pressing enter.\n`,
      exitCode: 0,
    });
    const pod = JSON.parse(run('get pod web -o json').stdout) as { spec: { ephemeralContainers: unknown[] }; status: { ephemeralContainerStatuses: { name: string; state: object }[] } };
    expect(pod.spec.ephemeralContainers).toEqual([{
      name: 'shell', image: 'busybox', imagePullPolicy: 'Always', resources: {}, stdin: true, tty: true, targetContainerName: 'web',
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
    }]);
    expect(pod.status.ephemeralContainerStatuses.map((s) => [s.name, Object.keys(s.state)])).toEqual([['shell', ['running']]]);
  });

  it('names the debug container, runs a command and shows its output with -i', () => {
    const result = run('debug web -i --image=busybox --profile=general -- echo hello');
    expect(result.stdout).toMatch(/^Defaulting debug container name to debugger-[bcdfghjklmnpqrstvwxz2456789]{5}\.\nhello\n$/);
    expect(result.stderr).toBe('');
  });

  it('creates a copy and a node debugging pod', () => {
    expect(run('debug web --copy-to=web-copy --set-image=*=nginx:1.27 --profile=general')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(run('get pod web-copy -o jsonpath={.spec.containers[0].image}').stdout).toBe('nginx:1.27');
    const node = run('debug node/node-1 --image=busybox --profile=general');
    expect(node.stdout).toMatch(/^Creating debugging pod node-debugger-node-1-[a-z0-9]{5} with container debugger on node node-1\.\n$/);
    const name = node.stdout.split(' ')[3];
    const spec = JSON.parse(run(`get pod ${name} -o jsonpath={.spec}`).stdout) as Record<string, unknown>;
    expect(spec).toMatchObject({ hostPID: true, hostNetwork: true, hostIPC: true, nodeName: 'node-1', restartPolicy: 'Never', tolerations: [{ operator: 'Exists' }] });
  });

  it.each([['busybox', true], ['registry.k8s.io/e2e-test-images/agnhost:2.39', true], ['Bad', false], ['a::b', false]])('image reference %s', (image, ok) => {
    expect(validImageReference(image)).toBe(ok);
  });

  it('derives suffixes from kubectl\'s alphabet', () => {
    expect(nameSuffix('x')).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(nameSuffix('x')).not.toBe(nameSuffix('y'));
  });
});
