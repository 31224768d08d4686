import { json, readJson, route } from "@/lib/api/respond";
import { addSiteRoute, deleteSiteRoute } from "@/lib/queries/sites";
import { parseWith } from "@/lib/validations/auth";
import { siteRouteSchema } from "@/lib/validations/site";

/** `{ siteA, siteB }`: iperf tests between hosts of these two sites are allowed from now on. */
export const POST = route(async (req) => {
  const { siteA, siteB } = parseWith(siteRouteSchema, await readJson(req), "route");
  return json(await addSiteRoute(siteA, siteB), 201);
});

/** `{ siteA, siteB }`: the route is removed; tests between the two sites are refused again. */
export const DELETE = route(async (req) => {
  const { siteA, siteB } = parseWith(siteRouteSchema, await readJson(req), "route");
  await deleteSiteRoute(siteA, siteB);
  return new Response(null, { status: 204 });
});
