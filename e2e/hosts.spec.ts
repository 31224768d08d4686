import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { apiContext } from "./auth";
import { readLab } from "./lab";
import { HostFormPage, HostPage, keepScreenshot } from "./pages";

const lab = readLab();
const key = fs.readFileSync(lab.clientKeyPath, "utf8");

test("a bad address is refused with an error beside the field, and nothing is saved", async ({ page }) => {
  const form = new HostFormPage(page);
  await form.open();
  await form.fill({ name: "typo-host", address: "10.0.0.300", privateKey: key });
  await form.submit();

  const address = form.field("Address");
  await expect(address).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Not an IPv4/IPv6 address or DNS name")).toBeVisible();
  await expect(page).toHaveURL(/\/hosts\/new$/);

  await page.goto("/");
  await expect(page.getByRole("link", { name: "typo-host" })).toHaveCount(0);
});

test("a lab host added through the form is collected over SSH and its NICs and neighbors are shown", async ({ page }, testInfo) => {
  const observer = lab.hosts.find((h) => h.roles.includes("dupmac-observer")) ?? lab.hosts[0]!;
  const form = new HostFormPage(page);
  await form.open();
  await form.fill({ name: observer.name, address: observer.address, port: observer.port, username: observer.username, privateKey: key });
  await form.submit();

  await expect(page).toHaveURL(/\/hosts\/\d+$/);
  await expect(page.getByRole("heading", { name: observer.name, level: 1 })).toBeVisible();

  const host = new HostPage(page);
  await host.collectNow();
  await expect(page.getByText(/Collected \(ok\)/)).toBeVisible({ timeout: 30_000 });

  // Its real NICs, with the MACs and MTUs the lab gave them.
  for (const nic of observer.interfaces) {
    const row = host.interfaces().getByRole("row").filter({ hasText: nic.mac });
    await expect(row).toContainText(nic.name);
    await expect(row).toContainText(String(nic.mtu));
  }
  // Its neighbor table lists the other lab hosts it pinged.
  for (const peer of lab.hosts.filter((h) => h !== observer).slice(0, 3)) {
    await expect(host.neighbors().getByRole("row").filter({ hasText: peer.address }).first()).toBeVisible();
  }
  // Identity as collected: the lab host's own hostname and a pinned SHA-256 key.
  const identity = page.getByRole("definition");
  await expect(identity.filter({ hasText: observer.hostname })).toHaveText(observer.hostname);
  await expect(identity.filter({ hasText: /SHA256:[A-Za-z0-9+/]{43}/ })).toBeVisible();
  await keepScreenshot(page, testInfo, "host-page");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Hosts" }).click();
  const card = page.getByRole("list", { name: "Hosts" }).getByRole("listitem").filter({ hasText: observer.name });
  await expect(card).toContainText("ok");
  await keepScreenshot(page, testInfo, "overview");
});

test("neighbors can be filtered by interface", async ({ page, playwright }) => {
  const request = await apiContext(playwright);
  // Set up through the JSON API (as a script would), then use the page.
  const observer = lab.hosts.find((h) => h.roles.includes("dupmac-observer"))!;
  const created = await request.post("/api/hosts", {
    data: { name: `filter-${observer.name}`, address: observer.address, port: observer.port, username: observer.username, privateKey: key },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  expect((await (await request.post(`/api/hosts/${id}/collect`)).json()).status).toBe("ok");

  await page.goto(`/hosts/${id}`);
  const host = new HostPage(page);
  await expect(host.neighbors()).toBeVisible();
  const all = await host.neighbors().getByRole("row").count();
  await page.getByRole("combobox", { name: "Interface", exact: true }).selectOption("eth1");
  await expect(async () => {
    const rows = host.neighbors().getByRole("row");
    const n = await rows.count();
    expect(n).toBeLessThan(all);
    expect(n).toBeGreaterThan(1);
  }).toPass();
  for (const row of await host.neighbors().getByRole("row").all()) {
    const text = await row.textContent();
    if (text?.includes("10.")) expect(text).toContain("eth1");
  }
});
