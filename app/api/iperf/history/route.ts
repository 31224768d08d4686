import { download, exportFormat } from "@/lib/api/download";
import { json, route } from "@/lib/api/respond";
import { iperfRunsTable } from "@/lib/export/tables";
import { iterateIperfRuns } from "@/lib/queries/iperf-runs";
import { getIperfHistory } from "@/lib/queries/iperf-stats";
import { parseHistoryQuery } from "@/lib/validations/iperf";

export const dynamic = "force-dynamic";

/**
 * TX (forward) and RX (reverse) of a pair, at most 500 points per series (avg, min, max);
 * ?format=csv|json downloads the pair's finished runs of the range (either host as the client), one row each.
 */
export const GET = route(async (req) => {
  const sp = new URL(req.url).searchParams;
  const q = parseHistoryQuery(sp, new Date());
  const format = exportFormat(sp);
  if (format) {
    const runs = iterateIperfRuns({ pair: [q.clientHostId, q.serverHostId], from: q.from, to: q.to, status: ["done"] });
    return download(format, "iperf-history", iperfRunsTable, runs);
  }
  return json(await getIperfHistory(q.clientHostId, q.serverHostId, q.from, q.to));
});
