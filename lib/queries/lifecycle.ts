import "server-only";
import { getDb } from "@/lib/db";

// Collections and iperf tests are rows first and work second, so a server that stops mid-run
// leaves rows that say "running" and can never finish. One recovery for both at start.

export type Interrupted = { collections: number; iperfRuns: number };

export async function failInterruptedWork(at: Date): Promise<Interrupted> {
  const db = await getDb();
  const [collections, iperfRuns] = await db.$transaction([
    db.run.updateMany({
      where: { status: "running" },
      data: { status: "failed", errorCode: "interrupted", error: "The server stopped before this collection finished", finishedAt: at },
    }),
    db.iperfRun.updateMany({
      where: { status: "running" },
      data: { status: "failed", errorCode: "interrupted", error: "The netdiag server stopped while this test was running", finishedAt: at },
    }),
  ]);
  return { collections: collections.count, iperfRuns: iperfRuns.count };
}
