import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, BASE_URL, PORT, STATE_FILE, apiContext } from "./auth";

async function login(page: Page, password = ADMIN.password) {
  await page.getByRole("textbox", { name: "Username" }).fill(ADMIN.username);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

test("a page opened without a session lands on login, and returns there after logging in", async ({ page }) => {
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings$/);
  await expect(page.getByRole("heading", { name: "Log in to netdiag" })).toBeVisible();
  // Signed out, the app's navigation would only lead back here: it is not shown.
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await login(page);
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
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

test("ten wrong passwords sent at once from one machine: five are checked, the other five refused", async () => {
  // Each attempt is counted before its password is hashed, so none of them waits its turn past the limit.
  const statuses = await Promise.all(
    Array.from({ length: 10 }, (_, i) => loginFrom("127.0.0.3", { username: ADMIN.username, password: `burst-${i}` })),
  );
  expect(statuses.sort()).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
});

/** A second browser, signed in on its own. */
async function signedIn(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE_URL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await login(page);
  await expect(page.getByRole("heading", { name: "Hosts" })).toBeVisible();
  return page;
}

/**
 * The tests below end every other session, the one auth.setup.ts saved for the other specs
 * included: a fresh one is saved in its place.
 */
async function saveSharedSession(page: Page) {
  await page.goto("/login");
  await login(page);
  await expect(page.getByRole("heading", { name: "Hosts" })).toBeVisible();
  await page.context().storageState({ path: STATE_FILE });
}

async function changePassword(page: Page, current: string, next: string) {
  const form = page.getByRole("form", { name: "Change password" });
  await form.getByLabel(/^Current password/).fill(current);
  await form.getByLabel(/^New password/).fill(next);
  await form.getByLabel(/^Repeat new password/).fill(next);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText(/^Password changed\. \d+ other sessions? (was|were) logged out\.$/);
}

test("changing the password logs the other browser out, and the old password stops working", async ({ page, browser }) => {
  const NEW_PASSWORD = "e2e another horse battery";
  const other = await signedIn(browser);
  await page.goto("/login?next=/settings");
  await login(page);
  await changePassword(page, ADMIN.password, NEW_PASSWORD);

  await page.reload();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await other.goto("/settings");
  await expect(other).toHaveURL(/\/login\?next=%2Fsettings$/);
  await login(other, ADMIN.password);
  await expect(other.getByRole("alert").filter({ hasText: "Wrong username or password" })).toBeVisible();
  await login(other, NEW_PASSWORD);
  await expect(other.getByRole("heading", { name: "Settings" })).toBeVisible();

  await changePassword(page, NEW_PASSWORD, ADMIN.password);
  await other.context().close();
  await saveSharedSession(page);
});

test("log out everywhere ends the session in every browser; API tokens keep working", async ({ page, browser, playwright }) => {
  const other = await signedIn(browser);
  await page.goto("/login?next=/settings");
  await login(page);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Log out everywhere" }).click();
  await expect(page).toHaveURL(/\/login$/);

  await other.goto("/settings");
  await expect(other).toHaveURL(/\/login\?next=%2Fsettings$/);
  const script = await apiContext(playwright);
  expect((await script.get("/api/hosts")).status()).toBe(200);
  await other.context().close();
  await saveSharedSession(page);
});

/** The database e2e/serve.sh made for this run. */
const DB_FILE = path.resolve(__dirname, `../test-results/e2e-server-${PORT}/netdiag.db`);

/** Thirty days cannot pass in a test: the token's expiry is moved to when it was created. */
function expireToken(name: string) {
  const db = new Database(DB_FILE);
  try {
    expect(db.prepare(`UPDATE "ApiToken" SET "expiresAt" = "createdAt" WHERE "name" = ?`).run(name).changes).toBe(1);
  } finally {
    db.close();
  }
}

test("a token's expiry is shown; once past it the API refuses the token with 401 JSON", async ({ page, playwright }) => {
  await page.goto("/login?next=/settings");
  await login(page);
  await page.getByRole("textbox", { name: "Token name" }).fill("expiring");
  await page.getByRole("combobox", { name: "Expires after" }).selectOption({ label: "30 days" });
  const created = Date.now();
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByLabel("New token").textContent()) ?? "";
  // The "Expires" column (the fifth).
  const expires = page.getByRole("table", { name: "API tokens" }).getByRole("row", { name: /expiring/ }).getByRole("cell").nth(4);
  // "in 29 d", or the date when rendered within half a second of creation (30 d rounds to the date format).
  await expect(expires).toHaveText(/^(in 29 d|2\d{3}-\d\d-\d\d \d\d:\d\d UTC)$/);
  const expiresAt = Date.parse((await expires.getByRole("time").getAttribute("datetime")) ?? "");
  expect(Math.abs(expiresAt - created - 30 * 86_400_000)).toBeLessThan(60_000);

  const script = await apiContext(playwright, token);
  expect((await script.get("/api/hosts")).status()).toBe(200);
  expireToken("expiring");
  const refused = await script.get("/api/hosts");
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toMatchObject({ code: "token_expired", message: expect.stringMatching(/expired/) });
  await page.reload();
  await expect(expires).toHaveText("expired");
});
