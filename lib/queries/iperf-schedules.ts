import "server-only";
import { getDb } from "@/lib/db";
import { assertSitesConnected } from "./sites";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { IperfSchedule } from "@/lib/generated/prisma/client";
import type { IperfScheduleView, ScheduleInput } from "@/lib/domain/iperf";
import { decode } from "./codec";
import { withNames } from "./iperf-runs";
import { deleteJobs, listScheduledJobs, setJobDueAt, type ScheduledJobRow } from "./scheduled-jobs";

// Schedules of iperf tests between two hosts. When each is due lives in ScheduledJob
// ("iperf-schedule:<id>"), like every other periodic job (lib/jobs/scheduler.ts).

export const scheduleJobKey = (id: number) => `iperf-schedule:${id}`;

/** The schedule id of a job key, or null for any other job. */
export function scheduleIdOfJob(key: string): number | null {
  const m = /^iperf-schedule:(\d+)$/.exec(key);
  return m ? Number(m[1]) : null;
}

type ScheduleWithNames = IperfSchedule & { clientHost: { name: string }; serverHost: { name: string } };

function toScheduleView(s: ScheduleWithNames, job: ScheduledJobRow | undefined): IperfScheduleView {
  return {
    id: s.id,
    clientHostId: s.clientHostId,
    clientHostName: s.clientHost.name,
    serverHostId: s.serverHostId,
    serverHostName: s.serverHost.name,
    intervalMinutes: s.intervalMinutes,
    durationSec: s.durationSec,
    parallel: s.parallel,
    protocol: decode.iperfProtocol(s.protocol),
    bitrateMbps: s.bitrateMbps,
    direction: decode.iperfDirection(s.direction),
    omitSec: s.omitSec,
    simultaneous: s.simultaneous,
    serverAddress: s.serverAddress,
    enabled: s.enabled,
    nextDueAt: (job?.nextDueAt ?? s.createdAt).toISOString(),
    lastRunAt: job?.lastRunAt?.toISOString() ?? null,
  };
}

async function toViews(rows: ScheduleWithNames[]): Promise<IperfScheduleView[]> {
  const jobs = new Map((await listScheduledJobs(rows.map((s) => scheduleJobKey(s.id)))).map((j) => [j.key, j]));
  return rows.map((s) => toScheduleView(s, jobs.get(scheduleJobKey(s.id))));
}

export async function listIperfSchedules(hostId?: number): Promise<IperfScheduleView[]> {
  const db = await getDb();
  const rows = await db.iperfSchedule.findMany({
    where: hostId === undefined ? undefined : { OR: [{ clientHostId: hostId }, { serverHostId: hostId }] },
    include: withNames,
    orderBy: { id: "asc" },
  });
  return toViews(rows);
}

export async function getIperfSchedule(id: number): Promise<IperfScheduleView> {
  const db = await getDb();
  const s = await db.iperfSchedule.findUnique({ where: { id }, include: withNames });
  if (!s) throw new NotFoundError(`iperf schedule ${id}`);
  const [view] = await toViews([s]);
  if (!view) throw new NotFoundError(`iperf schedule ${id}`);
  return view;
}

function scheduleData(i: Partial<ScheduleInput>) {
  return {
    clientHostId: i.clientHostId,
    serverHostId: i.serverHostId,
    intervalMinutes: i.intervalMinutes,
    durationSec: i.durationSec,
    parallel: i.parallel,
    protocol: i.protocol,
    bitrateMbps: i.bitrateMbps === undefined ? undefined : (i.bitrateMbps ?? null),
    direction: i.direction,
    omitSec: i.omitSec,
    simultaneous: i.simultaneous,
    serverAddress: i.serverAddress,
    enabled: i.enabled,
  };
}

export async function createIperfSchedule(i: ScheduleInput, firstDueAt: Date): Promise<IperfScheduleView> {
  const db = await getDb();
  const clash = await db.iperfSchedule.findFirst({ where: { clientHostId: i.clientHostId, serverHostId: i.serverHostId }, select: { id: true } });
  if (clash) throw new ConflictError(`This pair already has a schedule (#${clash.id}); edit that one`, { serverHostId: "Already scheduled with this client" });
  const found = new Set((await db.host.findMany({ where: { id: { in: [i.clientHostId, i.serverHostId] } }, select: { id: true } })).map((h) => h.id));
  const missing = Object.fromEntries(
    (["clientHostId", "serverHostId"] as const).filter((f) => !found.has(i[f])).map((f) => [f, "No such host"]),
  );
  if (Object.keys(missing).length > 0) throw new ValidationError(`Both hosts must exist (${Object.keys(missing).join(", ")} does not)`, missing);
  await assertSitesConnected(i.clientHostId, i.serverHostId);
  const s = await db.iperfSchedule.create({
    data: { ...scheduleData(i), clientHostId: i.clientHostId, serverHostId: i.serverHostId, intervalMinutes: i.intervalMinutes, durationSec: i.durationSec, parallel: i.parallel, protocol: i.protocol, direction: i.direction, omitSec: i.omitSec },
    select: { id: true },
  });
  await setJobDueAt(scheduleJobKey(s.id), firstDueAt);
  return getIperfSchedule(s.id);
}

export async function updateIperfSchedule(id: number, patch: Partial<ScheduleInput>, nextDueAt?: Date): Promise<IperfScheduleView> {
  const db = await getDb();
  if (!(await db.iperfSchedule.findUnique({ where: { id }, select: { id: true } }))) throw new NotFoundError(`iperf schedule ${id}`);
  await db.iperfSchedule.update({ where: { id }, data: scheduleData(patch) });
  if (nextDueAt) await setJobDueAt(scheduleJobKey(id), nextDueAt);
  return getIperfSchedule(id);
}

export async function deleteIperfSchedule(id: number): Promise<void> {
  const db = await getDb();
  const { count } = await db.iperfSchedule.deleteMany({ where: { id } });
  await deleteJobs([scheduleJobKey(id)]);
  if (count === 0) throw new NotFoundError(`iperf schedule ${id}`);
}

/** True while a run of this schedule is queued or running (a slow pair never piles up runs). */
export async function scheduleHasActiveRun(scheduleId: number): Promise<boolean> {
  const db = await getDb();
  return (await db.iperfRun.count({ where: { scheduleId, status: { in: ["queued", "running"] } } })) > 0;
}
