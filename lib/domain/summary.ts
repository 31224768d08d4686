import type { HostListItem, SeverityCounts } from "./views";

/**
 * GET /api/summary: the few figures a dashboard tile shows (Homepage's customapi widget,
 * Homarr), flat enough to map field by field. A host is "up" when its newest collection
 * reached it (ok or partial), "down" when it failed, "unknown" before its first collection.
 */
export type Summary = {
  hosts: { total: number; up: number; down: number; unknown: number };
  findings: { open: number; critical: number; warning: number; info: number };
  /** When the newest collection of any host ended (ISO), or null before the first one. */
  lastCollectionAt: string | null;
  generatedAt: string;
};

export function summarize(hosts: Pick<HostListItem, "lastRun">[], open: SeverityCounts, now: Date): Summary {
  let up = 0;
  let down = 0;
  let last: string | null = null;
  for (const h of hosts) {
    const run = h.lastRun;
    // A collection in progress says nothing new yet: "running" counts as unknown.
    if (run?.status === "ok" || run?.status === "partial") up++;
    else if (run?.status === "failed") down++;
    const ended = run?.finishedAt ?? null;
    if (ended !== null && (last === null || ended > last)) last = ended;
  }
  return {
    hosts: { total: hosts.length, up, down, unknown: hosts.length - up - down },
    findings: { open: open.critical + open.warning + open.info, ...open },
    lastCollectionAt: last,
    generatedAt: now.toISOString(),
  };
}
