import fs from "node:fs";
import path from "node:path";

// docs/grafana-dashboard.json as the tests read it (lib/metrics/dashboard.test.ts, tests/integration/metrics.test.ts).

export type Dashboard = { panels: { title: string; targets?: { expr: string }[] }[]; templating: { list: { definition?: string }[] } };

export const readDashboard = (): Dashboard => JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../../docs/grafana-dashboard.json"), "utf8")) as Dashboard;

/** Every PromQL text of the dashboard: panel queries and the variables' label_values(). */
export function dashboardQueries(d: Dashboard = readDashboard()): string[] {
  return [...d.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)), ...d.templating.list.flatMap((v) => (v.definition ? [v.definition] : []))];
}

/** The netdiag_ metric names a query uses. */
export const metricNames = (queries: string[]): Set<string> => new Set(queries.flatMap((q) => [...q.matchAll(/\bnetdiag_[a-z_]+/g)].map((m) => m[0])));
