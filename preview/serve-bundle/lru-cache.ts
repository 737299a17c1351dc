/**
 * A map that keeps at most `capacity` units (bytes, or entries when every size is 1), dropping the
 * least recently used entries to make room. A value bigger than the whole capacity is not kept.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, { value: V; size: number }>();
  #used = 0;

  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    // Map keeps insertion order: moving the entry to the end makes it the most recently used.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V, size = 1): void {
    this.delete(key);
    if (size > this.capacity) return;
    this.#entries.set(key, { value, size });
    this.#used += size;
    for (const [oldest, entry] of this.#entries) {
      if (this.#used <= this.capacity) break;
      this.#entries.delete(oldest);
      this.#used -= entry.size;
    }
  }

  delete(key: K): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#used -= entry.size;
  }
}
