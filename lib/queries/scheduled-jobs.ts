import "server-only";
import { getDb } from "@/lib/db";

// The persisted "next due" of everything periodic (model ScheduledJob; lib/jobs/scheduler.ts).

export type ScheduledJobRow = { key: string; nextDueAt: Date; lastRunAt: Date | null; lastError: string | null };

export async function listScheduledJobs(keys?: string[]): Promise<ScheduledJobRow[]> {
  const db = await getDb();
  return db.scheduledJob.findMany({ where: keys ? { key: { in: keys } } : undefined, orderBy: { nextDueAt: "asc" } });
}

export async function listDueJobs(now: Date): Promise<ScheduledJobRow[]> {
  const db = await getDb();
  return db.scheduledJob.findMany({ where: { nextDueAt: { lte: now } }, orderBy: { nextDueAt: "asc" } });
}

/** Creates the job when missing; an existing one keeps its cadence. */
export async function ensureJob(key: string, firstDueAt: Date): Promise<void> {
  const db = await getDb();
  await db.scheduledJob.upsert({ where: { key }, create: { key, nextDueAt: firstDueAt }, update: {} });
}

/** Moves the job's next slot (a schedule edited by the user, or created with a first slot). */
export async function setJobDueAt(key: string, nextDueAt: Date): Promise<void> {
  const db = await getDb();
  await db.scheduledJob.upsert({ where: { key }, create: { key, nextDueAt }, update: { nextDueAt } });
}

/**
 * Takes one due slot: moves nextDueAt from the value read to `next` only if nobody else did
 * first (compare-and-set), so two ticks, or two processes, never run one slot twice.
 */
export async function claimJob(key: string, seenDueAt: Date, next: Date, now: Date): Promise<boolean> {
  const db = await getDb();
  const { count } = await db.scheduledJob.updateMany({
    where: { key, nextDueAt: seenDueAt },
    data: { nextDueAt: next, lastRunAt: now },
  });
  return count === 1;
}

export async function recordJobError(key: string, error: string | null): Promise<void> {
  const db = await getDb();
  await db.scheduledJob.updateMany({ where: { key }, data: { lastError: error } });
}

export async function deleteJobs(keys: string[]): Promise<void> {
  const db = await getDb();
  await db.scheduledJob.deleteMany({ where: { key: { in: keys } } });
}
