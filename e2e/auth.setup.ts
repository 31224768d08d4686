import { expect, test as setup } from "@playwright/test";
import { ADMIN, STATE_FILE, saveToken } from "./auth";

setup("first run: the dashboard asks for an admin account, then works; a token is created in settings", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to netdiag" })).toBeVisible();

  // Too short a password is refused beside the field.
  await page.getByRole("textbox", { name: "Username" }).fill(ADMIN.username);
  await page.getByLabel(/^Password/).fill("short");
  await page.getByLabel(/^Repeat password/).fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 12 characters", { exact: true }).first()).toBeVisible();
  await expect(page.getByLabel(/^Password/)).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel(/^Password/).fill(ADMIN.password);
  await page.getByLabel(/^Repeat password/).fill(ADMIN.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Hosts" })).toBeVisible();

  // Setup is one-time.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("textbox", { name: "Token name" }).fill("e2e");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("New token").textContent();
  expect(token).toMatch(/^ndt_[A-Za-z0-9_-]{43}$/);
  saveToken(token!);
  await expect(page.getByRole("table", { name: "API tokens" })).toContainText("e2e");

  await page.context().storageState({ path: STATE_FILE });
});
