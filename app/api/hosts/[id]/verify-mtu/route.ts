import { json, route } from "@/lib/api/respond";
import { verifyMtuAtSite } from "@/lib/jobs/site-requests";
import { assertHostExists } from "@/lib/queries/runs";
import { parseId } from "@/lib/validations/host";

type Ctx = { params: Promise<{ id: string }> };

/**
 * Don't-fragment pings between this host and every collected peer sharing a subnet, both
 * directions; waits for them (seconds) and answers the batch. Probes that could not run are
 * in the answer with their error: still a 200.
 */
export const POST = route<Ctx>(async (_req, { params }) => {
  const id = parseId((await params).id);
  await assertHostExists(id);
  return json(await verifyMtuAtSite(id));
});
