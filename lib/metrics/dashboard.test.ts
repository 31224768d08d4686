import { expect, test } from "vitest";
import { dashboardQueries, metricNames, readDashboard } from "./__fixtures__/dashboard";
import { SAMPLE } from "./__fixtures__/snapshot";
import { renderMetrics } from "./render";

// docs/grafana-dashboard.json may query only what /metrics exposes: a renamed metric must take
// the dashboard along (tests/integration/metrics.test.ts also runs every query on a real Prometheus).

test("every metric the dashboard queries is a family /metrics exposes", async () => {
  const exposed = new Set([...(await renderMetrics(SAMPLE)).matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
  const used = metricNames(dashboardQueries());
  expect(used.size).toBeGreaterThan(10);
  expect([...used].filter((name) => !exposed.has(name))).toEqual([]);
});

test("the panels a user builds first are there, each with a query", () => {
  const panels = readDashboard().panels;
  const titles = panels.map((p) => p.title);
  for (const want of ["Open findings", "Hosts failing", "Interface errors (per second, RX + TX)", "Interface drops (per second, RX + TX)", "iperf3 throughput per direction", "iperf3 asymmetry (slower / faster direction)"]) {
    expect(titles).toContain(want);
  }
  expect(panels.filter((p) => (p.targets ?? []).length === 0).map((p) => p.title)).toEqual([]);
});
