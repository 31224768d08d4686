import { json, readJson, route } from "@/lib/api/respond";
import { syncChannelFindings } from "@/lib/jobs/notify";
import { deleteChannel, getChannel, listDeliveries, loadChannel, updateChannel } from "@/lib/queries/notifications";
import { parseId } from "@/lib/validations/host";
import { parseChannelPatch } from "@/lib/validations/notifications";

type Ctx = { params: Promise<{ id: string }> };

/** The channel and its latest deliveries (newest first), each with every attempt. */
export const GET = route<Ctx>(async (_req, { params }) => {
  const id = parseId((await params).id, "Channel");
  return json({ ...(await getChannel(id)), deliveries: await listDeliveries(id) });
});

export const PATCH = route<Ctx>(async (req, { params }) => {
  const id = parseId((await params).id, "Channel");
  const updated = await updateChannel(id, parseChannelPatch(await readJson(req), await loadChannel(id)));
  // Turned off: its "not getting through" finding goes.
  await syncChannelFindings();
  return json(updated);
});

export const DELETE = route<Ctx>(async (_req, { params }) => {
  await deleteChannel(parseId((await params).id, "Channel"));
  await syncChannelFindings();
  return new Response(null, { status: 204 });
});
