import { download, exportFormat } from "@/lib/api/download";
import { json, readJson, route } from "@/lib/api/respond";
import { iperfRunsTable } from "@/lib/export/tables";
import { iterateIperfRuns } from "@/lib/queries/iperf-runs";
import { listIperfRunViews, submitIperfRun } from "@/lib/jobs/iperf/queue";
import { parseRunInput, parseRunListQuery } from "@/lib/validations/iperf";

export const dynamic = "force-dynamic";

/**
 * Newest first; ?host= (either side), ?client=&server= (one pair), ?status=, ?from=&to=, ?limit=.
 * ?format=csv|json downloads every matching run (up to ?limit= when given).
 */
export const GET = route(async (req) => {
  const sp = new URL(req.url).searchParams;
  const q = parseRunListQuery(sp);
  const format = exportFormat(sp);
  if (format) return download(format, "iperf-runs", iperfRunsTable, iterateIperfRuns({ ...q, limit: sp.has("limit") ? q.limit : undefined }));
  return json({ items: await listIperfRunViews(q) });
});

/** Queues a test; it starts at once when both hosts are free. Answers 201 with the run. */
export const POST = route(async (req) => {
  const run = await submitIperfRun(parseRunInput(await readJson(req)));
  return json(run, 201);
});
