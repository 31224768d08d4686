import { json, readJson, route } from "@/lib/api/respond";
import { pokeScheduler } from "@/lib/jobs/scheduler";
import { createIperfSchedule, listIperfSchedules } from "@/lib/queries/iperf-schedules";
import { parseScheduleInput } from "@/lib/validations/iperf";

export const dynamic = "force-dynamic";

export const GET = route(async () => json({ items: await listIperfSchedules() }));

/** One schedule per (client, server); the first run is due one interval from now. */
export const POST = route(async (req) => {
  const input = parseScheduleInput(await readJson(req));
  const created = await createIperfSchedule(input, new Date(Date.now() + input.intervalMinutes * 60_000));
  pokeScheduler();
  return json(created, 201);
});
