import { json, route } from "@/lib/api/respond";
import { listFindings } from "@/lib/queries/findings";
import { parseFindingQuery } from "@/lib/validations/findings";

export const dynamic = "force-dynamic";

/** GET /api/findings?status=open|acknowledged|muted|resolved&host=&kind=&severity= (status defaults to open). */
export const GET = route(async (req) => json({ items: await listFindings(parseFindingQuery(new URL(req.url).searchParams)) }));
