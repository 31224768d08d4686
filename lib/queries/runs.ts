import "server-only";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { withRates } from "@/lib/analysis/rates";
import type { Snapshot, CommandOutcome } from "@/lib/domain/snapshot";
import type { InterfaceRow, NeighborRow } from "@/lib/domain/rows";
import type { HostSnapshotView, RunDetail, RunStatus, RunSummary } from "@/lib/domain/views";
import { toInterfaceView, toNeighborView, toRunDetail, toRunSummary } from "./serialize";
import { diffNeighbors } from "@/lib/analysis/neighbor-history";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getSnapshotHost } from "./snapshots";

/*
 * What one run may store, whatever the host printed. A command's output is capped at 8 MiB in
 * lib/ssh (MAX_OUTPUT_BYTES), but that is still far too much to keep: a parser that could not
 * read a 3 MiB line hands it back as a skipped line, and 50,000 garbage lines come back as
 * 50,000 skipped lines. The run keeps, per command, its error and the first skipped lines, each
 * clipped, with a "[truncated N bytes]" marker where something was cut (the 200-character
 * samples of lib/collect/linux/json.ts are the model), so one run stays within about
 * MAX_STORED_OUTCOME_CHARS per command and the database does not grow by megabytes per
 * collection of a hostile host.
 */
export const MAX_STORED_OUTCOME_CHARS = 64 * 1024;
const MAX_SKIPPED_KEPT = 50;
const MAX_SKIPPED_LINE_CHARS = 200;
const MAX_COMMAND_ERROR_CHARS = 2048;
/** The run's own error (every problem in one sentence). */
export const MAX_RUN_ERROR_CHARS = 8 * 1024;

/** `text` cut to `max` characters, saying how many bytes (UTF-8) were cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [truncated ${Buffer.byteLength(text.slice(max), "utf8")} bytes]`;
}

export function boundOutcome(outcome: CommandOutcome): CommandOutcome {
  const bounded: CommandOutcome = { ...outcome, command: clip(outcome.command, 1024) };
  if (outcome.error !== undefined) bounded.error = clip(outcome.error, MAX_COMMAND_ERROR_CHARS);
  if (outcome.replacedBy !== undefined) bounded.replacedBy = clip(outcome.replacedBy, 1024);
  if (outcome.skipped) {
    const kept = outcome.skipped
      .slice(0, MAX_SKIPPED_KEPT)
      .map((s) => ({ line: clip(s.line, MAX_SKIPPED_LINE_CHARS), reason: clip(s.reason, MAX_SKIPPED_LINE_CHARS) }));
    const more = outcome.skipped.length - kept.length;
    if (more > 0) kept.push({ line: "", reason: `[truncated: ${more} more lines not understood]` });
    bounded.skipped = kept;
  }
  return bounded;
}

// Integer columns: Int is SQLite's 64-bit INTEGER read as a JS number (Prisma checks 32 bits),
// BigInt is a signed 64-bit INTEGER. A kernel counter is an unsigned 64-bit one.
const INT_MAX = 2 ** 31 - 1;
const I64_MAX = 2n ** 63n - 1n;
const U64_MAX = 2n ** 64n - 1n;
const COUNTERS = ["rxBytes", "txBytes", "rxPackets", "txPackets", "rxErrors", "txErrors", "rxDropped", "txDropped"] as const;
const MAX_NAME_CHARS = 256;
const MAX_WORD_CHARS = 64;
/** C0 and C1 control characters, DEL: a host name or kernel carrying them is not one (an ANSI or OSC escape, a NUL). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Where a value the host reported cannot be stored as it is: the run shows it as this pseudo-command. */
export const OUT_OF_RANGE_COMMAND = "(values the host reported that netdiag cannot store)";

function describeValue(value: unknown): string {
  return clip(String(value), 64);
}

/**
 * The snapshot as the database can hold it, and what was left out, one entry per value. A
 * counter outside 0..2^64-1 is no kernel counter, and one in 2^63..2^64-1 does not fit the
 * signed 64-bit column: both are left out (null), never wrapped or rounded. An MTU or speed
 * outside a 32-bit integer, a host name or kernel with control characters, an interface name
 * longer than any platform allows: the same. Pure; a snapshot already in range comes back equal.
 */
