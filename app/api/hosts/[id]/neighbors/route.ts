import { json, route } from "@/lib/api/respond";
import { assertHostExists, getLatestSnapshot } from "@/lib/queries/runs";
import { parseId } from "@/lib/validations/host";

type Ctx = { params: Promise<{ id: string }> };

export const GET = route<Ctx>(async (_req, { params }) => {
  const id = parseId((await params).id);
  await assertHostExists(id);
  const snapshot = await getLatestSnapshot(id);
  return json({ runId: snapshot?.runId ?? null, takenAt: snapshot?.takenAt ?? null, items: snapshot?.neighbors ?? [] });
});
