import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { apiContext } from "./auth";
import { readLab } from "./lab";
import { keepScreenshot } from "./pages";

// The throughput matrix as a user meets it: every registered host is a row and a column, tested
// or not; an empty cell leads to the run form for exactly that pair; once the run is done the
// cell has a rate and an age. The lab's NICs are veth, which report a nominal 10 Gbit/s and carry
// more than that, so a naive "% of link" would print well above 100 here.
const lab = readLab();
const key = fs.readFileSync(lab.clientKeyPath, "utf8");
const plain = lab.hosts.filter((h) => h.roles.length === 0 || h.roles.every((r) => r === "secondary-ip"));
const [sender, receiver] = plain as [(typeof lab.hosts)[number], (typeof lab.hosts)[number]];
// Never tested by this spec (nor by any other under this name).
const idle = lab.hosts.find((h) => h.roles.includes("dupmac-owner")) ?? lab.hosts.at(-1)!;
// "mtx-h1": not containing the lab's own names, which other specs look for with hasText.
const nameOf = (h: { name: string }) => `mtx-${h.name.replace(/^.*-/, "")}`;

type HostRow = { id: number; name: string };

async function register(api: APIRequestContext, h: (typeof lab.hosts)[number]): Promise<number> {
  // A retry runs in a new worker against the same server: reuse what is registered.
  const hosts = (await (await api.get("/api/hosts")).json()).items as HostRow[];
  const found = hosts.find((x) => x.name === nameOf(h));
  if (found) return found.id;
  const res = await api.post("/api/hosts", { data: { name: nameOf(h), address: h.address, port: h.port, username: h.username, privateKey: key } });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: number };
  // The collection stores the NICs' speeds, which the matrix compares the rates with.
  expect((await (await api.post(`/api/hosts/${id}/collect`)).json()).status).toBe("ok");
  return id;
}

class MatrixPage {
  readonly table: Locator;
  constructor(readonly page: Page) {
    this.table = page.getByRole("table", { name: "Throughput matrix: rows send, columns receive" });
  }

  async open() {
    await this.page.goto("/iperf/matrix");
    await expect(this.page.getByRole("heading", { name: "Throughput matrix", level: 1 })).toBeVisible();
  }

  row(from: string) {
    return this.table.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name: from, exact: true }) });
  }

  /** The cell of data sent from `from` to `to`. */
  async cell(from: string, to: string) {
    const columns = await this.table.getByRole("columnheader").allTextContents();
    const column = columns.indexOf(to);
    expect(column, `column ${to} in ${columns.join(", ")}`).toBeGreaterThan(0);
    // The first column header is the corner above the row headers, which are not cells.
    return this.row(from).getByRole("cell").nth(column - 1);
  }

  runLink(from: string, to: string) {
    return this.table.getByRole("link", { name: `Run a test ${from} → ${to}`, exact: true });
  }

  async percentagesShown(): Promise<number[]> {
    const text = (await this.table.textContent()) ?? "";
    return [...text.matchAll(/(\d+(?:\.\d+)?)\s*%/g)].map((m) => Number(m[1]));
  }
}

const ids = { sender: 0, receiver: 0 };
const [from, to, untested] = [nameOf(sender), nameOf(receiver), nameOf(idle)];

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(120_000);
  const api = await apiContext(playwright);
  ids.sender = await register(api, sender);
  ids.receiver = await register(api, receiver);
  await register(api, idle);
});

