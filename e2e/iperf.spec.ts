import fs from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { apiContext } from "./auth";
import { readLab } from "./lab";
import { keepScreenshot } from "./pages";

// iperf3 as the user meets it: run a test from the form, watch it live, read both directions
// and the verdict, then the pair's history. The lab's shaped host sends at ~300 Mbit/s only.
const lab = readLab();
const key = fs.readFileSync(lab.clientKeyPath, "utf8");
const shaped = lab.hosts.find((h) => h.roles.includes("shaped"));
const client = lab.hosts.find((h) => h.roles.length === 0) ?? lab.hosts[0]!;
// "ipf-h1": not containing the lab's own names, which other specs look for with hasText.
const nameOf = (h: { name: string }) => `ipf-${h.name.replace(/^.*-/, "")}`;

class IperfRunForm {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/iperf");
    await expect(this.page.getByRole("heading", { name: "iperf3 throughput", level: 1 })).toBeVisible();
  }

  async run(p: { client: string; server: string; durationSec: number; omitSec: number }) {
    const form = this.page.getByRole("form", { name: "Run an iperf3 test" });
    await form.getByRole("combobox", { name: "Client host" }).selectOption({ label: p.client });
    await form.getByRole("combobox", { name: "Server host" }).selectOption({ label: p.server });
    await form.getByRole("spinbutton", { name: "Duration (s)" }).fill(String(p.durationSec));
    await form.getByRole("spinbutton", { name: "Omit first (s)" }).fill(String(p.omitSec));
    await form.getByRole("button", { name: "Run test" }).click();
  }
}

