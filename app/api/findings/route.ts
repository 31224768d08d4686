import { json, route } from "@/lib/api/respond";
import { findingsSettled } from "@/lib/jobs/evaluate-findings";
import { listFindings } from "@/lib/queries/findings";
import { parseFindingQuery } from "@/lib/validations/findings";

export const dynamic = "force-dynamic";

/** GET /api/findings?status=open|acknowledged|muted|resolved&host=&kind=&severity=&q=&sort=severity|newest|oldest|hosts (status defaults to open, sort to severity). */
export const GET = route(async (req) => {
  const query = parseFindingQuery(new URL(req.url).searchParams);
  await findingsSettled(); // a collection just answered: its findings are being evaluated
  return json({ items: await listFindings(query) });
});
