import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { apiContext } from "./auth";
import { readLab } from "./lab";

// Import from an OpenSSH client config on the real lab: preview (duplicates left unticked,
// problems on their lines), nothing saved before Import, then the imported hosts collect.
const lab = readLab();
const key = fs.readFileSync(lab.clientKeyPath, "utf8");
const [a, b] = lab.hosts;
if (!a || !b) throw new Error("the lab has fewer than two hosts");

const config = [
  "# netdiag e2e",
  "Host *",
  "  ServerAliveInterval 30",
  "Host imp-a",
  `  HostName ${a.address}`,
  `  Port ${a.port}`,
  `  User ${a.username}`,
  "  IdentityFile ~/.ssh/id_lab",
  "Host imp-b",
  `  HostName ${b.address}`,
  `  Port ${b.port}`,
  `  User ${b.username}`,
  "  ProxyJump bastion",
  "Host imp-again",
  `  HostName ${a.address}`,
  `  Port ${a.port}`,
  "Host *.internal",
  "  User admin",
  "",
].join("\n");

test("an ssh_config becomes hosts: preview, duplicates unticked, problems by line, import, collect", async ({ page, playwright }) => {
  test.setTimeout(90_000);
  const api = await apiContext(playwright);
  const before = ((await (await api.get("/api/hosts")).json()).items as { name: string }[]).map((h) => h.name);
  expect(before).not.toContain("imp-a");

  await page.goto("/");
  await page.getByRole("link", { name: "Import hosts" }).click();
  await expect(page.getByRole("heading", { name: "Import hosts", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("Paste or upload the file first")).toBeVisible();

  await page.getByLabel("Text").fill(config);
  await page.getByRole("button", { name: "Preview" }).click();
  const table = page.getByRole("table", { name: "Hosts to import" });
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(page.getByRole("heading", { name: /^3 hosts found, 1 problem; nothing is saved until you import$/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Problems" })).toContainText("line 13");
  await expect(page.getByRole("list", { name: "Problems" })).toContainText("ProxyJump");
  // Other specs share this server and may have registered the same lab hosts under their own
  // names: then a row is flagged as an address netdiag has already, and starts unticked.
  const existing = (await (await api.get("/api/hosts")).json()).items as { address: string; port: number }[];
  for (const [name, h] of [
    ["imp-a", a],
    ["imp-b", b],
  ] as const) {
    const box = page.getByRole("checkbox", { name: `Import ${name}`, exact: true });
    const taken = existing.some((e) => e.address === h.address && e.port === h.port);
    if (taken) {
      await expect(box).not.toBeChecked();
      await expect(table.getByRole("row", { name: new RegExp(`^Import ${name} ${name} `) })).toContainText("at this address");
      await box.check();
    }
    await expect(box).toBeChecked();
  }
  // The same address and port as imp-a: flagged and left out unless ticked.
  await expect(page.getByRole("checkbox", { name: "Import imp-again" })).not.toBeChecked();
  await expect(table.getByRole("row", { name: /imp-again/ })).toContainText("same address as imp-a (line 4)");
  await expect(table.getByRole("row", { name: /imp-a\b/ }).first()).toContainText("~/.ssh/id_lab");
  // Still nothing saved.
  expect(((await (await api.get("/api/hosts")).json()).items as { name: string }[]).map((h) => h.name)).not.toContain("imp-a");

  // Every imported host goes to one site (a remote site's hosts are imported in their own group).
  await expect(page.getByLabel("Site")).toHaveValue("default");
  await page.getByLabel("Site").fill("Parents house!");
  await page.getByRole("button", { name: "Import 2 hosts" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Check the fields marked below" })).toBeVisible();
  await expect(page.getByText("Paste the private key netdiag should log in with")).toBeVisible();
  await expect(page.getByText("Use lower-case letters, digits, dots, dashes or underscores (at most 40)")).toBeVisible();
  await page.getByLabel("Site").fill("imported");
  await page.getByLabel("Private key").fill(key);
  await page.getByRole("button", { name: "Import 2 hosts" }).click();
  const status = page.getByRole("status").filter({ hasText: "Imported 2 hosts" });
  await expect(status).toBeVisible();

  const hosts = (await (await api.get("/api/hosts")).json()).items as { id: number; name: string; address: string; port: number; username: string; site: string }[];
  const imported = hosts.filter((h) => h.name === "imp-a" || h.name === "imp-b");
  expect(imported.map((h) => [h.name, h.address, h.port, h.username, h.site]).sort()).toEqual(
    [
      ["imp-a", a.address, a.port, a.username, "imported"],
      ["imp-b", b.address, b.port, b.username, "imported"],
    ].sort(),
  );
  for (const h of imported) {
    const run = await (await api.post(`/api/hosts/${h.id}/collect`)).json();
    expect([h.name, run.status, run.error]).toEqual([h.name, "ok", null]);
  }
  await status.getByRole("link", { name: "imp-a" }).click();
  await expect(page).toHaveURL(new RegExp(`/hosts/${imported.find((h) => h.name === "imp-a")!.id}$`));

  // Imported once: a second preview flags both as existing hosts.
  await page.goto("/hosts/import");
  await page.getByLabel("Text").fill(config);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("checkbox", { name: "Import imp-a", exact: true })).not.toBeChecked();
  await expect(page.getByRole("table", { name: "Hosts to import" }).getByRole("row", { name: /imp-b/ })).toContainText("already a host of this name");

  // The other specs share this server: the lab hosts stay registered once under their names.
  for (const h of imported) expect((await api.delete(`/api/hosts/${h.id}`)).status()).toBe(204);
});

test("the import API: an Ansible inventory previews with group vars; bad bodies are 400 JSON naming the field", async ({ playwright }) => {
  const api = await apiContext(playwright);
  const inventory = ["[lab]", `inv-a ansible_host=${a.address} ansible_port=${a.port}`, "", "[lab:vars]", `ansible_user=${a.username}`, ""].join("\n");
  const preview = await api.post("/api/hosts/import/preview", { data: { source: "ansible", text: inventory } });
  expect(preview.status()).toBe(200);
  const body = await preview.json();
  expect(body.drafts.map((d: { name: string; address: string; port: number; username: string }) => [d.name, d.address, d.port, d.username])).toEqual([["inv-a", a.address, a.port, a.username]]);
  const hostsAfter = ((await (await api.get("/api/hosts")).json()).items as { name: string }[]).map((h) => h.name);
  expect(hostsAfter).not.toContain("inv-a");

  const bad = await api.post("/api/hosts/import/preview", { data: { source: "puppet", text: "x" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatchObject({ code: "validation", fields: { source: expect.any(String) } });
  const noKey = await api.post("/api/hosts/import", { data: { hosts: [{ name: "inv-a", address: a.address, port: a.port, username: a.username }] } });
  expect(noKey.status()).toBe(400);
  expect((await noKey.json()).error.fields).toHaveProperty("privateKey");
  const badRow = await api.post("/api/hosts/import", { data: { hosts: [{ name: "inv-b", address: "a b;c", port: 22, username: "root" }], privateKey: key } });
  expect(badRow.status()).toBe(400);
  expect((await badRow.json()).error.fields).toHaveProperty(["hosts.0.address"]);
});
