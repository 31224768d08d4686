import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { apiContext } from "./auth";
import { readLab } from "./lab";
import { keepScreenshot } from "./pages";

// Flags on the iperf history chart: the lab's shaped host sends back at ~288 Mbit/s, so the
// pair's first run raises an asymmetry verdict, and its history flags where it began, with a
// link to the finding, on the chart (mouse and keyboard) and in the list under it.
const lab = readLab();
const key = fs.readFileSync(lab.clientKeyPath, "utf8");
const shaped = lab.hosts.find((h) => h.roles.includes("shaped"));
const client = lab.hosts.find((h) => h.roles.length === 0) ?? lab.hosts[0]!;
// "flg-h1": not containing the lab's own names, which other specs look for with hasText.
const nameOf = (h: { name: string }) => `flg-${h.name.replace(/^.*-/, "")}`;

async function hostId(api: APIRequestContext, h: (typeof lab.hosts)[number]): Promise<number> {
  const existing = ((await (await api.get("/api/hosts")).json()).items as { id: number; name: string }[]).find((x) => x.name === nameOf(h));
  let id = existing?.id;
  if (id === undefined) {
    const created = await api.post("/api/hosts", { data: { name: nameOf(h), address: h.address, port: h.port, username: h.username, privateKey: key } });
    expect(created.status()).toBe(201);
    id = ((await created.json()) as { id: number }).id;
  }
  // A collection gives netdiag the host's addresses (the server address) and NIC speeds.
  expect((await (await api.post(`/api/hosts/${id}/collect`)).json()).status).toBe("ok");
  return id;
}

async function runToEnd(api: APIRequestContext, data: object): Promise<number> {
  const started = await api.post("/api/iperf/runs", { data });
  expect(started.status()).toBe(201);
  const runId = ((await started.json()) as { id: number }).id;
  await expect.poll(async () => ((await (await api.get(`/api/iperf/runs/${runId}`)).json()) as { status: string }).status, { timeout: 60_000 }).toBe("done");
  return runId;
}

async function axeSerious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

type Flag = { kind: string; phase: string | null; label: string; findingId: number | null };

