import { json, route } from "@/lib/api/respond";
import { getIperfHistory } from "@/lib/queries/iperf-stats";
import { parseHistoryQuery } from "@/lib/validations/iperf";

export const dynamic = "force-dynamic";

/** TX (forward) and RX (reverse) of a pair, at most 500 points per series (avg, min, max). */
export const GET = route(async (req) => {
  const q = parseHistoryQuery(new URL(req.url).searchParams, new Date());
  return json(await getIperfHistory(q.clientHostId, q.serverHostId, q.from, q.to));
});
