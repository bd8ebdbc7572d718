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

/**
 * An image kept in this process. A preloaded one keeps its text, and the objects decoded from it
 * until a cluster claims them: the built lab's first cluster takes those objects as they are,
 * without the deep copy a shared image needs (~370 objects with their history, on the worker's
 * path to its first kubectl answer); a later cluster decodes the text afresh.
 */
type KeptImage = { image: BootImage } | { text: string; unclaimed: BootImage | undefined };

/** Images by seed, start and history size; a handful is all a process uses (lab resets, test files). */
const images = new Map<string, KeptImage>();
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
  const kept = images.get(key);
  if (kept) {
    // Copied on the way out: no cluster ever holds a kept image's own objects.
    if ('image' in kept) restoreImage(ctx, copyImage(kept.image));
    else {
      restoreImage(ctx, kept.unclaimed ?? decodeImageText(kept.text).image);
      kept.unclaimed = undefined;
    }
    return;
  }
  bootstrap();
  if (images.size >= maxImages) images.delete(images.keys().next().value!);
  // Copied on the way in: the cluster that made the image goes on changing its objects.
  images.set(key, { image: copyImage(captureImage(ctx)) });
}

/** The image cache's key: everything the bootstrap's result depends on. */
export function bootstrapImageKey(seed: number, start: number, historySize: number | undefined): string {
  return `${seed}/${start}/${historySize ?? ''}`;
}

/**
 * The image kept for `key`, as text (JSON that keeps the image's sharing and frozen objects): the lab's build ships the default
 * cluster's image this way, so the browser's first cluster copies it instead of running the pipeline.
 */
export function encodeBootstrapImage(key: string): string | undefined {
  const kept = images.get(key);
  if (!kept) return undefined;
  // A preloaded image is written from its objects again, not echoed: the text then proves the round trip.
  return encodeImageText(key, 'image' in kept ? kept.image : decodeImageText(kept.text).image);
}

/**
 * Keep an image that `encodeBootstrapImage` wrote (in this or an earlier process): the next
 * cluster with its key copies it. Returns the key.
 */
export function preloadBootstrapImage(text: string): string {
  const { key, image } = decodeImageText(text);
  if (images.size >= maxImages && !images.has(key)) images.delete(images.keys().next().value!);
  images.set(key, { text, unclaimed: image });
  return key;
}

/**
 * The stored objects of the image kept for `key`, to read and never to change or hand to a
 * cluster (worker/first-answers.ts lists them before the first cluster claims them). Undefined
 * when no image is kept for `key`.
 */
export function bootstrapImageObjects(key: string): StoreSnapshot['buckets'] | undefined {
  const kept = images.get(key);
  if (!kept) return undefined;
  if ('image' in kept) return kept.image.store.buckets;
  return (kept.unclaimed ?? decodeImageText(kept.text).image).store.buckets;
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

/** Give `ctx` the image's state; the context owns `image` from here on (pass a copy of a kept one). */
function restoreImage(ctx: ApiContext, image: BootImage): void {
  ctx.store.restore(image.store);
  ctx.audit.restore(image.audit);
  streams(ctx).forEach((random, i) => random.restore(image.randoms[i]));
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

/*
 * The image as text. Plain JSON would lose what copyImage keeps: an object reached twice (a stored
 * object is also its history entry's) would come back as two, and the interned FieldsV1 trees would
 * no longer be frozen. So an object reached more than once is written once, into `shared`, and
 * referred to as `{"\u0000": index}`; a frozen one is wrapped as `{"\u0001": value}` and frozen
 * again when read. No key of a Kubernetes object or audit record starts with those characters.
 */
const refKey = '\u0000';
const frozenKey = '\u0001';

interface ImageText {
  key: string;
  shared: unknown[];
  image: unknown;
}

function encodeImageText(key: string, image: BootImage): string {
  const seen = new Map<object, number>();
  const count = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    const times = seen.get(value) ?? 0;
    seen.set(value, times + 1);
    if (times === 0) for (const item of Object.values(value)) count(item);
  };
  count(image);
  const index = new Map<object, number>();
  const shared: unknown[] = [];
  const encode = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (seen.get(value)! > 1) {
      let at = index.get(value);
      if (at === undefined) {
        index.set(value, (at = shared.length));
        shared.push(undefined);
        shared[at] = encodeOnce(value);
      }
      return { [refKey]: at };
    }
    return encodeOnce(value);
  };
  const encodeOnce = (value: object): unknown => {
    const out = Array.isArray(value) ? value.map(encode) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
    return Object.isFrozen(value) ? { [frozenKey]: out } : out;
  };
  const encoded = encode(image);
  return JSON.stringify({ key, shared, image: encoded } satisfies ImageText);
}

function decodeImageText(text: string): { key: string; image: BootImage } {
  const { key, shared, image } = JSON.parse(text) as ImageText;
  const decoded = new Map<number, unknown>();
  // In place, with index and for-in loops: the parsed text is ours alone, and on the worker's cold
  // path to its first answer this walk (~4,600 objects) runs 2-3× faster than with map and Object.keys.
  const decode = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = decode(value[i]);
      return value;
    }
    const record = value as Record<string, unknown>;
    if (Object.hasOwn(record, refKey)) {
      const at = record[refKey] as number;
      if (!decoded.has(at)) decoded.set(at, decode(shared[at]));
      return decoded.get(at);
    }
    if (Object.hasOwn(record, frozenKey)) return Object.freeze(decode(record[frozenKey]));
    // JSON.parse makes plain objects: no inherited enumerable keys for for-in to meet.
    for (const k in record) record[k] = decode(record[k]);
    return record;
  };
  return { key, image: decode(image) as BootImage };
}
