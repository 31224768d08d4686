// When a finding's data is old. A host whose site lost its collector (or that stopped answering)
// keeps its last snapshot, and the findings over it stay as they were: right as of then, and
// no longer known now. They must say so rather than read as current, or resolve on no evidence.

/** Sweeps a host may miss before its data reads as stale: one late sweep is not news. */
export const STALE_AFTER_SWEEPS = 3;

export type StaleHost = { id: number; name: string; lastCollectedAt: string | null };

/**
 * The hosts among `hosts` whose last successful collection is older than STALE_AFTER_SWEEPS
 * collection intervals (or never happened). Without periodic collection nothing is stale: the
 * user collects by hand, and data is as old as they chose.
 */
export function staleHosts(
  hosts: readonly { id: number; name: string }[],
  lastCollectedAt: ReadonlyMap<number, Date>,
  collectIntervalMinutes: number,
  now: number,
): StaleHost[] {
  if (collectIntervalMinutes <= 0) return [];
  const limit = STALE_AFTER_SWEEPS * collectIntervalMinutes * 60_000;
  return hosts.flatMap((h) => {
    const at = lastCollectedAt.get(h.id);
    return at && now - at.getTime() <= limit ? [] : [{ id: h.id, name: h.name, lastCollectedAt: at?.toISOString() ?? null }];
  });
}
