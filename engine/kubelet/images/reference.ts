/**
 * Image references as containerd resolves them: `nginx` is `docker.io/library/nginx:latest`,
 * `bitnami/redis:7` is `docker.io/bitnami/redis:7`, `registry.k8s.io/pause:3.10` stays as written.
 */

export interface ImageReference {
  /** What the pod spec says, e.g. `nginx:1.25`. */
  image: string;
  /** The repository with its registry, e.g. `docker.io/library/nginx`. */
  repository: string;
  /** The tag, `latest` when none is given; empty when the image is pinned by digest only. */
  tag: string;
  /** A digest given with `@sha256:…`, if any. */
  digest?: string;
  /** The fully qualified reference, e.g. `docker.io/library/nginx:1.25`. */
  full: string;
}

/** Parse an image name; undefined when it is not a valid reference (the kubelet's InvalidImageName). */
export function parseImage(image: string): ImageReference | undefined {
  if (!/^[a-z0-9]([a-z0-9._\-/:@]*[a-zA-Z0-9_])?$/.test(image) && !/@sha256:[a-f0-9]{64}$/.test(image)) return undefined;
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = '';
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (!tag && !digest) tag = 'latest';
  const first = rest.split('/')[0];
  const hasRegistry = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repository = hasRegistry ? rest : `docker.io/${rest}`;
  if (!hasRegistry && !rest.includes('/')) repository = `docker.io/library/${rest}`;
  const full = `${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
  return { image, repository, tag, digest, full };
}
