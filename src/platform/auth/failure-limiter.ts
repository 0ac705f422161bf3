/**
 * Counts failures per key in a sliding window, in memory: a key with `max` failures in the last `windowMs` is
 * blocked until the oldest of them falls out of the window. Only failures count, so colleagues who sign in
 * correctly from one town hall's address never block each other. Bounded: past `maxKeys` keys the oldest go.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const since = now - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  blocked(key: string, now = Date.now()): boolean {
    return this.recent(key, now).length >= this.max;
  }

  fail(key: string, now = Date.now()): void {
    const kept = this.recent(key, now);
    this.failures.delete(key);
    this.failures.set(key, [...kept, now]);
    if (this.failures.size > this.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }
}
