import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { apiContext } from "./auth";
import { readLab } from "./lab";
import { keepScreenshot } from "./pages";

// The lab's faults as the user meets them: the findings page, the host page, acknowledging.
const lab = readLab();
const key = fs.readFileSync(lab.clientKeyPath, "utf8");
const role = (r: string) => {
  const h = lab.hosts.find((x) => x.roles.includes(r));
  if (!h) throw new Error(`the lab has no ${r} host`);
  return h;
};
const owner = role("dupmac-owner");
const jumbo = role("jumbo");
const dupMac = owner.interfaces[0]!.mac;
const ids = new Map<string, number>();
// "fnd-h5": not containing the lab's own names, which other specs look for with hasText.
const nameOf = (h: { name: string }) => `fnd-${h.name.replace(/^.*-/, "")}`;

class FindingsPage {
  constructor(readonly page: Page) {}

  async open(query = "") {
    await this.page.goto(`/findings${query}`);
    await expect(this.page.getByRole("heading", { name: "Findings", level: 1 })).toBeVisible();
  }

  finding(title: string | RegExp): Locator {
    return this.page.getByRole("article", { name: title });
  }

  tab(name: string): Locator {
    return this.page.getByRole("navigation", { name: "Finding status" }).getByRole("link", { name: new RegExp(`^${name}`) });
  }

  async acknowledge(article: Locator, reason: string) {
    await article.getByRole("button", { name: /^Acknowledge/ }).click();
    const dialog = this.page.getByRole("dialog", { name: "Acknowledge this finding?" });
    await dialog.getByRole("textbox", { name: "Reason (optional)" }).fill(reason);
    await dialog.getByRole("button", { name: "Acknowledge", exact: true }).click();
    await expect(dialog).toBeHidden();
  }
}

test.beforeAll(async ({ playwright }) => {
  const api = await apiContext(playwright);
  // beforeAll runs again in a new worker after a failed test: reuse what is registered.
  const existing = new Map<string, number>(((await (await api.get("/api/hosts")).json()).items as { id: number; name: string }[]).map((h) => [h.name, h.id]));
  for (const h of lab.hosts) {
    const known = existing.get(nameOf(h));
    if (known !== undefined) {
      ids.set(h.name, known);
      continue;
    }
    const res = await api.post("/api/hosts", { data: { name: nameOf(h), address: h.address, port: h.port, username: h.username, privateKey: key } });
    expect(res.status()).toBe(201);
    ids.set(h.name, (await res.json()).id);
  }
  const { runs } = await (await api.post("/api/collect")).json();
  expect(runs.every((r: { status: string }) => r.status === "ok")).toBe(true);
});

test("the findings page lists the lab's faults with their evidence", async ({ page }, testInfo) => {
  const findings = new FindingsPage(page);
  await findings.open();

  const dup = findings.finding(new RegExp(`MAC ${dupMac} is used by .*${nameOf(owner)}.* eth0 and .*${nameOf(owner)}.* eth1`));
  await expect(dup).toBeVisible();
  await expect(dup).toContainText("critical");
  await expect(dup).toContainText("belongs to");
  const nics = dup.getByRole("table", { name: "Evidence: interface" });
  for (const nic of owner.interfaces) await expect(nics.getByRole("row").filter({ hasText: nic.addresses[0]! })).toContainText(nic.name);
  const seen = dup.getByRole("table", { name: "Evidence: neighbor table" });
  for (const nic of owner.interfaces) await expect(seen.getByRole("row").filter({ hasText: nic.addresses[0]!.split("/")[0]! }).first()).toContainText(dupMac);

  const mtu = findings.finding(new RegExp(`MTU mismatch on .*${nameOf(jumbo)}.* eth0 uses 9000`));
  await expect(mtu).toContainText("warning");
  await expect(mtu.getByRole("table", { name: "Evidence: interface" }).getByRole("row").filter({ hasText: jumbo.interfaces[0]!.mac })).toContainText("9000");

  // Filtering by severity keeps only critical ones, as a URL.
  await page.getByRole("combobox", { name: "Severity" }).selectOption("critical");
  await expect(page).toHaveURL(/severity=critical/);
  await expect(mtu).toHaveCount(0);
  await expect(dup).toBeVisible();
  await findings.open();
  await keepScreenshot(page, testInfo, "findings");
});