test("every host is in the matrix; an empty cell starts a test of that pair, which then fills it", async ({ page, playwright }, testInfo) => {
  test.setTimeout(120_000);
  const api = await apiContext(playwright);
  const everyone = ((await (await api.get("/api/hosts")).json()).items as HostRow[]).map((h) => h.name);

  const matrix = new MatrixPage(page);
  await matrix.open();
  // Every registered host as a column and a row, in name order, the untested one too.
  await expect(matrix.table.getByRole("columnheader")).toHaveText(["from ↓ to →", ...[...everyone].sort()]);
  await expect(matrix.table.getByRole("rowheader")).toHaveText([...everyone].sort());
  // The untested host's row: a "Run a test" towards every other host, none towards itself.
  await expect(matrix.row(untested).getByRole("link", { name: /^Run a test / })).toHaveCount(everyone.length - 1);
  await expect(matrix.table.getByRole("link", { name: /^Run a test (\S+) → \1$/ })).toHaveCount(0);
  await expect(await matrix.cell(from, to)).toContainText("not tested");
  await keepScreenshot(page, testInfo, "iperf-matrix-untested");

  // The empty cell leads to the run form with exactly that pair filled in.
  await matrix.runLink(from, to).click();
  await expect(page).toHaveURL(new RegExp(`/iperf\\?client=${ids.sender}&server=${ids.receiver}#run$`));
  const form = page.getByRole("form", { name: "Run an iperf3 test" });
  await expect(form.getByRole("combobox", { name: "Client host" })).toHaveValue(String(ids.sender));
  await expect(form.getByRole("combobox", { name: "Server host" })).toHaveValue(String(ids.receiver));
  await form.getByRole("spinbutton", { name: "Duration (s)" }).fill("2");
  await form.getByRole("spinbutton", { name: "Omit first (s)" }).fill("0");
  await form.getByRole("button", { name: "Run test" }).click();
  await expect(page).toHaveURL(/\/iperf\/runs\/\d+$/);
  const runId = Number(page.url().split("/").at(-1));
  await expect(page.getByText("done", { exact: true })).toBeVisible({ timeout: 60_000 });
  const run = (await (await api.get(`/api/iperf/runs/${runId}`)).json()) as { clientHostId: number; serverHostId: number };
  expect([run.clientHostId, run.serverHostId]).toEqual([ids.sender, ids.receiver]);

  // Back on the matrix: both directions of the pair have a rate, its share of link and an age.
  await matrix.open();
  for (const [a, b] of [
    [from, to],
    [to, from],
  ] as const) {
    const cell = await matrix.cell(a, b);
    await expect(cell.getByRole("link", { name: /^\d+(\.\d+)? [GM]bit\/s$/ })).toHaveAttribute("href", `/iperf/runs/${runId}`);
    await expect(cell).toContainText(/\d+% of link|above reported link \(10 Gbit\/s\)/);
    await expect(cell.locator("time")).toHaveText(/^(just now|\d+ s ago|\d+ min ago)$/);
    // Fresh: nothing to run again, nothing marked stale.
    await expect(cell.getByRole("link", { name: /^Run a test/ })).toHaveCount(0);
    await expect(cell).not.toContainText("stale");
  }
  // veth reports 10 Gbit/s and carries more: a share above 100% must never be printed.
  for (const p of await matrix.percentagesShown()) expect(p).toBeLessThanOrEqual(100);
  await expect(matrix.runLink(untested, from)).toBeVisible();
  await keepScreenshot(page, testInfo, "iperf-matrix-tested");

  // Filled, empty and same-host cells side by side pass axe (WCAG 2 A/AA).
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
});

test("on a phone the matrix scrolls inside its card with the host names kept in view", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const matrix = new MatrixPage(page);
  await matrix.open();
  await expect(matrix.table).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const region = page.getByRole("region", { name: "Throughput matrix (scrolls sideways)" });
  await expect(region).toBeVisible();
  const header = matrix.table.getByRole("rowheader").first();
  await region.evaluate((el) => el.scrollBy({ left: 400 }));
  await expect.poll(async () => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  // The row header is sticky: after the cells moved 400 px left under it, it still starts at
  // the scroll box's left edge instead of having scrolled out of view with them.
  const box = await region.boundingBox();
  expect((await header.boundingBox())?.x).toBeGreaterThanOrEqual((box?.x ?? Infinity) - 0.5);
  await keepScreenshot(page, testInfo, "iperf-matrix-phone");
});
