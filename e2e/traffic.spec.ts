import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { apiContext } from "./auth";
import { readLab } from "./lab";
import { keepScreenshot } from "./pages";

// The host page's traffic charts on the lab: RX/TX of a NIC over time, its ranges and zoom as a
// URL, an MTU change flagged where it happened, and a finding's flag that opens the finding.
const lab = readLab();
const key = fs.readFileSync(lab.clientKeyPath, "utf8");
const plain = lab.hosts.find((h) => h.roles.length === 0) ?? lab.hosts[0]!;
const jumbo = lab.hosts.find((h) => h.roles.includes("jumbo"));
// "trf-h1": not containing the lab's own names, which other specs look for with hasText.
const nameOf = (h: { name: string }) => `trf-${h.name.replace(/^.*-/, "")}`;
const LAB_SH = path.resolve(__dirname, "../lab/lab.sh");
const labExec = (host: string, ...cmd: string[]) =>
  execFileSync("bash", [LAB_SH, "exec", host, "--", ...cmd], { env: { ...process.env, LAB_PREFIX: process.env.LAB_PREFIX || "ndt" }, encoding: "utf8" });

type Flag = { t: number; kind: string; label: string; href?: string };
type Traffic = { source: string; points: { rx: number | null }[]; flags: Flag[] };

async function hostId(api: APIRequestContext, h: (typeof lab.hosts)[number]): Promise<number> {
  // A retried test finds its hosts registered already.
  const existing = ((await (await api.get("/api/hosts")).json()).items as { id: number; name: string }[]).find((x) => x.name === nameOf(h));
  if (existing) return existing.id;
  const created = await api.post("/api/hosts", { data: { name: nameOf(h), address: h.address, port: h.port, username: h.username, privateKey: key } });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: number }).id;
}

async function collect(api: APIRequestContext, id: number) {
  expect((await (await api.post(`/api/hosts/${id}/collect`)).json()).status).toBe("ok");
}

const traffic = async (api: APIRequestContext, id: number, q = "range=24h") => (await (await api.get(`/api/hosts/${id}/interfaces/eth0/traffic?${q}`)).json()) as Traffic;

/** The traffic section, once its chart of RX and TX is drawn. */
async function openTraffic(page: Page, path: string): Promise<Locator> {
  await page.goto(path);
  const section = page.getByRole("region", { name: "Traffic" });
  await expect(section.getByRole("img", { name: /^RX and TX of eth0, bits per second/ })).toBeVisible();
  return section;
}

/**
 * Shows the tooltip of the marker holding `label` on the first chart: a marker of its own, or a
 * group of events close together, which opens on click. Returns where the flag's links are.
 */
async function showMarker(page: Page, section: Locator, label: string): Promise<Locator> {
  const own = section.getByRole("link", { name: `: ${label}` }).or(section.getByRole("button", { name: `: ${label}` }));
  const group = section.getByRole("button", { name: /^\d+ events, / });
  await expect(own.or(group).first()).toBeVisible();
  if ((await own.count()) > 0) {
    const marker = own.first();
    await marker.hover();
    // A flag with a page is a link with a tooltip; one without, a button controlling its details.
    const controls = await marker.getAttribute("aria-controls");
    await expect(controls ? section.locator(`[id="${controls}"]`) : page.getByRole("tooltip")).toContainText(label);
    return marker;
  }
  for (const g of await group.all()) {
    await g.click();
    const tip = section.locator(`[id="${await g.getAttribute("aria-controls")}"]`);
    if ((await tip.filter({ hasText: label }).count()) > 0) return tip;
    await g.click();
  }
  throw new Error(`no marker holds "${label}"`);
}

