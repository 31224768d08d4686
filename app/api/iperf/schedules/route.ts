import { json, readJson, route } from "@/lib/api/respond";
import { pokeIperfScheduler } from "@/lib/jobs/iperf-schedules";
import { createIperfSchedule, listIperfSchedules } from "@/lib/queries/iperf";
import { parseScheduleInput } from "@/lib/validations/iperf";

export const dynamic = "force-dynamic";

export const GET = route(async () => json({ items: await listIperfSchedules() }));

/** One schedule per (client, server); the first run is due one interval from now. */
export const POST = route(async (req) => {
  const input = parseScheduleInput(await readJson(req));
  const created = await createIperfSchedule(input, new Date(Date.now() + input.intervalMinutes * 60_000));
  pokeIperfScheduler();
  return json(created, 201);
});
