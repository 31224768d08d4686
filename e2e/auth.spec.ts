import { expect, test } from "@playwright/test";
import { ADMIN } from "./auth";

async function login(page: import("@playwright/test").Page, password = ADMIN.password) {
  await page.getByRole("textbox", { name: "Username" }).fill(ADMIN.username);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

test("a page opened without a session lands on login, and returns there after logging in", async ({ page }) => {
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings$/);
  await expect(page.getByRole("heading", { name: "Log in to netdiag" })).toBeVisible();
  await login(page);
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
});

test("a wrong password says so and does not log in", async ({ page }) => {
  await page.goto("/login");
  await login(page, "not the password at all");
  await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password" })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("logging out ends the session: pages send you back to login", async ({ page }) => {
  await page.goto("/login");
  await login(page);
  await expect(page.getByRole("heading", { name: "Hosts" })).toBeVisible();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/hosts/new");
  await expect(page).toHaveURL(/\/login\?next=%2Fhosts%2Fnew$/);
});

test("an offsite next= is not followed after login", async ({ page }) => {
  await page.goto("/login?next=//evil.example/");
  await login(page);
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
});
