// Pure: when periodic jobs run (lib/jobs/scheduler.ts). Slots missed while the server was down
// are not made up (a pile of back-to-back sweeps or tests after a restart helps nobody): the
// next slot after `now`, on the original cadence.

/** The slot after the one being taken at `nowMs`. */
export function nextDueAfter(dueMs: number, intervalMinutes: number, nowMs: number): number {
  const step = Math.max(1, intervalMinutes) * 60_000;
  if (dueMs > nowMs) return dueMs;
  const missed = Math.floor((nowMs - dueMs) / step) + 1;
  return dueMs + missed * step;
}

/** The longest the scheduler sleeps, so a job added by another process is seen within it. */
export const MAX_SLEEP_MS = 60_000;
/** The shortest, so a job due in the past does not spin the event loop. */
export const MIN_SLEEP_MS = 250;

/** How long to sleep until the earliest due job (none: the longest sleep). */
export function sleepMs(earliestDueMs: number | null, nowMs: number): number {
  if (earliestDueMs === null) return MAX_SLEEP_MS;
  return Math.min(MAX_SLEEP_MS, Math.max(MIN_SLEEP_MS, earliestDueMs - nowMs));
}
