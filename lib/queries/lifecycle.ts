import "server-only";
import { getDb } from "@/lib/db";

// Collections and iperf tests are rows first and work second, so a server that stops mid-run
// leaves rows that say "running" and can never finish. One recovery for both at start.

export type Interrupted = { collections: number; iperfRuns: number };

/**
 * Only work this process could have left: collections of the hosts it collects (another
 * site's collector may be mid-run right now), and iperf tests of processes that are gone.
 */
export async function failInterruptedWork(at: Date, mine: { hostIds: number[]; liveCollectorIds: string[] }): Promise<Interrupted> {
  const db = await getDb();
  const collections = await db.run.updateMany({
    // Another live process of the same site may be mid-run on these hosts right now.
    where: { status: "running", hostId: { in: mine.hostIds }, OR: [{ collectorId: null }, { collectorId: { notIn: mine.liveCollectorIds } }] },
    data: { status: "failed", errorCode: "interrupted", error: "The server stopped before this collection finished", finishedAt: at, sweep: null },
  });
  return { collections: collections.count, iperfRuns: await failIperfRunsOfDead(mine.liveCollectorIds, at) };
}

/**
 * Tests left running by processes that are gone (killed, cut off past their heartbeat): failed,
 * and their hosts released for the tests waiting on them. How many. Tests in `retried` are left
 * alone: the job queue offers them to another process, which runs them again.
 */
export async function failIperfRunsOfDead(liveCollectorIds: string[], at: Date, retried: number[] = []): Promise<number> {
  const db = await getDb();
  const gone = { collectorId: { notIn: liveCollectorIds }, runId: { notIn: retried } };
  const [runs] = await db.$transaction([
    db.iperfRun.updateMany({
      where: { status: "running", id: { notIn: retried }, OR: [{ runningBy: null }, { runningBy: { notIn: liveCollectorIds } }] },
      data: { status: "failed", errorCode: "interrupted", error: "The netdiag process running this test stopped before it finished", finishedAt: at },
    }),
    db.iperfHostClaim.deleteMany({ where: gone }),
  ]);
  return runs.count;
}

/**
 * A takeover (lib/jobs/scheduler.ts): the collections `collectorId` left running when it died
 * are failed, and leave their sweep, so its hosts can be claimed in it again.
 */
export async function failRunsOf(collectorId: string, at: Date): Promise<number> {
  const db = await getDb();
  const { count } = await db.run.updateMany({
    where: { status: "running", collectorId },
    data: { status: "failed", errorCode: "interrupted", error: "The netdiag process running this collection stopped answering; another one took its sweep over", finishedAt: at, sweep: null },
  });
  return count;
}

/**
 * A queued collection offered again after its job expired (lib/jobs/boss.ts): the process
 * that had it is taken to be gone. Its run of `hostId` in `sweep`, if still "running", is
 * failed and leaves the sweep so the host can be collected in it again. How many (0 or 1).
 */
export async function failExpiredSweepRun(hostId: number, sweep: string, me: string, at: Date): Promise<number> {
  const db = await getDb();
  const { count } = await db.run.updateMany({
    where: { status: "running", hostId, sweep, OR: [{ collectorId: null }, { collectorId: { not: me } }] },
    data: { status: "failed", errorCode: "interrupted", error: "The netdiag process running this collection stopped answering; its job went to another process", finishedAt: at, sweep: null },
  });
  return count;
}