export function boundSnapshot(snapshot: Snapshot): { snapshot: Snapshot; dropped: { line: string; reason: string }[] } {
  const dropped: { line: string; reason: string }[] = [];
  const identity = (field: "hostname" | "kernel" | "distribution"): string | null => {
    const value = snapshot[field] ?? null;
    if (value === null) return null;
    if (value.length <= MAX_NAME_CHARS && !CONTROL.test(value)) return value;
    dropped.push({ line: `${field}: ${JSON.stringify(clip(value, 80))}`, reason: "control characters or too long for a name: not stored" });
    return null;
  };
  const int = (where: string, field: string, value: number | null, min: number): number | null => {
    if (value === null || (Number.isSafeInteger(value) && value >= min && value <= INT_MAX)) return value;
    dropped.push({ line: `${where}: ${field} ${describeValue(value)}`, reason: `not an integer from ${min} to ${INT_MAX}: not stored` });
    return null;
  };
  const word = (where: string, field: string, value: string | null): string | null => {
    if (value === null || value.length <= MAX_WORD_CHARS) return value;
    dropped.push({ line: `${where}: ${field} ${JSON.stringify(clip(value, 80))}`, reason: `longer than ${MAX_WORD_CHARS} characters: not stored` });
    return null;
  };

  const interfaces: InterfaceRow[] = [];
  for (const row of snapshot.interfaces) {
    if (row.name.length > MAX_NAME_CHARS) {
      dropped.push({ line: `interface ${JSON.stringify(clip(row.name, 80))}`, reason: `a name longer than ${MAX_NAME_CHARS} characters: not stored` });
      continue;
    }
    const out: InterfaceRow = {
      ...row,
      kind: word(row.name, "kind", row.kind),
      mac: word(row.name, "mac", row.mac),
      driver: word(row.name, "driver", row.driver),
      mtu: int(row.name, "mtu", row.mtu, 1),
      speedMbps: int(row.name, "speed (Mb/s)", row.speedMbps, 0),
      addresses: row.addresses.filter((a) => a.length <= MAX_WORD_CHARS),
    };
    for (const field of COUNTERS) {
      const value = row[field];
      if (value === null || (value >= 0n && value <= I64_MAX)) continue;
      out[field] = null;
      dropped.push({
        line: `${row.name}: ${field} ${describeValue(value)}`,
        reason:
          value < 0n || value > U64_MAX
            ? "outside 0..2^64-1, so no 64-bit counter: not stored"
            : "above 2^63-1, the largest counter the database holds: not stored",
      });
    }
    interfaces.push(out);
  }
  const neighbors: NeighborRow[] = [];
  for (const row of snapshot.neighbors) {
    if (row.ip.length > MAX_WORD_CHARS || (row.interface?.length ?? 0) > MAX_NAME_CHARS) {
      dropped.push({ line: `neighbor ${JSON.stringify(clip(row.ip, 80))}`, reason: "address or interface name too long: not stored" });
      continue;
    }
    neighbors.push({ ...row, mac: word(row.ip, "mac", row.mac) });
  }
  return {
    snapshot: { ...snapshot, hostname: identity("hostname"), kernel: identity("kernel"), distribution: identity("distribution"), interfaces, neighbors },
    dropped,
  };
}

/*
 * Bulk rows. Prisma's createMany runs its query compiler on the main thread and costs about
 * 0.1 ms a row here (10,000 neighbors: 1.0-1.1 s in one block, measured on the 2-core dev box),
 * so a host with 50,000 neighbors held the event loop, and every other request, for 10+ s
 * (and 15 s more for its 50,000 neighbor events). A plain multi-row INSERT of 500 rows costs
 * about a tenth of that (10,000 rows: 0.19 s), and between two statements the loop is let go,
 * so no request waits more than one statement. Values are bound parameters; table and column
 * names are the constants below. Same encodings as Prisma's on SQLite: booleans 1/0, DateTime
 * as ISO text with "+00:00".
 */
