import { json, route } from "@/lib/api/respond";
import { cancelIperfRun, positionOf } from "@/lib/jobs/iperf/queue";
import { getIperfRunDetail } from "@/lib/queries/iperf-runs";
import { parseId } from "@/lib/validations/host";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** The run with both directions' results, verdicts and interval series. */
export const GET = route<Ctx>(async (_req, { params }) => {
  const run = await getIperfRunDetail(parseId((await params).id, "Run"));
  return json(run.status === "queued" ? { ...run, position: positionOf(run.id) } : run);
});

/** Cancel: a queued run leaves the queue; a running one is stopped on both hosts. */
export const DELETE = route<Ctx>(async (_req, { params }) => json(await cancelIperfRun(parseId((await params).id, "Run"))));
