import { json, readJson, route } from "@/lib/api/respond";
import { getFinding, setFindingStatus } from "@/lib/queries/findings";
import { parseFindingPatch } from "@/lib/validations/findings";
import { parseId } from "@/lib/validations/host";

type Ctx = { params: Promise<{ id: string }> };

export const GET = route<Ctx>(async (_req, { params }) => json(await getFinding(parseId((await params).id, "Finding"))));

/** { "status": "acknowledged" | "muted" | "open", "reason"?: string } */
export const PATCH = route<Ctx>(async (req, { params }) => {
  const id = parseId((await params).id, "Finding");
  return json(await setFindingStatus(id, parseFindingPatch(await readJson(req))));
});
