/**
 * A map that keeps the `size` most recently used entries: reading an entry makes it the newest, and adding one
 * beyond the size lets the least recently used go. With size 0 it keeps nothing.
 */
export class Recent<K, V> {
  readonly #entries = new Map<K, V>();
  constructor(readonly size: number) {}

  get count(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    const found = this.#entries.get(key);
    if (found !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, found);
    }
    return found;
  }

  set(key: K, value: V): void {
    if (this.size <= 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.size) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }
}
