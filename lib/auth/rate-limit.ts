// Failed-login limiter: after `max` failures for a key (a username or an address) within
// `windowMs`, that key is refused until the oldest failure leaves the window. Pure apart from
// its in-memory map; `now` is passed in so tests control time.
export type RateLimitOptions = { max: number; windowMs: number };

export const LOGIN_LIMIT: RateLimitOptions = { max: 5, windowMs: 15 * 60_000 };

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly opts: RateLimitOptions = LOGIN_LIMIT) {}

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => now - t < this.opts.windowMs);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Milliseconds until the key may try again; 0 when it may try now. */
  retryAfterMs(keys: string[], now: number): number {
    let wait = 0;
    for (const key of keys) {
      const times = this.recent(key, now);
      if (times.length >= this.opts.max) {
        const oldest = times[times.length - this.opts.max] as number;
        wait = Math.max(wait, oldest + this.opts.windowMs - now);
      }
    }
    return wait;
  }

  fail(keys: string[], now: number): void {
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now]);
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
