import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { apiContext } from "./auth";
import { readLab } from "./lab";
import { keepScreenshot } from "./pages";

// The findings page read at a glance: one card per root cause, each showing the evidence rows
// that prove it (the rest one click away), a search and a sort that are plain URLs.
const lab = readLab();
const key = fs.readFileSync(lab.clientKeyPath, "utf8");
const role = (r: string) => lab.hosts.filter((h) => h.roles.includes(r));
const [owner] = role("dupmac-owner");
const pair = role("jumbo-pair");
if (!owner || pair.length !== 2) throw new Error("the lab has no dupmac-owner or jumbo pair");
// The names e2e/findings.spec.ts registers the lab under: both specs share one server's hosts.
const nameOf = (h: { name: string }) => `fnd-${h.name.replace(/^.*-/, "")}`;
const dupMac = owner.interfaces[0]!.mac;

class FindingsPage {
  constructor(readonly page: Page) {}

  async open(query = "") {
    await this.page.goto(`/findings${query}`);
    await expect(this.page.getByRole("heading", { name: "Findings", level: 1 })).toBeVisible();
  }

  cards(): Locator {
    return this.page.getByRole("list", { name: "Open findings" }).getByRole("article");
  }

  finding(title: RegExp): Locator {
    return this.page.getByRole("article", { name: title });
  }

  /** Data rows (not header rows) of every evidence table in a card, as far as they are shown. */
  evidenceRows(card: Locator): Locator {
    return card.getByRole("table").getByRole("row").filter({ has: this.page.getByRole("cell") });
  }

  async titles(): Promise<string[]> {
    return this.cards().getByRole("heading", { level: 3 }).allInnerTexts();
  }

  async search(text: string) {
    await this.page.getByRole("searchbox", { name: "Search" }).fill(text);
    await this.page.getByRole("searchbox", { name: "Search" }).press("Enter");
  }
}

test.beforeAll(async ({ playwright }) => {
  const api = await apiContext(playwright);
  const existing = new Map<string, number>(((await (await api.get("/api/hosts")).json()).items as { id: number; name: string }[]).map((h) => [h.name, h.id]));
  for (const h of lab.hosts) {
    if (existing.has(nameOf(h))) continue;
    const res = await api.post("/api/hosts", { data: { name: nameOf(h), address: h.address, port: h.port, username: h.username, privateKey: key } });
    expect(res.status()).toBe(201);
  }
  const { runs } = await (await api.post("/api/collect")).json();
  expect(runs.every((r: { status: string }) => r.status === "ok")).toBe(true);
  // The collection starts the jumbo pair's don't-fragment probes in the background: the list is
  // complete once their finding is there, and stays put while the tests compare orders.
  await expect
    .poll(async () => ((await (await api.get("/api/findings?kind=mtu-df-failure")).json()).items as unknown[]).length, { timeout: 60_000 })
    .toBeGreaterThan(0);
});

test("one card per root cause, its evidence cut to the rows that prove it, all rows one click away", async ({ page }, testInfo) => {
  const findings = new FindingsPage(page);
  await findings.open();
  await expect(findings.finding(new RegExp(`MAC ${dupMac} is used by`))).toHaveCount(1);
  // The jumbo pair fails both ways, over IPv4 and IPv6, full size only: one finding.
  const jumbo = findings.finding(/^Jumbo frames do not (pass|reach)/).filter({ hasText: nameOf(pair[0]!) });
  await expect(jumbo).toHaveCount(1);

  const showAll = jumbo.getByRole("button", { name: /^Show all \d+ rows$/ });
  await expect(showAll).toHaveAttribute("aria-expanded", "false");
  const total = Number((await showAll.innerText()).match(/\d+/)![0]);
  const rows = findings.evidenceRows(jumbo);
  const shown = await rows.count();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(total);
  // What is shown proves it: the full-size probe that got no answer.
  await expect(rows.filter({ hasText: "failed" }).first()).toContainText("9000");

  await showAll.click();
  await expect(rows).toHaveCount(total);
  const fewer = jumbo.getByRole("button", { name: /^Show only the \d+ rows that prove it$/ });
  await expect(fewer).toHaveAttribute("aria-expanded", "true");
  // Keyboard: the same button, from the keyboard, folds the rows back.
  await fewer.focus();
  await page.keyboard.press("Enter");
  await expect(rows).toHaveCount(shown);
  await expect(showAll).toBeFocused();
  await keepScreenshot(page, testInfo, "findings-collapsed");
});

