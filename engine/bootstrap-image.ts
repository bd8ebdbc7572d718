/**
 * The API server's state right after the bootstrap objects are created, kept once per process and
 * copied into every later cluster with the same seed, start time and history size. Before any
 * controller runs, the bootstrap is a pure function of those three: ~370 fixed objects (namespaces,
 * APF configuration, APIServices, the RBAC bootstrap policy…) through the full write pipeline,
 * with UIDs from the seeded stream and times from the start. Every lab reset and most tests build
 * such a cluster, so the first one pays for the pipeline and the rest copy its result: the same
 * stored objects, resourceVersions, history, audit records and random-stream positions, byte for
 * byte (engine/cluster.test.ts pins the digest; bootstrap-image.test.ts compares both paths).
 */
import type { Random, RandomState } from './clock.ts';
import type { AuditSnapshot } from './api/audit.ts';
import type { ApiContext } from './api/context.ts';
import type { StoreSnapshot } from './api/store.ts';

/** What the bootstrap leaves behind in an API server's context. */
interface BootImage {
  store: StoreSnapshot;
  audit: AuditSnapshot;
  /** Positions of the context's random streams: `random` (allocations), `names`, `uids`. */
  randoms: RandomState[];
}

/** Images by seed, start and history size; a handful is all a process uses (lab resets, test files). */
const images = new Map<string, BootImage>();
const maxImages = 8;

/** The streams whose positions the image records, in a fixed order. */
function streams(ctx: ApiContext): Random[] {
  return [ctx.random, ctx.names, ctx.uids];
}

/**
 * Run `bootstrap` against a fresh API server's context, or, when a cluster with the same `key`
 * was bootstrapped before in this process, give the context that cluster's resulting state instead.
 * `key` must name everything the bootstrap's result depends on (seed, start time, history size).
 */
export function bootstrapOnce(ctx: ApiContext, key: string, bootstrap: () => void): void {
  const image = images.get(key);
  if (image) {
    restoreImage(ctx, image);
    return;
  }
  bootstrap();
  if (images.size >= maxImages) images.delete(images.keys().next().value!);
  // Copied on the way in and again on the way out: no cluster ever holds the image's own objects.
  images.set(key, copyImage(captureImage(ctx)));
}

/** How many images this process keeps now. */
export function bootstrapImageCount(): number {
  return images.size;
}

/** Forget every image (a test that wants the full pipeline every time). */
export function forgetBootstrapImages(): void {
  images.clear();
}

function captureImage(ctx: ApiContext): BootImage {
  return { store: ctx.store.snapshot(), audit: ctx.audit.snapshot(), randoms: streams(ctx).map((random) => random.state()) };
}

function restoreImage(ctx: ApiContext, image: BootImage): void {
  const copy = copyImage(image);
  ctx.store.restore(copy.store);
  ctx.audit.restore(copy.audit);
  streams(ctx).forEach((random, i) => random.restore(copy.randoms[i]));
}

/**
 * A deep copy that keeps the image's sharing (a bucket's object is the same object as its history
 * entry, and a new version shares unchanged subtrees with the old) and shares frozen objects
 * outright: the field manager's FieldsV1 trees are frozen and interned across all clusters.
 */
function copyImage(image: BootImage): BootImage {
  const seen = new Map<object, unknown>();
  const copy = <T>(value: T): T => {
    if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
    const known = seen.get(value);
    if (known !== undefined) return known as T;
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      seen.set(value, out);
      for (const item of value) out.push(copy(item));
      return out as T;
    }
    const out: Record<string, unknown> = {};
    seen.set(value, out);
    for (const key of Object.keys(value)) out[key] = copy((value as Record<string, unknown>)[key]);
    return out as T;
  };
  return { store: copy(image.store), audit: copy(image.audit), randoms: image.randoms.map((state) => [...state] as const) };
}
