import "server-only";
import { getDb } from "@/lib/db";
import { CrossSiteError, NotFoundError, ValidationError } from "@/lib/errors";
import { coverage } from "@/lib/domain/collectors";
import { listCollectors } from "./collectors";
import { listScheduledJobs } from "./scheduled-jobs";
import { crossSiteRefusal, DEFAULT_SITE, routePair, type SiteRouteView, type SiteView } from "@/lib/domain/site";

/**
 * Every site a host or a collector is at (the default site always), with its host count and
 * who collects it, by name.
 */
export async function listSites(now = Date.now()): Promise<SiteView[]> {
  const db = await getDb();
  const [groups, collectors, jobs] = await Promise.all([
    db.host.groupBy({ by: ["site"], _count: { _all: true } }),
    listCollectors(),
    listScheduledJobs(),
  ]);
  const sites = new Map<string, number>([[DEFAULT_SITE, 0]]);
  for (const c of collectors) if (c.site !== null) sites.set(c.site, 0);
  for (const g of groups) sites.set(g.site, g._count._all);
  return [...sites].map(([name, hosts]) => ({ name, hosts, ...coverage(name, hosts, collectors, jobs, now) })).sort((a, b) => a.name.localeCompare(b.name));
}

export async function listSiteRoutes(): Promise<SiteRouteView[]> {
  const db = await getDb();
  const rows = await db.siteRoute.findMany({ orderBy: [{ siteA: "asc" }, { siteB: "asc" }] });
  return rows.map((r) => ({ siteA: r.siteA, siteB: r.siteB, createdAt: r.createdAt.toISOString() }));
}

/** Declares a route; declaring one twice is not an error (the first stays). */
export async function addSiteRoute(a: string, b: string): Promise<SiteRouteView> {
  if (a === b) throw new ValidationError("A route joins two different sites", { siteB: "Pick another site" });
  const db = await getDb();
  const pair = routePair(a, b);
  const r = await db.siteRoute.upsert({ where: { siteA_siteB: pair }, create: pair, update: {} });
  return { siteA: r.siteA, siteB: r.siteB, createdAt: r.createdAt.toISOString() };
}

export async function deleteSiteRoute(a: string, b: string): Promise<void> {
  const db = await getDb();
  const { count } = await db.siteRoute.deleteMany({ where: routePair(a, b) });
  if (count === 0) throw new NotFoundError(`Route between ${a} and ${b}`);
}

/** Throws CrossSiteError when the two hosts are at two sites with no route declared between them. */
export async function assertSitesConnected(clientHostId: number, serverHostId: number): Promise<void> {
  const db = await getDb();
  const hosts = await db.host.findMany({ where: { id: { in: [clientHostId, serverHostId] } }, select: { id: true, name: true, site: true } });
  const client = hosts.find((h) => h.id === clientHostId);
  const server = hosts.find((h) => h.id === serverHostId);
  if (!client || !server || client.site === server.site) return;
  const refusal = crossSiteRefusal(client, server, await db.siteRoute.findMany({ where: routePair(client.site, server.site) }));
  if (refusal) throw new CrossSiteError(refusal);
}
