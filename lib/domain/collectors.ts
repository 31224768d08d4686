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

export type CollectorView = {
  id: string;
  site: string | null;
  role: string;
  version: string;
  hostname: string;
  pid: number;
  startedAt: string;
  lastSeenAt: string;
  jobsDone: number;
  lastJobAt: string | null;
  live: boolean;
};

export type SiteCoverage = {
  /** The site's own collectors (live or not), or else the live unscoped processes. */
  collectors: CollectorView[];
  /** The site has hosts and no live process collects them: they wait, nothing is collected. */
  uncovered: boolean;
};

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

/** Who collects a site with `hosts` hosts: its own collectors (listed live or not), or else the unscoped processes. */
export function coverage(site: string, hosts: number, collectors: readonly CollectorRow[], now: number): SiteCoverage {
  const own = collectors.filter((c) => c.site === site);
  const serving = own.length > 0 ? own : collectors.filter((c) => c.site === null && isLive(c, now));
  return { collectors: serving.map((c) => toCollectorView(c, now)), uncovered: hosts > 0 && !serving.some((c) => isLive(c, now)) };
}
