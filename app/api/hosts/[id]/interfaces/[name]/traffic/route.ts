import { json, route } from "@/lib/api/respond";
import { assertHostExists } from "@/lib/queries/runs";
import { getInterfaceTraffic } from "@/lib/queries/traffic";
import { parseId } from "@/lib/validations/host";
import { parseInterfaceName, parseTrafficQuery } from "@/lib/validations/traffic";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string; name: string }> };

/** One NIC's RX/TX bits/s (avg, min, max), errors and drops, at most 500 points, with the flags of its events. */
export const GET = route<Ctx>(async (req, { params }) => {
  const p = await params;
  const id = parseId(p.id);
  const name = parseInterfaceName(p.name);
  const q = parseTrafficQuery(new URL(req.url).searchParams, new Date());
  await assertHostExists(id);
  return json(await getInterfaceTraffic(id, name, q.from, q.to));
});
