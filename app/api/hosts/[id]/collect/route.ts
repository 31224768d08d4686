import { json, route } from "@/lib/api/respond";
import { collectHost } from "@/lib/jobs/collect";
import { assertServedHere } from "@/lib/jobs/collector-process";
import { assertHostExists } from "@/lib/queries/runs";
import { parseId } from "@/lib/validations/host";

type Ctx = { params: Promise<{ id: string }> };

/** Waits for the run and answers its summary; a failed collection is still a 200 (the failure is data). */
export const POST = route<Ctx>(async (_req, { params }) => {
  const id = parseId((await params).id);
  await assertHostExists(id);
  await assertServedHere(id);
  return json(await collectHost(id));
});
