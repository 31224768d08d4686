import "server-only";
import { getDb } from "@/lib/db";
import type { CollectorRow } from "@/lib/domain/collectors";

// The Collector table: one row per netdiag process start (lib/jobs/collector-process.ts).

/** Rows not seen for this long are deleted: a week of restarts stays visible, not years of them. */
const FORGET_MS = 7 * 86_400_000;

export async function registerCollector(c: Omit<CollectorRow, "stoppedAt" | "jobsDone" | "lastJobAt">): Promise<void> {
  const db = await getDb();
  await db.collector.create({ data: c });
}

/** The heartbeat; also forgets long-gone processes. */
export async function beatCollector(id: string, now: Date): Promise<void> {
  const db = await getDb();
  await db.collector.updateMany({ where: { id }, data: { lastSeenAt: now } });
  await db.collector.deleteMany({ where: { lastSeenAt: { lt: new Date(now.getTime() - FORGET_MS) } } });
}

export async function stopCollector(id: string, now: Date): Promise<void> {
  const db = await getDb();
  await db.collector.updateMany({ where: { id }, data: { lastSeenAt: now, stoppedAt: now } });
}

export async function recordCollectorJob(id: string, now: Date): Promise<void> {
  const db = await getDb();
  await db.collector.updateMany({ where: { id }, data: { jobsDone: { increment: 1 }, lastJobAt: now, lastSeenAt: now } });
}

/** Every process seen in the last week, newest first. */
export async function listCollectors(): Promise<CollectorRow[]> {
  const db = await getDb();
  return db.collector.findMany({ orderBy: { lastSeenAt: "desc" } });
}

/** Each host's site, for deciding which hosts this process collects. */
export async function listHostSites(): Promise<{ id: number; site: string }[]> {
  const db = await getDb();
  return db.host.findMany({ select: { id: true, site: true }, orderBy: { id: "asc" } });
}

export async function getHostSite(id: number): Promise<{ name: string; site: string } | null> {
  const db = await getDb();
  return db.host.findUnique({ where: { id }, select: { name: true, site: true } });
}
