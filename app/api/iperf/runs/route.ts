import { json, readJson, route } from "@/lib/api/respond";
import { listIperfRunViews, submitIperfRun } from "@/lib/jobs/iperf/queue";
import { parseRunInput, parseRunListQuery } from "@/lib/validations/iperf";

export const dynamic = "force-dynamic";

/** Newest first; ?host= (either side), ?client=&server= (one pair), ?status=, ?from=&to=, ?limit=. */
export const GET = route(async (req) => {
  const q = parseRunListQuery(new URL(req.url).searchParams);
  return json({ items: await listIperfRunViews(q) });
});

/** Queues a test; it starts at once when both hosts are free. Answers 201 with the run. */
export const POST = route(async (req) => {
  const run = await submitIperfRun(parseRunInput(await readJson(req)));
  return json(run, 201);
});
