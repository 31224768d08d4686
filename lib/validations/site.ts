import { z } from "zod";
import { normalizeSite, SITE_RULE } from "@/lib/domain/site";

const site = (label: string) =>
  z.string({ error: `${label} must be text` }).transform((v, ctx) => {
    const n = normalizeSite(v);
    if (n === null) ctx.addIssue({ code: "custom", message: `${label}: ${SITE_RULE}` });
    return n ?? v;
  });

/** POST / DELETE /api/sites/routes: the two sites a route joins (in either order). */
export const siteRouteSchema = z.strictObject({ siteA: site("First site"), siteB: site("Second site") });
