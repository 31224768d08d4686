import { json, readJson, route } from "@/lib/api/respond";
import { pokeScheduler } from "@/lib/jobs/scheduler";
import { deleteIperfSchedule, getIperfSchedule, updateIperfSchedule } from "@/lib/queries/iperf-schedules";
import { parseId } from "@/lib/validations/host";
import { parseSchedulePatch } from "@/lib/validations/iperf";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export const GET = route<Ctx>(async (_req, { params }) => json(await getIperfSchedule(parseId((await params).id, "Schedule"))));

/** A new interval moves the next run to one interval from now. */
export const PATCH = route<Ctx>(async (req, { params }) => {
  const id = parseId((await params).id, "Schedule");
  const patch = parseSchedulePatch(await readJson(req));
  const next = patch.intervalMinutes === undefined ? undefined : new Date(Date.now() + patch.intervalMinutes * 60_000);
  const updated = await updateIperfSchedule(id, patch, next);
  pokeScheduler();
  return json(updated);
});

export const DELETE = route<Ctx>(async (_req, { params }) => {
  await deleteIperfSchedule(parseId((await params).id, "Schedule"));
  return new Response(null, { status: 204 });
});