test("the search narrows the list, keeps the other filters, and says when nothing matches", async ({ page }) => {
  const findings = new FindingsPage(page);
  await findings.open();
  const everything = await findings.cards().count();
  const name = nameOf(pair[0]!);

  await findings.search(name);
  await expect(page).toHaveURL(new RegExp(`q=${name}`));
  await expect(findings.cards().first()).toBeVisible();
  const matched = await findings.cards().count();
  expect(matched).toBeLessThan(everything);
  for (const card of await findings.cards().all()) await expect(card).toContainText(name);

  // A filter chosen next keeps the search, and the search box still says what was searched.
  await page.getByRole("combobox", { name: "Severity" }).selectOption("critical");
  await expect(page).toHaveURL(/severity=critical/);
  await expect(page).toHaveURL(new RegExp(`q=${name}`));
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue(name);
  for (const card of await findings.cards().all()) await expect(card).toContainText("critical");

  await findings.search("no-such-fault-anywhere");
  await expect(page.getByText("No open findings match “no-such-fault-anywhere” with these filters")).toBeVisible();
  await expect(findings.cards()).toHaveCount(0);
});

test("worst first by default; newest and oldest first reverse each other", async ({ page }) => {
  const findings = new FindingsPage(page);
  await findings.open();
  const severities = await Promise.all((await findings.cards().all()).map((c) => c.getByText(/^(critical|warning|info)$/).first().innerText()));
  const rank = severities.map((s) => ["critical", "warning", "info"].indexOf(s.trim()));
  expect(rank.every((r) => r >= 0)).toBe(true);
  expect(rank).toEqual([...rank].sort((a, b) => a - b));
  expect(await findings.cards().count()).toBeGreaterThan(1);

  const sort = page.getByRole("combobox", { name: "Sort by" });
  await sort.selectOption({ label: "Oldest first" });
  await expect(page).toHaveURL(/sort=oldest/);
  const oldest = await findings.titles();
  await sort.selectOption({ label: "Newest first" });
  await expect(page).toHaveURL(/sort=newest/);
  await expect.poll(() => findings.titles()).toEqual([...oldest].reverse());
});

test("on a phone, every row shown, the page still does not scroll sideways, and the controls pass axe", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const findings = new FindingsPage(page);
  await findings.open();
  // Each click renames its button ("Show only …"): the next one is always the first left.
  const showAll = page.getByRole("button", { name: /^Show all \d+ rows$/ });
  const cards = await showAll.count();
  expect(cards).toBeGreaterThan(0);
  for (let left = cards; left > 0; left--) {
    await showAll.first().click();
    await expect(showAll).toHaveCount(left - 1);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const axe = await new AxeBuilder({ page }).include("main").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});

test("GET /api/findings searches and sorts like the page, and refuses what it cannot", async ({ playwright }) => {
  const api = await apiContext(playwright);
  const name = nameOf(pair[0]!);
  type Item = { title: string; explanation: string; subject: { label: string }; hosts: { name: string }[]; involvedHosts: { name: string }[] };
  const found = (await (await api.get(`/api/findings?q=${encodeURIComponent(name.toUpperCase())}`)).json()).items as Item[];
  expect(found.length).toBeGreaterThan(0);
  const mentions = (f: Item) => [f.title, f.explanation, f.subject.label, ...f.hosts.map((h) => h.name), ...f.involvedHosts.map((h) => h.name)].some((t) => t.includes(name));
  expect(found.every(mentions)).toBe(true);
  const oldest = (await (await api.get("/api/findings?sort=oldest")).json()).items.map((f: { id: number }) => f.id);
  const newest = (await (await api.get("/api/findings?sort=newest")).json()).items.map((f: { id: number }) => f.id);
  expect(newest).toEqual([...oldest].reverse());
  for (const bad of ["sort=worst", `q=${"x".repeat(101)}`]) {
    const res = await api.get(`/api/findings?${bad}`);
    expect(res.status()).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: "validation", message: expect.stringMatching(/^Invalid query: (sort|q): /) });
  }
});

test("Download CSV saves the findings the page shows, with the page's filters, as a file a spreadsheet opens", async ({ page }) => {
  const findings = new FindingsPage(page);
  await findings.open("?kind=duplicate-mac");
  const titles = await findings.titles();
  expect(titles.length).toBeGreaterThan(0);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download these open findings as CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^netdiag-findings-\d{4}-\d\d-\d\d\.csv$/);
  const text = fs.readFileSync((await download.path())!, "utf8");
  const [header, ...lines] = text.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
  expect(header).toBe("id,status,severity,kind,title,hosts,involved_hosts,opened_at,first_seen_at,last_seen_at,resolved_at,occurrences,status_reason,explanation,fix,evidence");
  // Only the filtered kind, one line per card at least (a field may span lines: count by id).
  expect(text.match(/\r\n\d+,open,(critical|warning|info),duplicate-mac,/g)?.length).toBe(titles.length);
  expect(lines.some((l) => l.includes(dupMac))).toBe(true);
});
