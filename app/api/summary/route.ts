import { json, route } from "@/lib/api/respond";
import { summarize } from "@/lib/domain/summary";
import { countOpenFindingsBySeverity } from "@/lib/queries/findings";
import { listHosts } from "@/lib/queries/hosts";

export const dynamic = "force-dynamic";

/** Hosts up/down, open findings by severity, the last collection: for dashboard widgets (README). */
export const GET = route(async () => {
  const [hosts, open] = await Promise.all([listHosts(), countOpenFindingsBySeverity()]);
  return json(summarize(hosts, open, new Date()));
});
