/**
 * How ingress-nginx routes a request: one server block per host (an exact host beats a
 * `*.wildcard`, which beats the catch-all server), and inside it the locations of every Ingress
 * for that host, longest path first, Exact before Prefix. Prefix matches whole path elements
 * (`/foo` matches `/foo` and `/foo/bar`, not `/foobar`); ImplementationSpecific is taken as
 * Prefix. A request no location takes goes to an Ingress's defaultBackend, else the
 * controller's own 404 page.
 */
import type { KubeObject } from '../api/types.ts';

/** The IngressClass the simulated controller serves and the controller value it claims. */
export const ingressClassName = 'nginx';

/** An Ingress backend: a Service port by number or name. */
export interface IngressBackend {
  service?: { name: string; port?: { number?: number; name?: string } };
  resource?: { kind: string; name: string };
}

interface IngressPath {
  path?: string;
  pathType?: string;
  backend: IngressBackend;
}

interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: IngressBackend;
  rules?: { host?: string; http?: { paths?: IngressPath[] } }[];
  tls?: { hosts?: string[]; secretName?: string }[];
}

/** Where a request goes: a Service backend in the Ingress's namespace, or nowhere (404). */
export type IngressRoute = { namespace: string; backend: IngressBackend; ingress: string } | { notFound: true };

/** Whether the nginx controller serves an Ingress (`--watch-ingress-without-class=true` takes classless ones too). */
export function servedByNginx(ingress: KubeObject): boolean {
  const spec = (ingress.spec ?? {}) as IngressSpec;
  const annotation = ingress.metadata.annotations?.['kubernetes.io/ingress.class'];
  if (spec.ingressClassName !== undefined) return spec.ingressClassName === ingressClassName;
  return annotation === undefined || annotation === ingressClassName;
}

/** Whether an Ingress rule's host matches the request host (`*.foo.com` covers exactly one more label). */
export function hostMatches(ruleHost: string, host: string): boolean {
  if (ruleHost.startsWith('*.')) {
    const suffix = ruleHost.slice(1);
    return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.') && host.length > suffix.length;
  }
  return ruleHost === host;
}

/** Whether a location admits a request path. */
export function pathMatches(pathType: string, rulePath: string, path: string): boolean {
  if (pathType === 'Exact') return path === rulePath;
  // Prefix: compare element by element, ignoring a trailing slash on either side.
  const elements = (p: string): string[] => p.split('/').filter((e) => e !== '');
  const want = elements(rulePath);
  const have = elements(path);
  return want.length <= have.length && want.every((e, i) => e === have[i]);
}

/** Route a request by host (no port) and path over every Ingress the controller serves. */
export function routeIngress(ingresses: KubeObject[], host: string, path: string): IngressRoute {
  const served = ingresses.filter(servedByNginx).sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
  const pathOnly = path.split('?')[0] || '/';
  // The server block: exact host, then wildcard, then rules without a host (the `_` server).
  const tiers: ((ruleHost: string | undefined) => boolean)[] = [
    (h) => h === host,
    (h) => !!h && h.startsWith('*.') && hostMatches(h, host),
    (h) => !h,
  ];
  for (const inTier of tiers) {
    const locations: { ingress: KubeObject; path: string; pathType: string; backend: IngressBackend }[] = [];
    const owners: KubeObject[] = [];
    for (const ingress of served) {
      const spec = (ingress.spec ?? {}) as IngressSpec;
      for (const rule of spec.rules ?? []) {
        if (!inTier(rule.host)) continue;
        if (!owners.includes(ingress)) owners.push(ingress);
        for (const p of rule.http?.paths ?? []) locations.push({ ingress, path: p.path ?? '/', pathType: p.pathType ?? 'ImplementationSpecific', backend: p.backend });
      }
    }
    if (!owners.length) continue;
    locations.sort((a, b) => b.path.length - a.path.length || Number(b.pathType === 'Exact') - Number(a.pathType === 'Exact'));
    const hit = locations.find((l) => pathMatches(l.pathType, l.path, pathOnly));
    if (hit) return { namespace: hit.ingress.metadata.namespace!, backend: hit.backend, ingress: hit.ingress.metadata.name! };
    const fallback = owners.find((i) => (i.spec as IngressSpec | undefined)?.defaultBackend);
    if (fallback) return { namespace: fallback.metadata.namespace!, backend: (fallback.spec as IngressSpec).defaultBackend!, ingress: fallback.metadata.name! };
    return { notFound: true };
  }
  // No server block names this host: the catch-all serves an Ingress with only a defaultBackend.
  const fallback = served.find((i) => (i.spec as IngressSpec | undefined)?.defaultBackend);
  if (fallback) return { namespace: fallback.metadata.namespace!, backend: (fallback.spec as IngressSpec).defaultBackend!, ingress: fallback.metadata.name! };
  return { notFound: true };
}

/** TLS secrets an Ingress names that do not exist (the controller then serves its fake certificate). */
export function missingTLSSecrets(ingress: KubeObject, secrets: KubeObject[]): string[] {
  const spec = (ingress.spec ?? {}) as IngressSpec;
  return (spec.tls ?? []).map((t) => t.secretName).filter((name): name is string => !!name)
    .filter((name) => !secrets.some((s) => s.metadata.namespace === ingress.metadata.namespace && s.metadata.name === name));
}

/** An nginx error page as the controller serves it (`server_tokens off`: no version). */
export function nginxErrorPage(status: number, text: string): string {
  const title = `${status} ${text}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