test("the shaped pair's history flags where the asymmetry began; the flag opens the finding", async ({ page, playwright }, testInfo) => {
  test.skip(!shaped, "the lab was started without the shaped fault");
  test.setTimeout(150_000);
  const api = await apiContext(playwright);
  const clientId = await hostId(api, client);
  const serverId = await hostId(api, shaped!);
  await runToEnd(api, { clientHostId: clientId, serverHostId: serverId, durationSec: 3, omitSec: 0 });

  // The API answers the flag with the series, pointing at the pair's finding.
  const history = (await (await api.get(`/api/iperf/history?client=${clientId}&server=${serverId}`)).json()) as { flags: Flag[]; flagsOmitted: number };
  const began = history.flags.find((f) => f.kind === "iperf-asymmetry" && f.phase === "began");
  expect(began?.label).toMatch(new RegExp(`^Asymmetry began: ${nameOf(client)} → ${nameOf(shaped!)} .*, ${nameOf(shaped!)} → ${nameOf(client)} (2\\d\\d|3[0-2]\\d) Mbit/s$`));
  expect(began?.findingId).toEqual(expect.any(Number));
  expect(history.flagsOmitted).toBe(0);

  await page.goto(`/iperf/history?client=${clientId}&server=${serverId}`);
  await expect(page.getByRole("img", { name: /^Throughput history / })).toBeVisible();
  // Listed as text under the chart, with its link.
  const events = page.getByRole("list", { name: "Events on this chart" });
  await expect(events.getByRole("listitem").filter({ hasText: "Asymmetry began" })).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d UTC Asymmetry began/);
  await expect(events.getByRole("link", { name: began!.label })).toHaveAttribute("href", `/findings/${began!.findingId}`);

  // On the chart: a marker named by its time and label; hovering shows the tooltip.
  const marker = page.getByRole("link", { name: /^\d{4}-\d\d-\d\d \d\d:\d\d UTC: Asymmetry began: / });
  await expect(marker).toBeVisible();
  const tooltip = page.getByRole("tooltip");
  await expect(tooltip).toBeHidden();
  await marker.hover();
  await expect(tooltip).toContainText("Asymmetry began");
  await keepScreenshot(page, testInfo, "chart-flags-history-tooltip");
  expect(await axeSerious(page)).toEqual([]);
  await page.mouse.move(0, 0);
  await expect(tooltip).toBeHidden();

  // Keyboard: the marker is reached with Tab after the scale switch, shows its tooltip on focus,
  // Escape hides it, and Enter opens the finding.
  await page.getByRole("button", { name: "Linear scale" }).focus();
  for (let i = 0; i < 4 && !(await marker.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(marker).toBeFocused();
  await expect(tooltip).toContainText("Asymmetry began");
  await page.keyboard.press("Escape");
  await expect(tooltip).toBeHidden();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/findings/${began!.findingId}$`));
  const finding = page.getByRole("article");
  await expect(finding.getByRole("heading", { level: 3 })).toContainText(`${nameOf(shaped!)} → ${nameOf(client)} reaches only`);
  await expect(finding.getByText("iperf asymmetry", { exact: true })).toBeVisible();
  await keepScreenshot(page, testInfo, "chart-flags-finding");
  expect(await axeSerious(page)).toEqual([]);

  // Clicking the marker opens it too.
  await page.goBack();
  await marker.click();
  await expect(page).toHaveURL(new RegExp(`/findings/${began!.findingId}$`));

  // On a phone the marker stays on the chart and the list reads without scrolling sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/iperf/history?client=${clientId}&server=${serverId}`);
  const box = await marker.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  await expect(events.getByRole("link", { name: began!.label })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await marker.hover();
  const tip = await tooltip.boundingBox();
  expect(tip!.x).toBeGreaterThanOrEqual(0);
  expect(tip!.x + tip!.width).toBeLessThanOrEqual(390);
  await keepScreenshot(page, testInfo, "chart-flags-history-390");
});

test("a verdict that began and ended a minute apart is one marker listing both; its links open the finding", async ({ page, playwright }, testInfo) => {
  test.skip(!shaped, "the lab was started without the shaped fault");
  test.setTimeout(150_000);
  const api = await apiContext(playwright);
  const clientId = await hostId(api, client);
  const serverId = await hostId(api, shaped!);
  // TCP shows the shaper (asymmetry); UDP at 100 Mbit/s both ways fits under it (no asymmetry).
  await runToEnd(api, { clientHostId: clientId, serverHostId: serverId, durationSec: 2, omitSec: 0 });
  await runToEnd(api, { clientHostId: clientId, serverHostId: serverId, durationSec: 2, omitSec: 0, protocol: "udp", bitrateMbps: 100 });
  const history = (await (await api.get(`/api/iperf/history?client=${clientId}&server=${serverId}`)).json()) as { flags: Flag[] };
  const [began, ended] = history.flags.filter((f) => f.kind === "iperf-asymmetry").slice(-2);
  expect([began?.phase, ended?.phase]).toEqual(["began", "ended"]);
  expect(ended?.findingId).toBe(began?.findingId);

  // Seconds apart on an hour-wide axis: one marker, a button naming both.
  await page.goto(`/iperf/history?client=${clientId}&server=${serverId}&range=24h`);
  const group = page.getByRole("button", { name: /^\d+ events, .* to .*/ });
  await expect(group).toHaveAttribute("aria-expanded", "false");
  const events = page.getByRole("list", { name: "Events on this chart" });
  await expect(events.getByRole("listitem").filter({ hasText: /Asymmetry (began|ended)/ }).last()).toContainText("Asymmetry ended");

  // Enter pins the list open; Tab goes into it, and its link opens the finding.
  await group.focus();
  await page.keyboard.press("Enter");
  await expect(group).toHaveAttribute("aria-expanded", "true");
  const pinned = page.locator(`[id="${await group.getAttribute("aria-controls")}"]`);
  await expect(pinned).toContainText("Asymmetry began");
  await expect(pinned).toContainText("Asymmetry ended");
  await keepScreenshot(page, testInfo, "chart-flags-group");
  expect(await axeSerious(page)).toEqual([]);
  await page.keyboard.press("Tab");
  await expect(pinned.getByRole("link").first()).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/findings/${began!.findingId}$`));
  await expect(page.getByRole("article").getByText("resolved", { exact: true })).toBeVisible();
});
