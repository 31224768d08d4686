// Login limiter. Pure apart from its in-memory maps; `now` is passed in so tests control time.
//
// The rule: an attempt is counted as a failure from the moment it starts (a reservation, taken
// before the password is hashed) and stays one unless it succeeds, so N parallel attempts can
// never get past the limit. Three counters, each over a sliding window:
//   - username at address: 5 per 15 minutes. The lockout a guessing client runs into.
//   - address: 20 per 15 minutes, across usernames (password spraying from one machine).
//   - username, from every address: 50 per 15 minutes. Only reached by a distributed attack;
//     an address the user has logged in from in the last 30 days is exempt, so that attack
//     cannot lock the owner out, and nobody anonymous can lock anyone out from another address.
export type Rule = { max: number; windowMs: number };

export const LOGIN_RULES = {
  userAtAddress: { max: 5, windowMs: 15 * 60_000 },
  address: { max: 20, windowMs: 15 * 60_000 },
  user: { max: 50, windowMs: 15 * 60_000 },
} satisfies Record<string, Rule>;

const KNOWN_ADDRESS_MS = 30 * 24 * 3600_000;
/** Bounds the memory an attacker can make the maps hold (keys are pruned when over it). */
const MAX_KEYS = 50_000;

type Entry = { at: number; id: number };
type Counter = { key: string; rule: Rule };

export type Attempt = { id: number; username: string; address: string; counters: Counter[] };
export type Reservation = { ok: true; attempt: Attempt } | { ok: false; retryAfterMs: number };

export class LoginLimiter {
  private readonly entries = new Map<string, Entry[]>();
  /** username -> address -> time of the last successful login from there */
  private readonly known = new Map<string, Map<string, number>>();
  private nextId = 1;

  constructor(private readonly rules: typeof LOGIN_RULES = LOGIN_RULES) {}

  private recent(key: string, rule: Rule, now: number): Entry[] {
    const kept = (this.entries.get(key) ?? []).filter((e) => now - e.at < rule.windowMs);
    if (kept.length) this.entries.set(key, kept);
    else this.entries.delete(key);
    return kept;
  }

  private isKnown(username: string, address: string, now: number): boolean {
    const at = this.known.get(username)?.get(address);
    return at !== undefined && now - at < KNOWN_ADDRESS_MS;
  }

  /**
   * Takes a slot on every counter, or says how long to wait when one is full. A failed attempt
   * needs no further call: its reservation stays, as the failure it is.
   */
  reserve(usernameRaw: string, address: string, now: number): Reservation {
    const username = usernameRaw.toLowerCase();
    const counters: Counter[] = [
      { key: `ua:${username}@${address}`, rule: this.rules.userAtAddress },
      { key: `a:${address}`, rule: this.rules.address },
    ];
    if (!this.isKnown(username, address, now)) counters.push({ key: `u:${username}`, rule: this.rules.user });
    let wait = 0;
    for (const { key, rule } of counters) {
      const times = this.recent(key, rule, now);
      if (times.length >= rule.max) {
        const oldest = times[times.length - rule.max] as Entry;
        wait = Math.max(wait, oldest.at + rule.windowMs - now);
      }
    }
    if (wait > 0) return { ok: false, retryAfterMs: wait };
    if (this.entries.size > MAX_KEYS) this.prune(now);
    const id = this.nextId++;
    for (const { key } of counters) this.entries.set(key, [...(this.entries.get(key) ?? []), { at: now, id }]);
    return { ok: true, attempt: { id, username, address, counters } };
  }

  /** The attempt never checked a password (the server was busy): as if it had not happened. */
  cancel(attempt: Attempt): void {
    for (const { key } of attempt.counters) this.drop(key, attempt.id);
  }

  /**
   * Right password: this username's and this address's failures are forgiven and the address
   * becomes known for the user. Failures others caused from elsewhere still count.
   */
  succeed(attempt: Attempt, now: number): void {
    this.entries.delete(`ua:${attempt.username}@${attempt.address}`);
    this.entries.delete(`a:${attempt.address}`);
    this.drop(`u:${attempt.username}`, attempt.id);
    const addresses = this.known.get(attempt.username) ?? new Map<string, number>();
    addresses.set(attempt.address, now);
    if (addresses.size > 100) {
      const oldest = [...addresses.entries()].sort((a, b) => a[1] - b[1])[0];
      if (oldest) addresses.delete(oldest[0]);
    }
    this.known.set(attempt.username, addresses);
  }

  private drop(key: string, id: number): void {
    const kept = (this.entries.get(key) ?? []).filter((e) => e.id !== id);
    if (kept.length) this.entries.set(key, kept);
    else this.entries.delete(key);
  }

  private prune(now: number): void {
    const longest = Math.max(...Object.values(this.rules).map((r) => r.windowMs));
    for (const [key, list] of this.entries) {
      if (list.every((e) => now - e.at >= longest)) this.entries.delete(key);
    }
  }
}
