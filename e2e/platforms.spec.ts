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

const SETS = [
  { set: "esxi-7", platform: "esxi" },
  { set: "freebsd", platform: "freebsd", row: "ix0", text: "9000" },
  { set: "darwin", platform: "darwin", row: "en0", text: "f0:18:98:03:d9:30" },
  { set: "illumos", platform: "illumos", row: "bge0", text: "a0:42:3f:42:91:50" },
  { set: "windows", platform: "windows", row: "Ethernet 2", text: "00:15:5d:83:26:06" },
] as const;
const hostFor = (i: number) => lab.hosts[i]!;

test.beforeAll(() => SETS.forEach(({ set }, i) => replay(hostFor(i).name, set)));
test.afterAll(() => SETS.forEach((_s, i) => replay(hostFor(i).name, "--off")));

test("an ESXi host set on the form is collected with esxcli and shows its vmnic -> vSwitch -> portgroup -> vmknic chain", async ({ page }, testInfo) => {
  const h = hostFor(0);
  const form = new HostFormPage(page);
  await form.open();
  await form.fill({ name: "esxi-replay", address: h.address, port: h.port, username: h.username, privateKey: key });
  await page.getByRole("combobox", { name: "Platform" }).selectOption("esxi");
  await form.submit();
  await expect(page).toHaveURL(/\/hosts\/\d+$/);

  await new HostPage(page).collectNow();
  // partial: hostname, kernel and release have no real capture to replay, and the run says so
  await expect(page.getByText("Some output not understood").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/vmware -vl: exit 127: vmware: not found \(replay set esxi-7/).first()).toBeVisible();
  await expect(page.getByText("VMware ESXi")).toBeVisible();

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
      data: { name: `${s.set}-replay`, address: h.address, port: h.port, username: h.username, platform: s.platform, privateKey: key },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const run = (await (await request.post(`/api/hosts/${id}/collect`)).json()) as { status: string };
    expect(run.status, s.set).toBe("partial");

    await page.goto(`/hosts/${id}`);
    const host = new HostPage(page);
    await expect(host.interfaces().getByRole("row").filter({ hasText: s.row }).first()).toContainText(s.text);
    await expect(host.neighbors()).toBeVisible();
    await expect(page.getByRole("table", { name: "ESXi network chain" })).toHaveCount(0);
    await keepScreenshot(page, testInfo, `host-${s.set}-replay`);
  }
  await request.dispose();
});
