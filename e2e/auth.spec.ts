import http from "node:http";
import { expect, test } from "@playwright/test";
import { ADMIN, BASE_URL, PORT } from "./auth";

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

/**
 * A login POST from another loopback address (the server listens on 127.0.0.1; Linux routes all
 * of 127/8 to lo), so this machine can be "another client" without Playwright's cookies or the
 * address everyone else's logins come from.
 */
function loginFrom(localAddress: string, body: object, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        localAddress,
        method: "POST",
        path: "/api/auth/login",
        headers: { "content-type": "application/json", origin: BASE_URL, ...headers },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

test("a made-up X-Forwarded-For does not dodge the limit, and another machine's failures do not lock the admin out", async ({ page }) => {
  for (let i = 1; i <= 5; i++) {
    expect(await loginFrom("127.0.0.2", { username: ADMIN.username, password: `guess-${i}` }, { "x-forwarded-for": `192.0.2.${i}` }), `guess ${i}`).toBe(401);
  }
  expect(await loginFrom("127.0.0.2", { username: ADMIN.username, password: "guess-6" }, { "x-forwarded-for": "198.51.100.1" })).toBe(429);
  // The admin, from the usual address, still gets in.
  await page.goto("/login");
  await login(page);
  await expect(page.getByRole("heading", { name: "Hosts" })).toBeVisible();
});

test("a session cookie that is not valid percent-encoding is treated as none: 401 for the API, login for pages", async ({ playwright }) => {
  const anon = await playwright.request.newContext({ baseURL: BASE_URL, storageState: { cookies: [], origins: [] } });
  const cookie = "netdiag_session=%E0%A4%A";
  const api = await anon.get("/api/hosts", { headers: { cookie } });
  expect(api.status()).toBe(401);
  expect((await api.json()).error.code).toBe("unauthorized");
  const page = await anon.get("/settings", { headers: { cookie }, maxRedirects: 0 });
  expect(page.status()).toBe(303);
  expect(page.headers()["location"]).toMatch(/\/login\?next=%2Fsettings$/);
});

test("the password form marks a wrong current password, and changes nothing", async ({ page }) => {
  await page.goto("/login?next=/settings");
  await login(page);
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  const form = page.getByRole("form", { name: "Change password" });
  await form.getByLabel(/^Current password/).fill("not the password at all");
  await form.getByLabel(/^New password/).fill("a different password 1");
  await form.getByLabel(/^Repeat new password/).fill("a different password 1");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("Wrong password", { exact: true })).toBeVisible();
  await expect(form.getByLabel(/^Current password/)).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("button", { name: "Log out everywhere" })).toBeVisible();
  // Still the old password (logging in again works with it).
  await page.getByRole("button", { name: "Log out", exact: true }).click();
  await login(page);
  await expect(page.getByRole("heading", { name: "Hosts" })).toBeVisible();
});
