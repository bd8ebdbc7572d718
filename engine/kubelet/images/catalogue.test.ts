import { describe, expect, it } from 'vitest';
import { containerArgv, startProcess } from './behaviours.ts';
import { catalogue, resolveImage } from './catalogue.ts';
import { parseImage } from './reference.ts';

describe('image references', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx', 'latest', 'docker.io/library/nginx:latest'],
    ['nginx:1.25', 'docker.io/library/nginx', '1.25', 'docker.io/library/nginx:1.25'],
    ['bitnami/redis:7.2', 'docker.io/bitnami/redis', '7.2', 'docker.io/bitnami/redis:7.2'],
    ['registry.k8s.io/hpa-example', 'registry.k8s.io/hpa-example', 'latest', 'registry.k8s.io/hpa-example:latest'],
    ['localhost:5000/app:v1', 'localhost:5000/app', 'v1', 'localhost:5000/app:v1'],
  ])('%s is %s', (image, repository, tag, full) => {
    expect(parseImage(image)).toMatchObject({ repository, tag, full });
  });

  it('refuses what containerd cannot parse', () => {
    expect(parseImage('NGINX')).toBeUndefined();
    expect(parseImage('nginx:')).toBeUndefined();
  });
});

describe('the simulated registry', () => {
  it('fails a missing tag of a catalogued repository with containerd\'s NotFound text', () => {
    expect(resolveImage(parseImage('nginx:9.9')!)).toEqual({
      ok: false,
      error: 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:9.9": failed to resolve reference "docker.io/library/nginx:9.9": docker.io/library/nginx:9.9: not found',
    });
  });

  it('serves every catalogued tag, kubelab/hello 3.0-broken with its own behaviour, and unknown repositories as generic servers', () => {
    for (const [repository, entry] of Object.entries(catalogue)) {
      for (const tag of Object.keys(entry.tags)) expect(resolveImage(parseImage(`${repository}:${tag}`)!)).toMatchObject({ ok: true, size: entry.tags[tag] });
    }
    expect(resolveImage(parseImage('kubelab/hello:3.0-broken')!)).toMatchObject({ ok: true, behaviour: 'hello-broken' });
    expect(resolveImage(parseImage('kubelab/hello:2.0')!)).toMatchObject({ ok: true, behaviour: 'hello' });
    expect(resolveImage(parseImage('ghcr.io/acme/shop:1.4')!)).toMatchObject({ ok: true, behaviour: 'generic', imageId: expect.stringMatching(/^ghcr\.io\/acme\/shop@sha256:[0-9a-f]{64}$/) });
  });
});

describe('image behaviour', () => {
  const ctx = { env: {}, files: new Map<string, string>(), hostname: 'p', now: () => 0 };

  it('lets command replace ENTRYPOINT and args replace CMD', () => {
    const nginx = catalogue['docker.io/library/nginx'];
    expect(containerArgv({ name: 'c' }, nginx)).toEqual(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
    expect(containerArgv({ name: 'c', args: ['nginx-debug'] }, nginx)).toEqual(['/docker-entrypoint.sh', 'nginx-debug']);
    expect(containerArgv({ name: 'c', command: ['sleep'], args: ['10'] }, nginx)).toEqual(['sleep', '10']);
  });

  it('answers HTTP on the ports the image listens on, and the declared ports of an unknown image', () => {
    const nginx = startProcess('nginx', catalogue['docker.io/library/nginx'], '1.25', { name: 'c' }, ctx);
    if ('startError' in nginx) throw new Error(nginx.startError);
    expect(nginx.http({ port: 80, path: '/', client: '10.244.1.1', userAgent: 'curl/8.5.0' }, 0)).toMatchObject({ status: 200, log: '10.244.1.1 - - [01/Jan/1970:00:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"' });
    expect(nginx.http({ port: 8080, path: '/', client: '', userAgent: '' }, 0)).toBeUndefined();
    const generic = startProcess('generic', undefined, 'v1', { name: 'c', ports: [{ containerPort: 3000 }] }, ctx);
    if ('startError' in generic) throw new Error(generic.startError);
    expect(generic.ports).toEqual([3000]);
    expect(generic.run.next().value).toEqual({ kind: 'sleep', ms: Number.MAX_SAFE_INTEGER / 2 });
  });

  it('fails to start a binary busybox does not have, as runc reports it', () => {
    expect(startProcess('shell', catalogue['docker.io/library/busybox'], 'latest', { name: 'c', command: ['/app/server'] }, ctx)).toEqual({
      startError: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app/server": executable file not found in $PATH: unknown',
    });
  });
});
