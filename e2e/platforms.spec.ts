import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { apiContext } from "./auth";
import { readLab } from "./lab";
import { HostFormPage, HostPage, keepScreenshot } from "./pages";

// Lab hosts replaying real captures of other platforms (lab/replay/<set>): the whole path from
// the host form through SSH, the platform's parsers and storage to the host page.
const lab = readLab();
const key = fs.readFileSync(lab.clientKeyPath, "utf8");
const LAB_SH = path.resolve(__dirname, "../lab/lab.sh");
const replay = (host: string, set: string) =>
  execFileSync("bash", [LAB_SH, "replay", host, set], { env: { ...process.env, LAB_PREFIX: process.env.LAB_PREFIX || "ndt" }, encoding: "utf8" });

// Every set here replays a real `uname -a` (or `cmd /c ver`), so the form's "auto" detects it.
const SETS = [
  { set: "esxi-7", platform: "esxi", status: "ok" },
  { set: "freebsd", platform: "freebsd", status: "partial", row: "ix0", text: "9000" },
  { set: "darwin", platform: "darwin", status: "partial", row: "en0", text: "f0:18:98:03:d9:30" },
  { set: "illumos", platform: "illumos", status: "ok", row: "bge0", text: "a0:42:3f:42:91:50" },
  { set: "windows", platform: "windows", status: "partial", row: "Ethernet 2", text: "00:15:5d:83:26:06" },
  { set: "esxi-jumbo", platform: "esxi", status: "partial" },
] as const;
const hostFor = (i: number) => lab.hosts[i]!;

test.beforeAll(() => SETS.forEach(({ set }, i) => replay(hostFor(i).name, set)));
test.afterAll(() => SETS.forEach((_s, i) => replay(hostFor(i).name, "--off")));

test("an ESXi host set on the form is collected with esxcli and shows its vmnic -> vSwitch -> portgroup -> vmknic chain", async ({ page }, testInfo) => {
  const h = hostFor(0);
  const form = new HostFormPage(page);
  await form.open();
  await form.fill({ name: "esxi-replay", address: h.address, port: h.port, username: h.username, privateKey: key });
  // Platform left on "auto": the replayed `uname -a` answers VMkernel
  await form.submit();
  await expect(page).toHaveURL(/\/hosts\/\d+$/);

  await new HostPage(page).collectNow();
  await expect(page.getByText("VMware ESXi 7.0.3 build-22348816").first()).toBeVisible({ timeout: 30_000 });

  const chain = page.getByRole("table", { name: "ESXi network chain" });
  await expect(chain).toBeVisible();
  const management = chain.getByRole("row").filter({ hasText: "Management" });
  await expect(management).toContainText("vmnic2");
  await expect(management).toContainText("vSwitch0");
  await expect(management).toContainText("vmk0");
  await expect(management).toContainText("192.168.1.11/24");
  await expect(chain.getByRole("row").filter({ hasText: "WAN network" })).toContainText("VLAN 98");
  await expect(new HostPage(page).interfaces()).toContainText("vmnic0");
  await keepScreenshot(page, testInfo, "host-esxi-replay");
});

test("FreeBSD, macOS, illumos and Windows replay hosts show their NICs and neighbors", async ({ page, playwright }, testInfo) => {
  const request = await apiContext(playwright);
  for (const [i, s] of SETS.entries()) {
    if (!("row" in s)) continue;
    const h = hostFor(i);
    const created = await request.post("/api/hosts", {
      data: { name: `${s.set}-replay`, address: h.address, port: h.port, username: h.username, platform: "auto", privateKey: key },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const run = (await (await request.post(`/api/hosts/${id}/collect`)).json()) as { status: string };
    expect(run.status, s.set).toBe(s.status);

    await page.goto(`/hosts/${id}`);
    const host = new HostPage(page);
    await expect(host.interfaces().getByRole("row").filter({ hasText: s.row }).first()).toContainText(s.text);
    await expect(host.neighbors()).toBeVisible();
    await expect(page.getByRole("table", { name: "ESXi network chain" })).toHaveCount(0);
    await keepScreenshot(page, testInfo, `host-${s.set}-replay`);
  }
  await request.dispose();
});

test("ESXi with jumbo frames on one side only: the finding says which vmknic and vSwitch disagree, and how to fix it", async ({ page, playwright }) => {
  const request = await apiContext(playwright);
  const i = SETS.findIndex((s) => s.set === "esxi-jumbo");
  const h = hostFor(i);
  const created = await request.post("/api/hosts", {
    data: { name: "esxi-jumbo-replay", address: h.address, port: h.port, username: h.username, platform: "esxi", privateKey: key },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  expect(((await (await request.post(`/api/hosts/${id}/collect`)).json()) as { status: string }).status).toBe("partial");
  await request.dispose();

  await page.goto("/findings");
  const finding = page.getByRole("article", { name: "esxi-jumbo-replay: vmk0 uses MTU 9000 on vSwitch0 at 1500" });
  await expect(finding).toBeVisible();
  await expect(finding).toContainText("esxcli network vswitch standard set -v vSwitch0 -m 9000");
});
