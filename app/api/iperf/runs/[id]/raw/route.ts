import { json, route } from "@/lib/api/respond";
import { getIperfRunRaw } from "@/lib/queries/iperf-runs";
import { parseId } from "@/lib/validations/host";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** iperf3's own output per measured direction: the client's JSON and the server's text. */
export const GET = route<Ctx>(async (_req, { params }) => json({ items: await getIperfRunRaw(parseId((await params).id, "Run")) }));
