import fs from "node:fs";
import { expect, test, type Locator } from "@playwright/test";
import { apiContext } from "./auth";
import { readLab } from "./lab";
import { keepScreenshot } from "./pages";

// Units as the reader sees them, after CSS: "Mb/s" under `text-transform: uppercase` became
// "MB/S", a factor of 8 off. innerText is the rendered text (it applies text-transform), so
// these checks fail if a unit is written ambiguously or any style upper-cases it. SVG text
// has no innerText; recharts' ticks are checked by their content and carry no transform.
const lab = readLab();
const key = fs.readFileSync(lab.clientKeyPath, "utf8");
const shaped = lab.hosts.find((h) => h.roles.includes("shaped"));
const client = lab.hosts.find((h) => h.roles.length === 0) ?? lab.hosts[0]!;
// "unt-h1": not containing the lab's own names, which other specs look for with hasText.
const nameOf = (h: { name: string }) => `unt-${h.name.replace(/^.*-/, "")}`;

const RATE = /^\d+(\.\d+)? [kMGT]?bit\/s$/;
const AMBIGUOUS = /\b[kKMGT]?b\/s\b|[kKMGT]B\/S|BIT\/S|\bMbps\b|\bGbps\b/;

async function rendered(l: Locator): Promise<string> {
  return (await l.innerText()).trim();
}

test("rates are written bit/s with their prefix in evidence headers, figures, chart axes and finding texts", async ({ page, playwright }, testInfo) => {
  test.skip(!shaped, "the lab was started without the shaped fault");
  test.setTimeout(150_000);
  const api = await apiContext(playwright);
  // A retried test finds its hosts registered already.
  const existing = new Map<string, number>(((await (await api.get("/api/hosts")).json()).items as { id: number; name: string }[]).map((h) => [h.name, h.id]));
  const ids: number[] = [];
  for (const h of [client, shaped!]) {
    let id = existing.get(nameOf(h));
    if (id === undefined) {
      const res = await api.post("/api/hosts", { data: { name: nameOf(h), address: h.address, port: h.port, username: h.username, privateKey: key } });
      expect(res.status()).toBe(201);
      id = ((await res.json()) as { id: number }).id;
    }
    // NIC speeds come from a collection; the run's verdicts compare against them.
    expect((await (await api.post(`/api/hosts/${id}/collect`)).json()).status).toBe("ok");
    ids.push(id);
  }
  const [clientId, serverId] = ids as [number, number];
  const started = await api.post("/api/iperf/runs", { data: { clientHostId: clientId, serverHostId: serverId, durationSec: 4, omitSec: 0 } });
  expect(started.status()).toBe(201);
  const runId = ((await started.json()) as { id: number }).id;
  await expect.poll(async () => ((await (await api.get(`/api/iperf/runs/${runId}`)).json()) as { status: string }).status, { timeout: 60_000 }).toBe("done");

  // The run page: the asymmetry verdict's evidence table, whose header row is upper-cased for style.
  await page.goto(`/iperf/runs/${runId}`);
  const slow = `${nameOf(shaped!)} → ${nameOf(client)}`;
  const verdict = page.getByRole("list", { name: "Verdicts" }).getByRole("listitem").filter({ hasText: `${slow} reaches only` });
  await expect(verdict.getByRole("heading")).toHaveText(new RegExp(`^${slow} reaches only \\d+ Mbit/s, .* (\\d+(\\.\\d+)? Gbit/s|\\d+ Mbit/s)$`));
  await verdict.getByText("Evidence", { exact: true }).click();
  const evidence = verdict.getByRole("table", { name: "Evidence: iperf3" });
  const received = evidence.getByRole("columnheader", { name: "received (Mbit/s)" });
  await expect(received).toBeVisible();
  const header = await rendered(received);
  expect(header).toContain("(Mbit/s)");
  expect(header).not.toMatch(AMBIGUOUS);
  expect(await rendered(evidence.getByRole("columnheader", { name: "sent (Mbit/s)" }))).toContain("(Mbit/s)");
  expect(await rendered(evidence.locator("thead"))).not.toMatch(AMBIGUOUS);

  // Each direction's figure, as shown.
  for (const name of [`${nameOf(client)} → ${nameOf(shaped!)}`, slow]) {
    const figure = page.getByLabel(`${name} throughput`, { exact: true });
    await expect(figure).toHaveText(RATE);
    expect(await rendered(figure)).toMatch(RATE);
  }
  expect(await rendered(page.getByRole("region", { name: new RegExp(`^${slow}`) }).locator("dl"))).toMatch(/Received\s+\d+(\.\d+)? Mbit\/s/);

  // The per-second chart's y axis: "0", then ticks with their unit on one line, never "300M".
  // recharts 3 draws tick labels in their own layer, not inside the .recharts-yAxis group.
  const ticks = page.getByRole("region", { name: new RegExp(`^${slow}`) }).locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value");
  await expect(ticks.first()).toBeAttached();
  const labels = (await ticks.allTextContents()).map((t) => t.trim());
  expect(labels.length).toBeGreaterThan(1);
  for (const l of labels) expect(l).toMatch(/^(0|\d+(\.\d+)?\u00a0[kMGT]?bit\/s)$/);
  // One tspan per label: a label wrapped into two lines would sit beside the wrong tick.
  for (const n of await ticks.evaluateAll((els) => els.map((e) => e.querySelectorAll("tspan").length))) expect(n).toBe(1);
  await keepScreenshot(page, testInfo, "units-iperf-run");

  // The same finding on the findings page: title and evidence header in the same words.
  await page.goto("/findings?kind=iperf-asymmetry");
  const card = page.getByRole("article", { name: new RegExp(`^${slow} reaches only`) });
  expect(await rendered(card.getByRole("heading", { level: 3 }))).toMatch(/reaches only \d+ Mbit\/s/);
  const cardHeader = card.getByRole("table", { name: "Evidence: iperf3" }).getByRole("columnheader", { name: "received (Mbit/s)" });
  await expect(cardHeader).toBeVisible();
  expect(await rendered(cardHeader)).toContain("(Mbit/s)");

  // A link speed on the host page: the lab's veth NICs report 10000 Mbit/s.
  await page.goto(`/hosts/${clientId}`);
  const interfaces = page.getByRole("table", { name: "Interfaces" });
  await expect(interfaces).toContainText("10 Gbit/s");
  expect(await rendered(interfaces)).not.toMatch(AMBIGUOUS);
});
