import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { BASE_URL, apiContext } from "./auth";
import { readLab } from "./lab";
import { HostFormPage } from "./pages";

const lab = readLab();
const key = fs.readFileSync(lab.clientKeyPath, "utf8");
const target = lab.hosts[1]!;
const good = { name: "sec-host", address: target.address, port: target.port, username: target.username, privateKey: key };

const PUBLIC = new Set(["GET /api/health", "POST /api/auth/login", "POST /api/auth/setup"]);

/** Every route handler under app/api, found on disk so a new route cannot be forgotten. */
function apiRoutes(): { method: string; path: string }[] {
  const root = path.resolve(__dirname, "../app/api");
  const out: { method: string; path: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts") {
        const url = "/api" + path.relative(root, dir).split(path.sep).map((s) => (s.startsWith("[") ? "1" : s)).map((s) => `/${s}`).join("").replace(/\/$/, "");
        for (const m of fs.readFileSync(p, "utf8").matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)) {
          out.push({ method: m[1]!, path: url });
        }
      }
    }
  };
  walk(root);
  return out;
}

test("every API route answers 401 JSON without credentials", async ({ playwright }) => {
  // Explicitly empty: the project's signed-in storage state must not leak into this client.
  const anon = await playwright.request.newContext({ baseURL: BASE_URL, storageState: { cookies: [], origins: [] } });
  const routes = apiRoutes();
  expect(routes.length).toBeGreaterThan(10);
  for (const r of routes) {
    if (PUBLIC.has(`${r.method} ${r.path}`)) continue;
    const res = await anon.fetch(r.path, { method: r.method, data: r.method === "GET" || r.method === "DELETE" ? undefined : {} });
    expect(res.status(), `${r.method} ${r.path}`).toBe(401);
    expect((await res.json()).error.code, `${r.method} ${r.path}`).toBe("unauthorized");
  }
  // Tokens that do not exist, or are malformed, are no better than none.
  for (const auth of ["Bearer ndt_nope", "Bearer ", "Basic YWRtaW46YWRtaW4="]) {
    expect((await anon.get("/api/hosts", { headers: { authorization: auth } })).status(), auth).toBe(401);
  }
});