const INTERFACE_COLUMNS = [
  "runId", "hostId", "name", "kind", "mac", "mtu", "state", "speedMbps", "duplex", "driver", "addresses",
  "rxBytes", "txBytes", "rxPackets", "txPackets", "rxErrors", "txErrors", "rxDropped", "txDropped",
] as const;
const NEIGHBOR_COLUMNS = ["runId", "hostId", "ip", "mac", "interface", "state", "router"] as const;
const EVENT_COLUMNS = ["hostId", "runId", "ip", "mac", "previousMac", "interface", "kind", "at"] as const;
/** SQLite binds at most 32,766 parameters per statement; rows per statement stay well below. */
const ROWS_PER_STATEMENT = 500;
type SqlValue = string | number | bigint | null;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Prisma's text form of a DateTime on SQLite. */
const sqliteDate = (d: Date) => d.toISOString().replace(/Z$/, "+00:00");

async function insertRows<T>(
  tx: Prisma.TransactionClient,
  table: "Interface" | "Neighbor" | "NeighborEvent",
  columns: readonly string[],
  rows: readonly T[],
  values: (row: T) => SqlValue[],
): Promise<void> {
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  for (let from = 0; from < rows.length; from += ROWS_PER_STATEMENT) {
    const part = rows.slice(from, from + ROWS_PER_STATEMENT);
    await tx.$executeRawUnsafe(head + part.map(() => tuple).join(", "), ...part.flatMap(values));
    if (from + ROWS_PER_STATEMENT < rows.length) await yieldToEventLoop();
  }
}

/**
 * What appeared, changed or went away against the host's previous snapshot (the run id read
 * inside this transaction), as lib/queries/neighbor-events.ts recordNeighborChanges stores it,
 * in bulk: 50,000 neighbors are 50,000 "appeared" events when a host's table fills up.
 */
async function recordNeighborEvents(
  tx: Prisma.TransactionClient,
  run: { id: number; hostId: number; startedAt: Date },
  previousRunId: number | null,
  neighbors: NeighborRow[],
): Promise<number> {
  const before =
    previousRunId === null
      ? null
      : await tx.$queryRawUnsafe<{ ip: string; mac: string | null; interface: string | null }[]>(
          `SELECT "ip", "mac", "interface" FROM "Neighbor" WHERE "runId" = ?`,
          previousRunId,
        );
  const changes = diffNeighbors(before, neighbors);
  const at = sqliteDate(run.startedAt);
  await insertRows(tx, "NeighborEvent", EVENT_COLUMNS, changes, (c) => [run.hostId, run.id, c.ip, c.mac, c.previousMac, c.interface, c.kind, at]);
  return changes.length;
}

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
  // collectHost bounded it already (and reported what it left out); this keeps every caller safe.
  const s = outcome.snapshot && boundSnapshot(outcome.snapshot).snapshot;
  const commands = (outcome.commands ?? s?.commands ?? []).map(boundOutcome);
  const saved = await db.$transaction(async (tx) => {
    if (s) {
      const host = await tx.host.findUnique({ where: { id: run.hostId }, select: { latestSnapshotRunId: true } });
      const previousRunId = host?.latestSnapshotRunId ?? null;
      await insertRows(tx, "Interface", INTERFACE_COLUMNS, s.interfaces, (i) => [
        runId, run.hostId, i.name, i.kind, i.mac, i.mtu, i.state, i.speedMbps, i.duplex, i.driver, JSON.stringify(i.addresses),
        i.rxBytes, i.txBytes, i.rxPackets, i.txPackets, i.rxErrors, i.txErrors, i.rxDropped, i.txDropped,
      ]);
      await insertRows(tx, "Neighbor", NEIGHBOR_COLUMNS, s.neighbors, (n) => [runId, run.hostId, n.ip, n.mac, n.interface, n.state, n.router ? 1 : 0]);
      await recordNeighborEvents(tx, run, previousRunId, s.neighbors);
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
        errorCode: outcome.errorCode === null || outcome.errorCode === undefined ? null : clip(outcome.errorCode, 64),
        error: outcome.error === null || outcome.error === undefined ? null : clip(outcome.error, MAX_RUN_ERROR_CHARS),
        commands: JSON.stringify(commands),
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
