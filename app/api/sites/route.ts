import { json, route } from "@/lib/api/respond";
import { listSiteRoutes, listSites } from "@/lib/queries/sites";

/** `{ sites, routes }`: every site with its host count, and the routes declared between sites. */
export const GET = route(async () => {
  const [sites, routes] = await Promise.all([listSites(), listSiteRoutes()]);
  return json({ sites, routes });
});
