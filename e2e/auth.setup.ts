import fs from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { ADMIN, BASE_URL, PORT, STATE_FILE, saveToken } from "./auth";

/** e2e/serve.sh points NETDIAG_DATA_DIR here; the server writes the first-run code into it. */
const SETUP_CODE_FILE = path.resolve(__dirname, `../test-results/e2e-server-${PORT}/setup-code`);

setup("first run: the dashboard asks for an admin account, then works; a token is created in settings", async ({ page, playwright }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to netdiag" })).toBeVisible();
  const code = fs.readFileSync(SETUP_CODE_FILE, "utf8").trim();
  expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

  // Without the code from the server log, or under someone else's DNS name, nobody gets the account.
  const anon = await playwright.request.newContext({ baseURL: BASE_URL, storageState: { cookies: [], origins: [] } });
  const attempt = (setupCode: string, host?: string) =>
    anon.post("/api/auth/setup", {
      data: { username: "mallory", password: "mallory's password", setupCode },
      headers: { origin: host ? `http://${host}` : BASE_URL, ...(host ? { host } : {}) },
    });
  const noCode = await attempt("");
  expect(noCode.status()).toBe(400);
  expect((await noCode.json()).error.fields).toMatchObject({ setupCode: "Enter the setup code from the server log" });
  expect((await attempt("AAAA-BBBB-CCCC-DDDD")).status()).toBe(400);
  const rebound = await attempt(code, "netdiag.attacker.example");
  expect(rebound.status()).toBe(403);
  expect((await rebound.json()).error.code).toBe("host_not_allowed");

  // Too short a password is refused beside the field.
  await page.getByRole("textbox", { name: "Username" }).fill(ADMIN.username);
  await page.getByLabel(/^Password/).fill("short");
  await page.getByLabel(/^Repeat password/).fill("short");
  await page.getByRole("textbox", { name: "Setup code" }).fill(code);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 12 characters", { exact: true }).first()).toBeVisible();
  await expect(page.getByLabel(/^Password/)).toHaveAttribute("aria-invalid", "true");

  // A wrong code is marked on its field.
  await page.getByLabel(/^Password/).fill(ADMIN.password);
  await page.getByLabel(/^Repeat password/).fill(ADMIN.password);
  await page.getByRole("textbox", { name: "Setup code" }).fill("AAAA-BBBB-CCCC-DDDD");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Wrong setup code", { exact: true })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Setup code" })).toHaveAttribute("aria-invalid", "true");

  await page.getByRole("textbox", { name: "Setup code" }).fill(code);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Hosts" })).toBeVisible();
  expect(fs.existsSync(SETUP_CODE_FILE)).toBe(false);

  // Setup is one-time.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login$/);
  expect((await attempt(code)).status()).toBe(409);
  await page.goto("/");

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("textbox", { name: "Token name" }).fill("e2e");
  await page.getByRole("combobox", { name: "Expires after" }).selectOption({ label: "Never" });
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("New token").textContent();
  expect(token).toMatch(/^ndt_[A-Za-z0-9_-]{43}$/);
  saveToken(token!);
  // The "Expires" column (the fifth): "Last used" says never too, so the row alone proves nothing.
  const row = page.getByRole("table", { name: "API tokens" }).getByRole("row", { name: /e2e/ });
  await expect(row.getByRole("cell").nth(4)).toHaveText("never");

  await page.context().storageState({ path: STATE_FILE });
});
