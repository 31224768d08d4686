import { json, route } from "@/lib/api/respond";
import { getIperfMatrix } from "@/lib/queries/iperf-stats";

export const dynamic = "force-dynamic";

/** Latest result per data flow (sender -> receiver), with the slower NIC's link speed. */
export const GET = route(async () => json(await getIperfMatrix()));
