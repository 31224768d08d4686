import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { apiContext } from "./auth";
import { readLab } from "./lab";
import { HostFormPage } from "./pages";

// "Test connection" on the host form: reachability, login, platform and the host key, with
// nothing saved; the confirmed key is pinned when the host is saved.
const lab = readLab();
const key = fs.readFileSync(lab.clientKeyPath, "utf8");

test("test connection shows the lab host's fingerprint before anything is saved; confirming pins it", async ({ page, playwright }) => {
  const api = await apiContext(playwright);
  const count = async () => ((await (await api.get("/api/hosts")).json()).items as unknown[]).length;
  const before = await count();
  const h = lab.hosts[lab.hosts.length - 1]!;
  const expected = (h as unknown as { hostKeyFingerprint: string }).hostKeyFingerprint;
  expect(expected).toMatch(/^SHA256:/);

  const form = new HostFormPage(page);
  await form.open();
  await form.fill({ name: "", address: h.address, port: h.port, username: h.username, privateKey: key });
  // Wrong port first: the reason, no key, nothing saved.
  await form.field("Port").fill("2");
  await page.getByRole("button", { name: "Test connection" }).click();
  const result = page.getByRole("status", { name: "Connection test result" });
  await expect(result).toContainText(`Could not collect ${h.address}:2`);
  await expect(result).toContainText("refused");

  await form.field("Port").fill(String(h.port));
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(result).toContainText(`Logged in to ${h.address}:${h.port} as a linux host`);
  await expect(result).toContainText(expected);
  expect(await count()).toBe(before);

  await form.field("Name").fill("tc-confirmed");
  await result.getByRole("checkbox", { name: /I compared it/ }).check();
  await form.submit();
  await expect(page).toHaveURL(/\/hosts\/\d+$/);
  const id = Number(page.url().split("/").pop());
  // Pinned before any collection: the first collection checks it instead of trusting on first use.
  expect(await (await api.get(`/api/hosts/${id}`)).json()).toMatchObject({ hostKeyFingerprint: expected, lastRun: null });
  expect((await api.delete(`/api/hosts/${id}`)).status()).toBe(204);
});

test("the API refuses a test without credentials, and a malformed fingerprint on create", async ({ playwright }) => {
  const api = await apiContext(playwright);
  const h = lab.hosts[0]!;
  const noKey = await api.post("/api/hosts/test-connection", { data: { address: h.address, username: "root" } });
  expect(noKey.status()).toBe(400);
  expect((await noKey.json()).error.fields).toMatchObject({ privateKey: expect.any(String) });
  const bad = await api.post("/api/hosts", { data: { name: "tc-bad-fp", address: h.address, username: "root", privateKey: key, hostKeyFingerprint: "MD5:aa" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.fields).toMatchObject({ hostKeyFingerprint: expect.any(String) });
});

test("netdiag's own key: installed on a lab host with the command the form shows, it tests and collects", async ({ page, playwright }) => {
  const api = await apiContext(playwright);
  const h = lab.hosts[0]!;
  const form = new HostFormPage(page);
  await form.open();
  await form.fill({ name: "tc-netdiag-key", address: h.address, port: h.port, username: h.username, privateKey: key });
  await page.getByRole("radio", { name: "netdiag's own key" }).check();
  const command = (await page.getByLabel("netdiag's public key").locator("code").innerText()).trim();
  const publicKey = /'(ssh-ed25519 [A-Za-z0-9+/=]+ netdiag)'/.exec(command)?.[1];
  expect(publicKey, command).toBeDefined();
  // The user's step, on the lab's lean hosts: their sshd reads one authorized_keys file.
  const authorized = path.join(path.dirname(lab.clientKeyPath), "authorized_keys");
  const original = fs.readFileSync(authorized, "utf8");
  fs.appendFileSync(authorized, `${publicKey}\n`);
  try {
    await page.getByRole("button", { name: "Test connection" }).click();
    const result = page.getByRole("status", { name: "Connection test result" });
    await expect(result).toContainText(`Logged in to ${h.address}:${h.port} as a linux host`);
    await form.submit();
    await expect(page).toHaveURL(/\/hosts\/\d+$/);
    const id = Number(page.url().split("/").pop());
    const host = await (await api.get(`/api/hosts/${id}`)).json();
    expect(host).toMatchObject({ useNetdiagKey: true, hasPrivateKey: false, hasPassword: false });
    expect((await (await api.post(`/api/hosts/${id}/collect`)).json()).status).toBe("ok");
    expect((await api.delete(`/api/hosts/${id}`)).status()).toBe(204);
  } finally {
    fs.writeFileSync(authorized, original);
  }
  // Without it installed the same host refuses netdiag's key: the test says so.
  await form.open();
  await form.fill({ name: "", address: h.address, port: h.port, username: h.username, privateKey: key });
  await page.getByRole("radio", { name: "netdiag's own key" }).check();
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status", { name: "Connection test result" })).toContainText("Could not collect");
});
