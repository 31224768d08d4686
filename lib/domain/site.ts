import type { SiteCoverage } from "./collectors";

// Sites: where a host is (home, a parents' house, a rented server). A name the user picks; hosts
// nobody placed are at DEFAULT_SITE, so a single-site install never sees the word.

export const DEFAULT_SITE = "default";
export const SITE_MAX = 40;
/** Lower case, so "Home" and "home" are one site; shown in URLs and logs as is. */
export const SITE_NAME = /^[a-z0-9][a-z0-9._-]{0,39}$/;
export const SITE_RULE = "Use lower-case letters, digits, dots, dashes or underscores (at most 40)";

/** A site name as the user typed it, trimmed and lower-cased; null when it breaks SITE_NAME. */
export function normalizeSite(raw: string): string | null {
  const v = raw.trim().toLowerCase();
  return SITE_NAME.test(v) ? v : null;
}

/** A route is undirected: stored and compared as the sorted pair. */
export function routePair(a: string, b: string): { siteA: string; siteB: string } {
  return a < b ? { siteA: a, siteB: b } : { siteA: b, siteB: a };
}

export type SiteRouteView = { siteA: string; siteB: string; createdAt: string };

/** A site, its host count, and who collects it (lib/domain/collectors.ts). */
export type SiteView = { name: string; hosts: number } & SiteCoverage;

/**
 * Why an iperf test between two hosts may not run, or null when it may. Hosts at two sites
 * reach each other, if at all, across a VPN or the internet: a test there measures that link,
 * rarely what the user meant, and can fill it for minutes. So it needs a declared route.
 */
export function crossSiteRefusal(
  client: { name: string; site: string },
  server: { name: string; site: string },
  routes: readonly { siteA: string; siteB: string }[],
): string | null {
  if (client.site === server.site) return null;
  const want = routePair(client.site, server.site);
  if (routes.some((r) => r.siteA === want.siteA && r.siteB === want.siteB)) return null;
  return (
    `${client.name} is at site "${client.site}" and ${server.name} at site "${server.site}": ` +
    `netdiag tests between two sites only when a route between them is declared (Settings, Sites)`
  );
}