test("the jumbo pair behind a 1500 bridge is found by the collection itself: nobody pressed Verify MTU", async ({ page }) => {
  const pair = lab.hosts.filter((h) => h.roles.includes("jumbo-pair"));
  expect(pair).toHaveLength(2);
  const findings = new FindingsPage(page);
  // The collection starts the pair's first DF probes in the background; the page shows their
  // finding once they have answered.
  await expect(async () => {
    await findings.open();
    const jumboPair = findings.finding(/^Jumbo frames do not (pass|reach)/).filter({ hasText: nameOf(pair[0]!) });
    await expect(jumboPair.first()).toBeVisible({ timeout: 2_000 });
    await expect(jumboPair.first()).toContainText("critical");
    await expect(jumboPair.first()).toContainText(nameOf(pair[1]!));
  }).toPass({ timeout: 60_000 });
});

test("acknowledging a finding hides it from the open list and keeps it under Acknowledged", async ({ page, playwright }) => {
  const findings = new FindingsPage(page);
  await findings.open();
  const mtu = findings.finding(new RegExp(`MTU mismatch on .*${nameOf(jumbo)}.* eth0 uses 9000`));
  await findings.acknowledge(mtu, "jumbo frames are being rolled out");
  await expect(mtu).toHaveCount(0);

  await findings.tab("Acknowledged").click();
  await expect(page).toHaveURL(/tab=acknowledged/);
  await expect(mtu).toContainText("jumbo frames are being rolled out");

  const api = await apiContext(playwright);
  const open = (await (await api.get("/api/findings?kind=mtu-mismatch")).json()).items;
  const acked = (await (await api.get("/api/findings?status=acknowledged&kind=mtu-mismatch")).json()).items;
  expect(open.filter((f: { title: string }) => f.title.includes(nameOf(jumbo)))).toEqual([]);
  expect(acked.find((f: { title: string }) => f.title.includes(nameOf(jumbo)))).toMatchObject({ status: "acknowledged", severity: "warning" });
});

test("the host page shows that host's findings at the top, with evidence and fix", async ({ page }, testInfo) => {
  await page.goto(`/hosts/${ids.get(owner.name)}`);
  const section = page.getByRole("region", { name: "Findings" });
  const dup = section.getByRole("article", { name: new RegExp(`MAC ${dupMac} is used by`) });
  await expect(dup).toContainText("Likely cause and fix");
  await expect(dup.getByRole("table", { name: "Evidence: interface" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Neighbor history" })).toBeVisible();
  await keepScreenshot(page, testInfo, "host-findings");
  // The overview counts open findings per host.
  await page.goto("/");
  const card = page.getByRole("list", { name: "Hosts" }).getByRole("listitem").filter({ hasText: nameOf(owner) });
  await expect(card.getByLabel(`Open findings of ${nameOf(owner)}`)).toContainText("critical");

  // The observer whose neighbor table shows the shared MAC: "involved in", not its own problem.
  const observer = role("dupmac-observer");
  await page.goto(`/hosts/${ids.get(observer.name)}`);
  const own = page.getByRole("region", { name: "Findings" });
  await expect(own.getByRole("list", { name: "Findings for this host" }).getByRole("article", { name: new RegExp(`MAC ${dupMac} is used by`) })).toHaveCount(0);
  await own.getByText(/^Involved in \d+ findings? about other hosts/).click();
  const involved = own.getByRole("list", { name: "Findings this host is involved in" }).getByRole("article", { name: new RegExp(`MAC ${dupMac} is used by`) });
  await expect(involved).toContainText("seen by");
  await expect(involved).toContainText(nameOf(observer));
  await expect(involved.getByRole("table", { name: "Evidence: neighbor table" })).toContainText("one MAC for 2 addresses");
});

test("the findings API validates its query and changes", async ({ playwright }) => {
  const api = await apiContext(playwright);
  const bad = await api.get("/api/findings?status=everything");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe("validation");
  const [first] = (await (await api.get("/api/findings?severity=critical")).json()).items;
  expect(first).toMatchObject({ status: "open", severity: "critical" });
  expect(Object.keys(first)).toEqual(expect.arrayContaining(["id", "kind", "severity", "status", "hostIds", "subject", "title", "explanation", "fix", "evidence", "firstSeenAt", "lastSeenAt"]));
  expect((await api.patch(`/api/findings/${first.id}`, { data: { status: "resolved" } })).status()).toBe(400);
  expect((await api.patch("/api/findings/999999", { data: { status: "muted" } })).status()).toBe(404);
  const muted = await api.patch(`/api/findings/${first.id}`, { data: { status: "muted", reason: "lab fault" } });
  expect(await muted.json()).toMatchObject({ status: "muted", statusReason: "lab fault" });
  expect((await api.patch(`/api/findings/${first.id}`, { data: { status: "open" } })).status()).toBe(200);
});
