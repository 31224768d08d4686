import "server-only";
import { getDb } from "@/lib/db";

export async function checkHealth(): Promise<{ ok: boolean; database: "ok" | "error"; hosts: number }> {
  try {
    const db = await getDb();
    return { ok: true, database: "ok", hosts: await db.host.count() };
  } catch {
    return { ok: false, database: "error", hosts: 0 };
  }
}
