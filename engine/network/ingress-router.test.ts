import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { hostMatches, missingTLSSecrets, pathMatches, routeIngress, servedByNginx } from './ingress-router.ts';

const backend = (name: string): Record<string, unknown> => ({ service: { name, port: { number: 80 } } });
const ingress = (name: string, spec: Record<string, unknown>, created = '2026-01-01T00:00:00Z', annotations?: Record<string, string>): KubeObject =>
  ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'default', creationTimestamp: created, annotations }, spec });

const ingresses = [
  ingress('shop', { ingressClassName: 'nginx', rules: [{ host: 'shop.example.com', http: { paths: [
    { path: '/', pathType: 'Prefix', backend: backend('front') },
    { path: '/api', pathType: 'Prefix', backend: backend('api') },
    { path: '/api/v2', pathType: 'Prefix', backend: backend('api-v2') },
    { path: '/status', pathType: 'Exact', backend: backend('status') },
    { path: '/legacy', pathType: 'ImplementationSpecific', backend: backend('legacy') },
  ] } }] }),
  ingress('wild', { ingressClassName: 'nginx', rules: [{ host: '*.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('wild') }] } }] }),
  ingress('docs', { ingressClassName: 'nginx', defaultBackend: backend('docs-default'), rules: [{ host: 'docs.example.com', http: { paths: [{ path: '/guide', pathType: 'Prefix', backend: backend('guide') }] } }] }),
  ingress('other-class', { ingressClassName: 'traefik', rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/x', pathType: 'Prefix', backend: backend('never') }] } }] }),
];

describe('ingress-nginx routing', () => {
  it.each([
    ['shop.example.com', '/', 'front'],
    ['shop.example.com', '/cart', 'front'],
    ['shop.example.com', '/api', 'api'],
    ['shop.example.com', '/api/', 'api'],
    ['shop.example.com', '/api/users?id=3', 'api'],
    ['shop.example.com', '/apiary', 'front'],
    ['shop.example.com', '/api/v2/users', 'api-v2'],
    ['shop.example.com', '/status', 'status'],
    ['shop.example.com', '/status/x', 'front'],
    ['shop.example.com', '/legacy/page', 'legacy'],
    ['shop.example.com', '/x', 'front'],
    ['blog.example.com', '/', 'wild'],
    ['a.b.example.com', '/', 'docs-default'],
    ['docs.example.com', '/guide/intro', 'guide'],
    ['docs.example.com', '/other', 'docs-default'],
    ['unknown.test', '/', 'docs-default'],
  ])('%s%s → %s', (host, path, expected) => {
    const route = routeIngress(ingresses, host, path);
    expect('notFound' in route ? '404' : route.backend.service?.name).toBe(expected);
  });

  it('answers 404 when no Ingress has a default backend', () => {
    expect(routeIngress(ingresses.filter((i) => i.metadata.name !== 'docs'), 'unknown.test', '/')).toEqual({ notFound: true });
  });

  it.each([
    ['*.foo.com', 'bar.foo.com', true], ['*.foo.com', 'baz.bar.foo.com', false], ['*.foo.com', 'foo.com', false], ['foo.com', 'foo.com', true],
  ])('host %s matches %s: %s', (rule, host, expected) => {
    expect(hostMatches(rule, host)).toBe(expected);
  });

  it.each([
    ['Prefix', '/foo', '/foo/bar', true], ['Prefix', '/foo/', '/foo', true], ['Prefix', '/foo', '/foobar', false], ['Prefix', '/', '/anything', true],
    ['Exact', '/foo', '/foo/', false], ['Exact', '/foo', '/foo', true],
  ])('%s %s matches %s: %s', (type, rule, path, expected) => {
    expect(pathMatches(type, rule, path)).toBe(expected);
  });

  it('serves its class, classless Ingresses, and the old annotation', () => {
    expect([
      ingress('a', { ingressClassName: 'nginx' }), ingress('b', {}), ingress('c', {}, undefined, { 'kubernetes.io/ingress.class': 'nginx' }),
      ingress('d', { ingressClassName: 'other' }), ingress('e', {}, undefined, { 'kubernetes.io/ingress.class': 'traefik' }),
    ].map(servedByNginx)).toEqual([true, true, true, false, false]);
  });

  it('notices TLS secrets that do not exist', () => {
    const tls = ingress('t', { tls: [{ hosts: ['a.example.com'], secretName: 'a-tls' }, { hosts: ['b.example.com'], secretName: 'b-tls' }] });
    const secret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a-tls', namespace: 'default' } };
    expect(missingTLSSecrets(tls, [secret])).toEqual(['b-tls']);
  });
});
