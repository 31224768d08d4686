import { json, route } from "@/lib/api/respond";
import { listLatestMtuProbes } from "@/lib/queries/probes";
import { assertHostExists } from "@/lib/queries/runs";
import { parseId } from "@/lib/validations/host";

type Ctx = { params: Promise<{ id: string }> };

/** The newest result of every DF probe from or to this host. */
export const GET = route<Ctx>(async (_req, { params }) => {
  const id = parseId((await params).id);
  await assertHostExists(id);
  return json({ items: await listLatestMtuProbes(id) });
});