async function addHost(api: APIRequestContext, h: (typeof lab.hosts)[number], name = nameOf(h)): Promise<number> {
  const created = await api.post("/api/hosts", { data: { name, address: h.address, port: h.port, username: h.username, privateKey: key } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  // A collection gives netdiag the host's addresses (to pick the server address) and NIC speeds.
  expect((await (await api.post(`/api/hosts/${id}/collect`)).json()).status).toBe("ok");
  return id;
}

test("a test started from the form runs live, shows both directions and the asymmetry, then the pair's history", async ({ page, playwright }, testInfo) => {
  test.skip(!shaped, "the lab was started without the shaped fault");
  test.setTimeout(180_000);
  const api = await apiContext(playwright);
  const clientId = await addHost(api, client);
  const serverId = await addHost(api, shaped!);

  const form = new IperfRunForm(page);
  await form.open();
  await keepScreenshot(page, testInfo, "iperf-page");
  await form.run({ client: nameOf(client), server: nameOf(shaped!), durationSec: 4, omitSec: 0 });
  await expect(page).toHaveURL(/\/iperf\/runs\/\d+$/);
  const runId = Number(page.url().split("/").at(-1));

  // Live: the progress bar advances and intervals arrive while the test runs.
  const progress = page.getByRole("progressbar", { name: "Test progress" });
  await expect(progress).toBeVisible({ timeout: 30_000 });
  const first = Number(await progress.getAttribute("aria-valuenow"));
  await expect.poll(async () => Number((await progress.getAttribute("aria-valuenow")) ?? 0)).toBeGreaterThan(first);
  const forward = page.getByRole("region", { name: new RegExp(`^${nameOf(client)} → ${nameOf(shaped!)}`) });
  await expect(forward.getByRole("status")).toHaveText(/[1-9]\d* intervals? so far/);
  await expect(forward.getByRole("img", { name: /throughput per second/ })).toBeVisible();
  await keepScreenshot(page, testInfo, "iperf-run-live");

  // Done: both directions side by side, each with its figure; the shaped direction ~300 Mbit/s.
  await expect(page.getByText("done", { exact: true })).toBeVisible({ timeout: 60_000 });
  const reverse = page.getByRole("region", { name: new RegExp(`^${nameOf(shaped!)} → ${nameOf(client)}`) });
  await expect(forward.getByLabel(`${nameOf(client)} → ${nameOf(shaped!)} throughput`)).toHaveText(/\d+(\.\d+)? Gbit\/s/);
  await expect(reverse.getByLabel(`${nameOf(shaped!)} → ${nameOf(client)} throughput`)).toHaveText(/^(2\d\d|3[0-2]\d) Mbit\/s$/);
  for (const r of [forward, reverse]) await expect(r.getByText("Retransmits")).toBeVisible();
  const verdicts = page.getByRole("list", { name: "Verdicts" });
  await expect(verdicts).toContainText(`${nameOf(shaped!)} → ${nameOf(client)} reaches only`);
  await keepScreenshot(page, testInfo, "iperf-run-done");

  // A second test of the pair (through the API, as a script would), then the history.
  const second = await api.post("/api/iperf/runs", { data: { clientHostId: clientId, serverHostId: serverId, durationSec: 2, omitSec: 0 } });
  expect(second.status()).toBe(201);
  const secondId = ((await second.json()) as { id: number }).id;
  await expect.poll(async () => ((await (await api.get(`/api/iperf/runs/${secondId}`)).json()) as { status: string }).status, { timeout: 60_000 }).toBe("done");

  await page.goto(`/iperf/runs/${runId}`);
  await page.getByRole("link", { name: "History of this pair" }).click();
  await expect(page.getByRole("heading", { name: `History: ${nameOf(client)} ↔ ${nameOf(shaped!)}` })).toBeVisible();
  await expect(page.getByText(/^2 runs · TX avg/)).toBeVisible();
  await expect(page.getByRole("img", { name: /Throughput history .*: 2 TX and 2 RX points/ })).toBeVisible();
  await expect(page.locator(".recharts-line-dots circle, .recharts-dot").first()).toBeVisible();
  await keepScreenshot(page, testInfo, "iperf-history");

  // The matrix and the host page show the latest result per direction.
  await page.goto("/iperf/matrix");
  const matrix = page.getByRole("table", { name: "Throughput matrix: rows send, columns receive" });
  await expect(matrix.getByRole("row", { name: new RegExp(`^${nameOf(shaped!)}`) })).toContainText("Mbit/s");
  await keepScreenshot(page, testInfo, "iperf-matrix");
  await page.goto(`/hosts/${serverId}`);
  const peers = page.getByRole("table", { name: `Throughput of ${nameOf(shaped!)} per peer` });
  await expect(peers.getByRole("row", { name: new RegExp(nameOf(client)) })).toContainText("reaches only");
  await peers.scrollIntoViewIfNeeded();
  await keepScreenshot(page, testInfo, "iperf-host-page");
});

test("a running test is cancelled from its page: both ends stop and it is marked cancelled", async ({ page, playwright }) => {
  const api = await apiContext(playwright);
  const [a, b] = lab.hosts.filter((h) => h.roles.length === 0 || h.roles.every((r) => r === "secondary-ip")) as [(typeof lab.hosts)[number], (typeof lab.hosts)[number]];
  const [aId, bId] = [await addHost(api, a, `ipfc-${nameOf(a)}`), await addHost(api, b, `ipfc-${nameOf(b)}`)];
  const started = await api.post("/api/iperf/runs", { data: { clientHostId: aId, serverHostId: bId, durationSec: 60, omitSec: 0, direction: "forward" } });
  const { id } = (await started.json()) as { id: number };
  await page.goto(`/iperf/runs/${id}`);
  await expect(page.getByRole("progressbar", { name: "Test progress" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Cancel test" }).click();
  await expect(page.getByText("cancelled", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("alert").filter({ hasText: "Cancelled while running; both ends were stopped" })).toBeVisible();
  expect(((await (await api.get(`/api/iperf/runs/${id}`)).json()) as { status: string }).status).toBe("cancelled");
});

test("the API refuses bad parameters beside their fields; an unknown run is a 404", async ({ playwright }) => {
  const api = await apiContext(playwright);
  const fieldsOf = async (data: object) => {
    const res = await api.post("/api/iperf/runs", { data });
    expect(res.status()).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(error.code).toBe("validation");
    return Object.keys(error.fields).sort();
  };
  // Nothing typed reaches a shell: the address must be an IP literal, the numbers in range.
  expect(await fieldsOf({ clientHostId: 1, serverHostId: 2, durationSec: 99, serverAddress: "10.0.0.1; reboot" })).toEqual(["durationSec", "serverAddress"]);
  expect(await fieldsOf({ clientHostId: 1, serverHostId: 1, protocol: "udp" })).toEqual(["bitrateMbps", "serverHostId"]);
  expect((await api.get("/api/iperf/runs/999999")).status()).toBe(404);
  expect((await api.delete("/api/iperf/runs/999999")).status()).toBe(404);
});
