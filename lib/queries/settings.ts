import "server-only";
import { getDb } from "@/lib/db";

/** Server state that must survive restarts, e.g. when the last scheduled collection ran. */
export async function getSetting(key: string): Promise<string | null> {
  const db = await getDb();
  return (await db.setting.findUnique({ where: { key } }))?.value ?? null;
}

export async function setSetting(key: string, value: string): Promise<void> {
  const db = await getDb();
  await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}
