import { json, route } from "@/lib/api/respond";
import { collectHostAtSite } from "@/lib/jobs/site-requests";
import { assertHostExists } from "@/lib/queries/runs";
import { parseId } from "@/lib/validations/host";

type Ctx = { params: Promise<{ id: string }> };

/** Waits for the run and answers its summary; a failed collection is still a 200 (the failure is data). */
export const POST = route<Ctx>(async (_req, { params }) => {
  const id = parseId((await params).id);
  await assertHostExists(id);
  return json(await collectHostAtSite(id));
});
