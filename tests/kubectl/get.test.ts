/**
 * Real kubectl: `get` with every output format, label and field selectors, `-A`, `--show-labels`,
 * `-L`, `--sort-by` and `-w` / `--watch-only`, with ages from the manual clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, startRealKubectl, type RealKubectl } from '../support/kubectl.ts';
import { advance, maskVarying, requestCount, table, waitForRequest } from '../support/scenario.ts';

const secret = (name: string, namespace: string, labels: string, type: string, data: string): string =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  labels: {${labels}}\ntype: ${type}\n${data}`;

describe.skipIf(!kubectlPath)('real kubectl: get', () => {
  let k: RealKubectl;
  beforeAll(async () => {
    k = await startRealKubectl();
    // alpha at 00:00:00; beta, gamma and the db Service at 00:03:20; everything is read at 00:05:00.
    await k.run('create namespace shop');
    await k.run('create -f alpha.yaml', { files: { 'alpha.yaml': secret('alpha', 'shop', 'app: web, tier: front', 'Opaque', 'data: {a: MQ==, b: Mg==}\n') } });
    advance(k, 200);
    await k.run('create -f later.yaml', {
      files: {
        'later.yaml': `${secret('beta', 'shop', 'app: db', 'Opaque', 'data: {x: MQ==}\n')}---\n`
          + `${secret('gamma', 'default', 'app: web', 'example.com/custom', '')}---\n`
          + 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n  namespace: shop\nspec:\n  clusterIP: None\n  selector: {app: db}\n'
          + '  ports:\n  - port: 5432\n',
      },
    });
    advance(k, 100);
  }, 120_000);
  afterAll(async () => {
    await k.stop();
  });

  const header = ['NAME', 'TYPE', 'DATA', 'AGE'];

  it('prints the server-side table with ages from the clock', async () => {
    expect(await k.run('get secrets -n shop')).toEqual({
      stdout: table([header, ['alpha', 'Opaque', '2', '5m'], ['beta', 'Opaque', '1', '100s']]),
      stderr: '',
      exitCode: 0,
    });
  });

  it('adds NAMESPACE for -A and filters by label', async () => {
    expect((await k.run('get secrets -A -l app=web')).stdout).toBe(table([
      ['NAMESPACE', ...header], ['default', 'gamma', 'example.com/custom', '0', '100s'], ['shop', 'alpha', 'Opaque', '2', '5m'],
    ]));
  });

  it('understands set-based label selectors', async () => {
    const [inSet, absent, both] = await Promise.all([
      k.run(['get', 'secrets', '-n', 'shop', '-l', 'app in (db,cache)', '-o', 'name']),
      k.run(['get', 'secrets', '-n', 'shop', '-l', '!tier', '-o', 'name']),
      k.run(['get', 'secrets', '-A', '-l', 'tier,app!=db', '-o', 'name']),
    ]);
    expect([inSet.stdout, absent.stdout, both.stdout]).toEqual(['secret/beta\n', 'secret/beta\n', 'secret/alpha\n']);
  });

  it('filters by field selector and reports an unsupported field', async () => {
    expect((await k.run('get secrets -A --field-selector type=example.com/custom')).stdout)
      .toBe(table([['NAMESPACE', ...header], ['default', 'gamma', 'example.com/custom', '0', '100s']]));
    expect((await k.run('get secrets -n shop --field-selector metadata.name!=alpha -o name')).stdout).toBe('secret/beta\n');
    expect(await k.run('get secrets -n shop --field-selector spec.foo=bar')).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=secrets" that match label selector "", '
        + 'field selector "spec.foo=bar": field label not supported: spec.foo\n',
      exitCode: 1,
    });
  });

  it('says so on stderr when nothing matches', async () => {
    expect(await k.run('get secrets -n shop -l app=nothing')).toEqual({ stdout: '', stderr: 'No resources found in shop namespace.\n', exitCode: 0 });
    expect(await k.run('get secrets -A -l app=nothing')).toEqual({ stdout: '', stderr: 'No resources found\n', exitCode: 0 });
  });

  it('adds label columns with --show-labels and -L', async () => {
    expect((await k.run('get secrets -n shop --show-labels')).stdout).toBe(table([
      [...header, 'LABELS'], ['alpha', 'Opaque', '2', '5m', 'app=web,tier=front'], ['beta', 'Opaque', '1', '100s', 'app=db'],
    ]));
    expect((await k.run('get secrets -n shop -L app -L tier')).stdout).toBe(table([
      [...header, 'APP', 'TIER'], ['alpha', 'Opaque', '2', '5m', 'web', 'front'], ['beta', 'Opaque', '1', '100s', 'db', ''],
    ]));
  });

  it('sorts on the client with --sort-by', async () => {
    expect((await k.run('get secrets -n shop --sort-by=.metadata.labels.app')).stdout).toBe(table([
      header, ['beta', 'Opaque', '1', '100s'], ['alpha', 'Opaque', '2', '5m'],
    ]));
  });

  it('prints the wide columns and groups several kinds with kind/ prefixes', async () => {
    expect((await k.run('get services -n shop -o wide')).stdout).toBe(table([
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR'], ['db', 'ClusterIP', 'None', '<none>', '5432/TCP', '100s', 'app=db'],
    ]));
    expect((await k.run('get secrets,services -n shop')).stdout).toBe(`${table([
      header, ['secret/alpha', 'Opaque', '2', '5m'], ['secret/beta', 'Opaque', '1', '100s'],
    ])}\n${table([
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], ['service/db', 'ClusterIP', 'None', '<none>', '5432/TCP', '100s'],
    ])}`);
  });

  it('prints -o name, jsonpath and custom-columns', async () => {
    const [names, jsonpath, columns] = await Promise.all([
      k.run('get secrets -n shop -o name'),
      k.run(['get', 'secrets', '-n', 'shop', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.metadata.labels.app}{"\\n"}{end}']),
      k.run('get secrets -n shop -o custom-columns=NAME:.metadata.name,APP:.metadata.labels.app,TIER:.metadata.labels.tier'),
    ]);
    expect(names.stdout).toBe('secret/alpha\nsecret/beta\n');
    expect(jsonpath.stdout).toBe('alpha=web\nbeta=db\n');
    expect(columns.stdout).toBe(table([['NAME', 'APP', 'TIER'], ['alpha', 'web', 'front'], ['beta', 'db', '<none>']]));
  });

  it('prints one object as YAML and a list as JSON', async () => {
    const yaml = await k.run('get secret alpha -n shop -o yaml');
    expect(maskVarying(yaml.stdout)).toBe('apiVersion: v1\ndata:\n  a: MQ==\n  b: Mg==\nkind: Secret\nmetadata:\n'
      + '  creationTimestamp: "2026-01-01T00:00:00Z"\n  labels:\n    app: web\n    tier: front\n  name: alpha\n  namespace: shop\n'
      + '  resourceVersion: "<rv>"\n  uid: <uid>\ntype: Opaque\n');
    const json = await k.run('get secrets -n shop -l app=db -o json');
    expect(maskVarying(json.stdout)).toBe(`${JSON.stringify({
      apiVersion: 'v1',
      items: [{
        apiVersion: 'v1', data: { x: 'MQ==' }, kind: 'Secret',
        metadata: { creationTimestamp: '2026-01-01T00:03:20Z', labels: { app: 'db' }, name: 'beta', namespace: 'shop', resourceVersion: '<rv>', uid: '<uid>' },
        type: 'Opaque',
      }],
      kind: 'List',
      metadata: { resourceVersion: '' },
    }, null, 4)}\n`);
  });

  // Watches already open (the cluster's own informers) are counted first, so the change below waits
  // for kubectl's watch; the timeouts leave room for a loaded two-core CI machine.
  it('watches: the list, then a row per change, until the request timeout', async () => {
    const seen = requestCount(k, 'watch', 'secrets');
    const watching = k.run('get secrets -n shop -w --request-timeout=8s');
    await waitForRequest(k, 'watch', 'secrets', seen);
    expect((await k.run('label secret beta -n shop tier=back')).stdout).toBe('secret/beta labeled\n');
    const rows = [header, ['alpha', 'Opaque', '2', '5m'], ['beta', 'Opaque', '1', '100s'], ['beta', 'Opaque', '1', '100s']];
    expect(await watching).toEqual({ stdout: table(rows), stderr: '', exitCode: 0 });
  });

  it('prints only changes with --watch-only, a deletion included', async () => {
    const seen = requestCount(k, 'watch', 'secrets');
    const watching = k.run('get secrets -n shop --watch-only --request-timeout=8s');
    await waitForRequest(k, 'watch', 'secrets', seen);
    expect((await k.run('delete secret beta -n shop')).stdout).toBe('secret "beta" deleted\n');
    expect(await watching).toEqual({ stdout: table([header, ['beta', 'Opaque', '1', '100s']]), stderr: '', exitCode: 0 });
  });
});
