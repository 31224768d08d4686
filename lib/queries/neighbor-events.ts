import "server-only";
import { getDb } from "@/lib/db";
import type { NeighborEventItem } from "@/lib/domain/views";
import { decode } from "./codec";

/** Newest first. `kinds` narrows to e.g. only "changed" (the "changed ethernet address" events). */
export async function listNeighborEvents(hostId: number, take = 100, kinds?: NeighborEventItem["kind"][]): Promise<NeighborEventItem[]> {
  const db = await getDb();
  const rows = await db.neighborEvent.findMany({
    where: { hostId, kind: kinds ? { in: kinds } : undefined },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take,
  });
  return rows.map((r) => ({
    id: r.id,
    ip: r.ip,
    mac: r.mac,
    previousMac: r.previousMac,
    interface: r.interface,
    kind: decode.neighborEventKind(r.kind),
    at: r.at.toISOString(),
  }));
}
