// Which netdiag process collects which site. Every process (the web server, each `npm run
// collector`) beats a heartbeat into the Collector table; a process scoped to a site
// (NETDIAG_SITE) collects that site only, and an unscoped one every site that has no collector
// of its own. A site that has one stays with it while it is down or cut off: its hosts are
// reachable from there, not from here, so its collections wait (the Sites page flags the site)
// rather than fail from a network that cannot reach them. A collector row is forgotten a week
// after its last heartbeat; only then does an unscoped process take the site back.

export const HEARTBEAT_MS = 30_000;
/** Three missed heartbeats: a collector killed (or cut off) is presumed gone after this. */
export const LIVE_MS = 90_000;

export type CollectorRow = {
  id: string;
  site: string | null;
  role: string;
  version: string;
  hostname: string;
  pid: number;
  startedAt: Date;
  lastSeenAt: Date;
  stoppedAt: Date | null;
  jobsDone: number;
  lastJobAt: Date | null;
};

export const isLive = (c: Pick<CollectorRow, "lastSeenAt" | "stoppedAt">, now: number): boolean =>
  c.stoppedAt === null && now - c.lastSeenAt.getTime() <= LIVE_MS;

/** Sites that have a collector of their own (other than `selfId`), live or not. */
export function scopedSites(collectors: readonly CollectorRow[], selfId?: string): Set<string> {
  return new Set(collectors.flatMap((c) => (c.id !== selfId && c.site !== null ? [c.site] : [])));
}

/** Whether a process scoped to `mySite` (null: unscoped) collects hosts at `site`. */
export function serves(mySite: string | null, site: string, scoped: ReadonlySet<string>): boolean {
  return mySite !== null ? site === mySite : !scoped.has(site);
}

/** A CollectorRow for the page: dates as ISO strings, and whether it is live. */
export type CollectorView = Omit<CollectorRow, "startedAt" | "lastSeenAt" | "stoppedAt" | "lastJobAt"> & {
  startedAt: string;
  lastSeenAt: string;
  lastJobAt: string | null;
  live: boolean;
};

export type SiteCoverage = {
  /** The site's own collectors (live or not), or else the live unscoped processes. */
  collectors: CollectorView[];
  /** The site has hosts and no live process collects them: they wait, nothing is collected. */
  uncovered: boolean;
  /** When the sweep that collects the site last ran, or null (never, or no periodic collection). */
  lastSweepAt: string | null;
  /** How long that sweep has been due without anyone running it (0: on time; null: no periodic collection). */
  lagSeconds: number | null;
};

export const COLLECT_ALL = "collect-all";

/**
 * The scheduled job that sweeps for a process scoped to `site` (null: unscoped): each site's
 * collectors share one cadence, claimed slot by slot; an unscoped process's cadence is its own.
 */
export const collectJobKeyFor = (site: string | null): string => (site === null ? COLLECT_ALL : `${COLLECT_ALL}:${site}`);

export type SweepJob = { key: string; nextDueAt: Date; lastRunAt: Date | null };

export function toCollectorView(c: CollectorRow, now: number): CollectorView {
  return {
    id: c.id,
    site: c.site,
    role: c.role,
    version: c.version,
    hostname: c.hostname,
    pid: c.pid,
    startedAt: c.startedAt.toISOString(),
    lastSeenAt: c.lastSeenAt.toISOString(),
    jobsDone: c.jobsDone,
    lastJobAt: c.lastJobAt?.toISOString() ?? null,
    live: isLive(c, now),
  };
}

/**
 * Who collects a site with `hosts` hosts: its own collectors (listed live or not), or else the
 * unscoped processes; and how late the sweep that covers it is, from the scheduled jobs.
 */
export function coverage(site: string, hosts: number, collectors: readonly CollectorRow[], jobs: readonly SweepJob[], now: number): SiteCoverage {
  const own = collectors.filter((c) => c.site === site);
  const serving = own.length > 0 ? own : collectors.filter((c) => c.site === null && isLive(c, now));
  const job = jobs.find((j) => j.key === collectJobKeyFor(own.length > 0 ? site : null));
  return {
    collectors: serving.map((c) => toCollectorView(c, now)),
    uncovered: hosts > 0 && !serving.some((c) => isLive(c, now)),
    lastSweepAt: job?.lastRunAt?.toISOString() ?? null,
    lagSeconds: job ? Math.max(0, Math.floor((now - job.nextDueAt.getTime()) / 1000)) : null,
  };
}