test("the host page charts a NIC's RX and TX; ranges, zoom and the NIC are in the URL, back and forward included", async ({ page, playwright }, testInfo) => {
  test.setTimeout(120_000);
  const api = await apiContext(playwright);
  const id = await hostId(api, plain);
  // Rates need two readings of the counters.
  await collect(api, id);
  await collect(api, id);

  const section = await openTraffic(page, `/hosts/${id}`);
  await expect(section.getByRole("combobox", { name: "NIC" })).toHaveValue("eth0");
  await expect(section.getByText(/^From 5-minute samples\./)).toBeVisible();
  await expect(section.getByRole("img", { name: /^Errors and drops of eth0/ })).toBeVisible();
  // The interfaces table's sparkline names the latest figures.
  await expect(page.getByRole("table", { name: "Interfaces" }).getByRole("img", { name: /^eth0, last 24 hours: latest RX \d.* TX \d/ })).toBeVisible();
  await keepScreenshot(page, testInfo, "traffic-host");

  // A range change fetches the chart's data only: the page (and this marker on it) stays.
  await page.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));
  const range = section.getByRole("group", { name: "Range" });
  const source = section.getByText(/^From .*\. Drag across a chart to zoom in\.$/);
  for (const [button, q, text] of [
    ["7 d", "range=7d", /^From 5-minute samples, averaged per 25 min with min–max\./],
    ["30 d", "range=30d", /^From hourly averages/],
    ["1 y", "range=1y", /^From daily averages/],
  ] as const) {
    await range.getByRole("button", { name: button }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]${q}(&|$)`));
    await expect(range.getByRole("button", { name: button })).toHaveAttribute("aria-pressed", "true");
    await expect(source).toHaveText(text);
  }
  expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
  await page.goBack();
  await expect(page).toHaveURL(/[?&]range=30d(&|$)/);
  await expect(source).toHaveText(/^From hourly averages/);
  await page.goForward();
  await expect(source).toHaveText(/^From daily averages/);

  // Zoom: drag across the chart; the span lands in the URL and the inputs, Reset zoom goes back.
  await range.getByRole("button", { name: "24 h" }).click();
  await expect(page).not.toHaveURL(/range=/);
  const area = section.getByTestId("chart-zoom-area").first();
  const box = (await area.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page).toHaveURL(/[?&]from=\d{4}-\d\d-\d\dT\d\d%3A\d\dZ&to=/);
  const from = section.getByLabel("From (UTC)");
  const zoomed = new URL(page.url());
  await expect(from).toHaveValue(zoomed.searchParams.get("from")!.replace(/Z$/, ""));
  await expect(range.getByRole("button", { name: "24 h" })).toHaveAttribute("aria-pressed", "false");
  // The chart's answer to Reset zoom is held back until the user has typed a span: an answer
  // arriving mid-typing must not wipe the inputs (it did, and CI caught it once).
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let heldOne = false;
  await page.route(/\/api\/hosts\/\d+\/interfaces\/[^/]+\/traffic/, async (route) => {
    const response = await route.fetch();
    if (!heldOne) {
      heldOne = true;
      await held;
    }
    await route.fulfill({ response });
  });
  await section.getByRole("button", { name: "Reset zoom" }).click();
  await expect(page).not.toHaveURL(/from=/);
  await expect(range.getByRole("button", { name: "24 h" })).toHaveAttribute("aria-pressed", "true");

  // Keyboard: the same span typed into the inputs.
  await from.fill("2026-01-01T00:00");
  await section.getByLabel("To (UTC)").fill("2026-01-02T00:00");
  await expect(section.locator('[aria-busy="true"]')).toHaveCount(1);
  release();
  await expect(section.locator('[aria-busy="false"]')).toHaveCount(1);
  await expect(from).toHaveValue("2026-01-01T00:00");
  await page.unroute(/\/api\/hosts\/\d+\/interfaces\/[^/]+\/traffic/);
  await section.getByLabel("To (UTC)").press("Enter");
  await expect(page).toHaveURL(/from=2026-01-01T00%3A00Z&to=2026-01-02T00%3A00Z/);
  await expect(section.getByText(/^No counters for eth0 in this range: collections since \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/)).toBeVisible();

  // The API refuses a range it does not offer, as JSON.
  const bad = await api.get(`/api/hosts/${id}/interfaces/eth0/traffic?range=2w`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe("validation");

  // The overview: one sparkline per host, for the NIC holding its address.
  await page.goto("/");
  await expect(page.getByRole("listitem", { name: nameOf(plain), exact: true }).getByRole("img", { name: new RegExp(`^${nameOf(plain)} eth0, last 24 hours: latest RX \\d.* TX \\d`) })).toBeVisible();
});

test("an MTU change is flagged on the NIC's chart where it happened", async ({ page, playwright }, testInfo) => {
  test.setTimeout(120_000);
  const api = await apiContext(playwright);
  const id = await hostId(api, plain);
  await collect(api, id);
  const label = "eth0: MTU 1500 → 9000";
  labExec(plain.name, "ip", "link", "set", "dev", "eth0", "mtu", "9000");
  try {
    const before = Date.now();
    await collect(api, id);
    const after = Date.now();
    const flag = (await traffic(api, id)).flags.findLast((f) => f.label === label);
    expect(flag?.t).toBeGreaterThanOrEqual(before - 1000);
    expect(flag?.t).toBeLessThanOrEqual(after);

    const section = await openTraffic(page, `/hosts/${id}`);
    const events = section.getByRole("list", { name: "Events on this chart" });
    await expect(events.getByRole("listitem").filter({ hasText: label }).last()).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d UTC eth0: MTU 1500 → 9000/);
    await showMarker(page, section, label);
    await keepScreenshot(page, testInfo, "traffic-mtu-flag");
  } finally {
    labExec(plain.name, "ip", "link", "set", "dev", "eth0", "mtu", "1500");
    // Leave netdiag's view of the host as the lab is, for the specs after this one.
    await collect(api, id);
  }
});

test("a finding's flag on the jumbo host's NIC chart opens the finding", async ({ page, playwright }, testInfo) => {
  test.skip(!jumbo, "the lab was started without the jumbo fault");
  test.setTimeout(120_000);
  const api = await apiContext(playwright);
  // The jumbo host runs MTU 9000 on a 1500 segment: with a peer on it, an MTU mismatch naming its eth0.
  const peer = await hostId(api, plain);
  const id = await hostId(api, jumbo!);
  await collect(api, peer);
  await collect(api, id);
  await collect(api, id);
  expect((await api.post(`/api/hosts/${id}/verify-mtu`)).status()).toBe(200);
  await expect.poll(async () => (await traffic(api, id)).flags.some((f) => f.kind === "finding-opened"), { timeout: 30_000 }).toBe(true);
  const found = (await traffic(api, id)).flags.find((f) => f.kind === "finding-opened")!;
  expect(found.label).toMatch(/^Found: /);
  expect(found.href).toMatch(/^\/findings\/\d+$/);

  const section = await openTraffic(page, `/hosts/${id}?nic=eth0`);
  const where = await showMarker(page, section, found.label);
  await keepScreenshot(page, testInfo, "traffic-finding-flag");
  const link = (await where.evaluate((el) => el.tagName)) === "A" ? where : where.getByRole("link", { name: found.label });
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${found.href}$`));
  await expect(page.getByRole("article").getByRole("heading", { level: 3 })).toContainText(found.label.replace(/^Found: /, ""));
});
