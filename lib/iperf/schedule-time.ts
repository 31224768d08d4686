// Pure: when a schedule is due next. Slots missed while the server was down are not made up
// (a pile of back-to-back tests after a restart helps nobody): the next slot after `now`,
// on the original cadence.
export function nextDueAfter(dueMs: number, intervalMinutes: number, nowMs: number): number {
  const step = Math.max(1, intervalMinutes) * 60_000;
  if (dueMs > nowMs) return dueMs;
  const missed = Math.floor((nowMs - dueMs) / step) + 1;
  return dueMs + missed * step;
}
