// When a matrix cell's result is too old to trust (pure; the page passes `now` in).

/**
 * Seven days: homelab changes (re-cabling, a switch or firmware update, a VM moved to another
 * host) happen mostly at weekends, so a result older than a week has likely missed one. A weekly
 * schedule keeps its pair fresh; slower schedules (up to 30 days) show as stale between runs.
 */
export const STALE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

export function isStale(atIso: string, nowMs: number, staleAfterMs = STALE_AFTER_MS): boolean {
  const t = Date.parse(atIso);
  // An unreadable date is no evidence of freshness.
  return Number.isNaN(t) || nowMs - t > staleAfterMs;
}
