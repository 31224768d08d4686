import { download, exportFormat } from "@/lib/api/download";
import { json, route } from "@/lib/api/respond";
import { findingsTable } from "@/lib/export/tables";
import { findingsSettled } from "@/lib/jobs/evaluate-findings";
import { listFindings } from "@/lib/queries/findings";
import { parseFindingQuery } from "@/lib/validations/findings";

export const dynamic = "force-dynamic";

/**
 * GET /api/findings?status=open|acknowledged|muted|resolved&host=&kind=&severity=&q=&sort=severity|newest|oldest|hosts
 * (status defaults to open, sort to severity); &format=csv|json downloads them, evidence included.
 */
export const GET = route(async (req) => {
  const sp = new URL(req.url).searchParams;
  const query = parseFindingQuery(sp);
  const format = exportFormat(sp);
  await findingsSettled(); // a collection just answered: its findings are being evaluated
  const items = await listFindings(query);
  return format ? download(format, "findings", findingsTable, items) : json({ items });
});