test("/metrics answers only an API token: 401 JSON without one or with a browser session, the Prometheus text with one", async ({ page, playwright }) => {
  const anon = await playwright.request.newContext({ baseURL: BASE_URL, storageState: { cookies: [], origins: [] } });
  const refused = await anon.get("/metrics", { maxRedirects: 0 });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("unauthorized");
  // Signed in in the browser is not enough: a scraper is a machine with its own token.
  await page.goto("/");
  const session = await page.request.get("/metrics", { maxRedirects: 0 });
  expect(session.status()).toBe(401);
  const scraped = await (await apiContext(playwright)).get("/metrics");
  expect(scraped.status()).toBe(200);
  expect(scraped.headers()["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
  expect(scraped.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(await scraped.text()).toMatch(/^# TYPE netdiag_hosts gauge$/m);
});

test("a token works on every kind of route until it is revoked", async ({ playwright }) => {
  const admin = await apiContext(playwright);
  const created = await admin.post("/api/tokens", { data: { name: "short-lived" } });
  expect(created.status()).toBe(201);
  const { id, token } = await created.json();
  const tmp = await apiContext(playwright, token);
  expect((await tmp.get("/api/hosts")).status()).toBe(200);
  expect((await tmp.post("/api/collect")).status()).toBe(200);
  const listed = (await (await admin.get("/api/tokens")).json()).items;
  expect(listed.find((t: { id: number }) => t.id === id)).toMatchObject({ name: "short-lived" });
  expect(JSON.stringify(listed)).not.toContain(token);

  expect((await admin.delete(`/api/tokens/${id}`)).status()).toBe(204);
  expect((await tmp.get("/api/hosts")).status()).toBe(401);
});

test("a cookie-authenticated change from another site is refused with 403", async ({ page }) => {
  await page.goto("/");
  const res = await page.request.post("/api/collect", { headers: { origin: "http://evil.example" } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe("cross_site");
  // The same request from the app's own origin is fine.
  expect((await page.request.post("/api/collect", { headers: { origin: BASE_URL } })).status()).toBe(200);
});

test("pages and API answers carry the security headers; production CSP has no unsafe-eval", async ({ page, playwright }) => {
  const res = await page.goto("/");
  const csp = res!.headers()["content-security-policy"]!;
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toContain("unsafe-eval");
  expect(res!.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res!.headers()["referrer-policy"]).toBe("same-origin");
  const api = await (await apiContext(playwright)).get("/api/hosts");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
});

async function hostsSnapshot(api: APIRequestContext) {
  const items = (await (await api.get("/api/hosts")).json()).items as { id: number; name: string; address: string; port: number; username: string }[];
  return items.map((h) => `${h.id}|${h.name}|${h.address}|${h.port}|${h.username}`).sort();
}

const SHELL = ["a;reboot", "$(id)", "`id`", "x\nrm -rf /", "a|nc", "a&&b", "a>b", "'quoted'", "\"dq\"", "a\\b"];

test("40+ kinds of bad host input are refused with a clear 4xx, change nothing, and never reach a host", async ({ playwright }) => {
  const api = await apiContext(playwright);
  // A legitimate collection first, so the lab's command audit has something to compare with.
  const legit = await api.post("/api/hosts", { data: good });
  expect(legit.status()).toBe(201);
  const legitId = (await legit.json()).id as number;
  expect((await (await api.post(`/api/hosts/${legitId}/collect`)).json()).status).toBe("ok");
  const before = await hostsSnapshot(api);

  const long = "x".repeat(10_000);
  type Case = [string, () => Promise<import("@playwright/test").APIResponse>, number];
  const post = (data: unknown): Promise<import("@playwright/test").APIResponse> => api.post("/api/hosts", { data });
  const patch = (data: unknown) => api.patch(`/api/hosts/${legitId}`, { data });
  const raw = (body: Buffer) => api.post("/api/hosts", { data: body, headers: { "content-type": "application/json" } });
  const cases: Case[] = [
    ...SHELL.map((s): Case => [`name ${JSON.stringify(s)}`, () => post({ ...good, name: s }), 400]),
    ...SHELL.map((s): Case => [`address ${JSON.stringify(s)}`, () => post({ ...good, address: s }), 400]),
    // A backslash is legal in usernames (Windows DOMAIN\user), so it is not a bad case there.
    ...SHELL.filter((s) => s !== "a\\b").map((s): Case => [`username ${JSON.stringify(s)}`, () => post({ ...good, username: s }), 400]),
    ["port 0", () => post({ ...good, port: 0 }), 400],
    ["port 65536", () => post({ ...good, port: 65536 }), 400],
    ["port -22", () => post({ ...good, port: -22 }), 400],
    ["port 22.5", () => post({ ...good, port: 22.5 }), 400],
    ["port as string", () => post({ ...good, port: "22" }), 400],
    ["port null", () => post({ ...good, port: null }), 400],
    ["10 kB name", () => post({ ...good, name: long }), 400],
    ["10 kB address", () => post({ ...good, address: long }), 400],
    ["10 kB username", () => post({ ...good, username: long }), 400],
    ["20 kB private key", () => post({ ...good, privateKey: long + long }), 400],
    ["name as number", () => post({ ...good, name: 42 }), 400],
    ["address as array", () => post({ ...good, address: ["10.0.0.1"] }), 400],
    ["username as object", () => post({ ...good, username: { $ne: "" } }), 400],
    ["body as array", () => post([good]), 400],
    ["body as string", () => post("hello"), 400],
    ["unknown field", () => post({ ...good, command: "reboot" }), 400],
    ["malformed key", () => post({ ...good, privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----" }), 400],
    ["public key as private", () => post({ ...good, privateKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl a@b" }), 400],
    ["key and password", () => post({ ...good, password: "both-given-123" }), 400],
    ["no credential", () => post({ ...good, privateKey: "" }), 400],
    ["unknown platform", () => post({ ...good, platform: "amiga" }), 400],
    ["invalid UTF-8", () => raw(Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])), 400],
    ["truncated JSON", () => raw(Buffer.from('{"name": "x", "address":')), 400],
    ["duplicate name", () => post({ ...good }), 409],
    ["edit: shell in name", () => patch({ name: "$(reboot)" }), 400],
    ["edit: unknown field", () => patch({ hostKeyFingerprint: "SHA256:attacker" }), 400],
    ["edit: port too big", () => patch({ port: 99999 }), 400],
    ["edit unknown host", () => api.patch("/api/hosts/999999", { data: { name: "ok-name" } }), 404],
    ["id with shell", () => api.get("/api/hosts/1;reboot"), 400],
    ["accept a made-up host key", () => api.post(`/api/hosts/${legitId}/host-key`, { data: { accept: true, fingerprint: "SHA256:" + "A".repeat(43) } }), 409],
    ["accept without fingerprint", () => api.post(`/api/hosts/${legitId}/host-key`, { data: { accept: true } }), 400],
  ];
  expect(cases.length).toBeGreaterThanOrEqual(40);
  for (const [name, call, status] of cases) {
    const res = await call();
    expect(res.status(), name).toBe(status);
    const err = (await res.json()).error;
    expect(err.message.length, name).toBeGreaterThan(10);
  }
  expect(await hostsSnapshot(api)).toEqual(before);

  // The lab's sshd logs every command it runs (lab/sshd-cmdlog.sh): none carries user text.
  const logs = path.join(path.dirname(lab.clientKeyPath), "logs");
  const lines = fs.readdirSync(logs).flatMap((f) => fs.readFileSync(path.join(logs, f), "utf8").split("\n")).filter((l) => l.startsWith("lab-exec:"));
  expect(lines.length).toBeGreaterThan(0);
  // The audit escapes newlines as \n; every other marker is logged as sent.
  for (const marker of ["reboot", "rm -rf", ...SHELL.filter((m) => !m.includes("\n"))]) {
    expect(lines.filter((l) => l.includes(marker)), marker).toEqual([]);
  }
});

test("the host form shows which field is wrong for shell syntax and nothing is saved", async ({ page, playwright }) => {
  const api = await apiContext(playwright);
  const before = await hostsSnapshot(api);
  const form = new HostFormPage(page);
  for (const [field, value, message] of [
    ["Name", "a;reboot", "Use letters, digits, spaces, dots, dashes or underscores"],
    ["Address", "$(id)", "Not an IPv4/IPv6 address or DNS name"],
    ["SSH user", "`id`", "Use letters, digits and . _ - @ \\ only (at most 64)"],
  ] as const) {
    await form.open();
    await form.fill({ ...good, name: "form-case" });
    await form.field(field).fill(value);
    await form.submit();
    await expect(form.field(field)).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(message)).toBeVisible();
  }
  expect(await hostsSnapshot(api)).toEqual(before);
});

test("secrets never reach the browser: not in the API, not in the host page", async ({ page, playwright }) => {
  const api = await apiContext(playwright);
  const created = await api.post("/api/hosts", { data: { ...good, name: "secret-check", passphrase: undefined } });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const keyLine = key.split("\n")[1]!;
  expect(await (await api.get(`/api/hosts/${id}`)).text()).not.toContain(keyLine);
  await page.goto(`/hosts/${id}/edit`);
  expect(await page.content()).not.toContain(keyLine);
  await page.goto(`/hosts/${id}`);
  expect(await page.content()).not.toContain(keyLine);
});

test("after 5 failed logins for a username within 15 minutes, the next attempt gets 429", async ({ playwright }) => {
  const anon = await playwright.request.newContext({ baseURL: BASE_URL, storageState: { cookies: [], origins: [] } });
  // Each attempt claims a different X-Forwarded-For: it makes no difference, the server counts
  // the socket's address. Only "mallory" at this address is locked; the admin is not.
  const attempt = (i: number) =>
    anon.post("/api/auth/login", {
      data: { username: "mallory", password: `guess-${i}` },
      headers: { origin: BASE_URL, "x-forwarded-for": `192.0.2.${i}` },
    });
  for (let i = 1; i <= 5; i++) expect((await attempt(i)).status(), `attempt ${i}`).toBe(401);
  const limited = await attempt(6);
  expect(limited.status()).toBe(429);
  expect((await limited.json()).error).toMatchObject({ code: "rate_limited" });
  expect((await limited.json()).error.message).toMatch(/try again in 15 minute/);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(800);
});

test("paths that only resemble static assets still pass the proxy: no answer without a login", async ({ playwright }) => {
  const anon = await playwright.request.newContext({ baseURL: BASE_URL, storageState: { cookies: [], origins: [] } });
  for (const p of ["/icon.svgx", "/icon.svg/x", "/favicon.icox", "/favicon.ico/api/hosts", "/_next/staticx", "/_next/imagex"]) {
    const res = await anon.get(p, { maxRedirects: 0 });
    expect(res.status(), p).toBe(303);
    expect(res.headers()["location"], p).toContain("/login");
  }
  // Only the exact public API paths are open.
  for (const p of ["/api/healthx", "/api/health/x", "/api/auth/loginx", "/api/auth/setup/x"]) {
    const res = await anon.get(p);
    expect(res.status(), p).toBe(401);
    expect((await res.json()).error.code, p).toBe("unauthorized");
  }
  // The real assets are still served without one.
  expect((await anon.get("/icon.svg")).status()).toBe(200);
});

test("a new token expires in 90 days unless asked otherwise; only 30, 90, 365 or never are accepted", async ({ playwright }) => {
  const admin = await apiContext(playwright);
  const before = Date.now();
  const created = await admin.post("/api/tokens", { data: { name: "default-expiry" } });
  expect(created.status()).toBe(201);
  const { id, expiresAt } = await created.json();
  expect(Date.parse(expiresAt) - before).toBeGreaterThan(89.9 * 86_400_000);
  expect(Date.parse(expiresAt) - before).toBeLessThan(90.1 * 86_400_000);
  const listed = (await (await admin.get("/api/tokens")).json()).items;
  expect(listed.find((t: { id: number }) => t.id === id)).toMatchObject({ expiresAt, expired: false });
  const bad = await admin.post("/api/tokens", { data: { name: "odd", expiresInDays: 7 } });
  expect(bad.status()).toBe(400);
  expect(Object.keys((await bad.json()).error.fields)).toEqual(["expiresInDays"]);
  expect((await admin.delete(`/api/tokens/${id}`)).status()).toBe(204);
});
