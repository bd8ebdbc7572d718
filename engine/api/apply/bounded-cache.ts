/**
 * A map that keeps roughly the `capacity` most recently used entries. The field manager's caches
 * (interned FieldsV1 and sets, sets read from stored FieldsV1) use it so that what 30,000 pods
 * share stays cached while what each pod alone has is soon dropped.
 *
 * Two generations instead of an exact LRU list: new entries go into the young map; when it is
 * full it becomes the old one and the previous old one is dropped. An entry found in the old map
 * moves to the young one, so entries in use survive every turnover. No lookup deletes anything.
 */
export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  /** `capacity` is per generation: at most twice as many entries are kept. */
  constructor(private readonly capacity: number) {}

  /** The value for `key`, which then counts as recently used. */
  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const older = this.old.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }

  /** Remember `value` as recently used. */
  set(key: K, value: V): void {
    if (this.young.size >= this.capacity) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  /** How many entries are kept (an entry in both generations counts twice). */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
