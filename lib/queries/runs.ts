import "server-only";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { withRates } from "@/lib/analysis/rates";
import type { Snapshot, CommandOutcome } from "@/lib/domain/snapshot";
import type { HostSnapshotView, RunDetail, RunStatus, RunSummary } from "@/lib/domain/views";
import { toInterfaceView, toNeighborView, toRunDetail, toRunSummary } from "./serialize";
import { recordNeighborChanges } from "./neighbor-events";
import { getSnapshotHost } from "./snapshots";

export async function startRun(hostId: number, at: Date): Promise<number> {
  const db = await getDb();
  const run = await db.run.create({ data: { hostId, status: "running", startedAt: at } });
  return run.id;
}

export type RunOutcome = {
  status: Exclude<RunStatus, "running">;
  finishedAt: Date;
  errorCode?: string | null;
  error?: string | null;
  commands?: CommandOutcome[];
  /** Present for ok/partial runs; stored with the run in one transaction. */
  snapshot?: Snapshot;
  /** Exec requests (shells started on the host) and channels the collection used. */
  shellStarts?: number;
  channels?: number;
};

export async function finishRun(runId: number, outcome: RunOutcome): Promise<RunSummary> {
  const db = await getDb();
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run) throw new NotFoundError(`Run ${runId}`);
  const s = outcome.snapshot;
  const saved = await db.$transaction(async (tx) => {
    if (s) {
      const host = await tx.host.findUnique({ where: { id: run.hostId }, select: { latestSnapshotRunId: true } });
      const previousRunId = host?.latestSnapshotRunId ?? null;
      await tx.interface.createMany({
        data: s.interfaces.map((i) => ({ ...i, addresses: JSON.stringify(i.addresses), runId, hostId: run.hostId })),
      });
      await tx.neighbor.createMany({ data: s.neighbors.map((n) => ({ ...n, runId, hostId: run.hostId })) });
      await recordNeighborChanges(tx, run, previousRunId, s.neighbors);
      await tx.host.update({
        where: { id: run.hostId },
        data: {
          hostname: s.hostname,
          kernel: s.kernel,
          distribution: s.distribution ?? null,
          detectedPlatform: s.platform,
          latestSnapshotRunId: runId,
          previousSnapshotRunId: previousRunId,
        },
      });
    }
    return tx.run.update({
      where: { id: runId },
      data: {
        status: outcome.status,
        finishedAt: outcome.finishedAt,
        durationMs: outcome.finishedAt.getTime() - run.startedAt.getTime(),
        errorCode: outcome.errorCode ?? null,
        error: outcome.error ?? null,
        commands: JSON.stringify(outcome.commands ?? s?.commands ?? []),
        hasSnapshot: s !== undefined,
        shellStarts: outcome.shellStarts ?? null,
        channels: outcome.channels ?? null,
        topology: s?.topology === undefined ? null : JSON.stringify(s.topology),
      },
    });
  });
  return toRunSummary(saved);
}

export async function listRuns(hostId: number, take = 20): Promise<RunDetail[]> {
  const db = await getDb();
  const runs = await db.run.findMany({ where: { hostId }, orderBy: { id: "desc" }, take });
  return runs.map(toRunDetail);
}

/** Latest stored snapshot (ok or partial run) with RX/TX rates against the one before it. */
export async function getLatestSnapshot(hostId: number): Promise<HostSnapshotView | null> {
  const db = await getDb();
  const host = await getSnapshotHost(hostId);
  const runIds = [host?.latestRunId, host?.previousRunId].filter((id): id is number => typeof id === "number");
  const runs = await db.run.findMany({ where: { id: { in: runIds } }, orderBy: { id: "desc" }, select: { id: true, startedAt: true } });
  const [latest, previous] = runs;
  if (!latest) return null;
  const [interfaces, neighbors, before] = await Promise.all([
    db.interface.findMany({ where: { runId: latest.id }, orderBy: { name: "asc" } }),
    db.neighbor.findMany({ where: { runId: latest.id }, orderBy: [{ interface: "asc" }, { ip: "asc" }] }),
    previous ? db.interface.findMany({ where: { runId: previous.id } }) : Promise.resolve(null),
  ]);
  const seconds = previous ? (latest.startedAt.getTime() - previous.startedAt.getTime()) / 1000 : null;
  return {
    runId: latest.id,
    takenAt: latest.startedAt.toISOString(),
    rateWindowSec: seconds,
    interfaces: withRates(interfaces.map(toInterfaceView), before?.map(toInterfaceView) ?? null, seconds),
    neighbors: neighbors.map(toNeighborView),
  };
}

export async function assertHostExists(hostId: number): Promise<void> {
  const db = await getDb();
  if (!(await db.host.findUnique({ where: { id: hostId }, select: { id: true } }))) {
    throw new NotFoundError(`Host ${hostId}`);
  }
}
