import { json, route } from "@/lib/api/respond";
import { getChannel, listDeliveries } from "@/lib/queries/notifications";
import { parseId } from "@/lib/validations/host";

type Ctx = { params: Promise<{ id: string }> };

export const GET = route<Ctx>(async (_req, { params }) => {
  const id = parseId((await params).id, "Channel");
  await getChannel(id); // a 404 for a channel that does not exist, not an empty list
  return json({ items: await listDeliveries(id) });
});
