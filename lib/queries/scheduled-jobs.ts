import "server-only";
import { getDb } from "@/lib/db";

// The persisted "next due" of everything periodic (model ScheduledJob; lib/jobs/scheduler.ts).

export type ScheduledJobRow = { key: string; nextDueAt: Date; lastRunAt: Date | null; lastError: string | null; runningBy: string | null; slotDueAt: Date | null };

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
 * Takes a due job for process `by`, until `leaseUntil`: its slot, or, when `job.runningBy` is
 * set, the slot a process stopped renewing its lease on (it died mid-job: a takeover keeps that
 * slot and its start). nextDueAt moves from the value read only if nobody else moved it first
 * (compare-and-set), so two ticks, or two processes, never take one job twice.
 */
export async function claimJob(job: ScheduledJobRow, by: string, leaseUntil: Date, now: Date): Promise<boolean> {
  const db = await getDb();
  const takeover = job.runningBy !== null;
  const { count } = await db.scheduledJob.updateMany({
    where: { key: job.key, nextDueAt: job.nextDueAt },
    data: { nextDueAt: leaseUntil, runningBy: by, ...(takeover ? { slotDueAt: job.slotDueAt ?? job.nextDueAt } : { slotDueAt: job.nextDueAt, lastRunAt: now }) },
  });
  return count === 1;
}

/** The running process's lease, extended; false when the job is no longer its own. */
export async function renewJob(key: string, by: string, leaseUntil: Date): Promise<boolean> {
  const db = await getDb();
  const { count } = await db.scheduledJob.updateMany({ where: { key, runningBy: by }, data: { nextDueAt: leaseUntil } });
  return count === 1;
}

/** The job is done (or failed with `error`): its next slot is `next`. */
export async function finishJob(key: string, by: string, next: Date, error: string | null): Promise<void> {
  const db = await getDb();
  await db.scheduledJob.updateMany({ where: { key, runningBy: by }, data: { nextDueAt: next, runningBy: null, slotDueAt: null, lastError: error } });
}

export async function recordJobError(key: string, error: string | null): Promise<void> {
  const db = await getDb();
  await db.scheduledJob.updateMany({ where: { key }, data: { lastError: error } });
}

export async function deleteJobs(keys: string[]): Promise<void> {
  const db = await getDb();
  await db.scheduledJob.deleteMany({ where: { key: { in: keys } } });
}
