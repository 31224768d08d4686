import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, test, vi } from "vitest";

// proxy.ts, the network boundary: which paths it sees (its matcher, compiled by Next's own
// code), and what it answers to a cookie it cannot read.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "netdiag-proxy-"));
const file = path.join(dir, "netdiag.db");
process.env.DATABASE_URL = `file:${file}`;
process.env.NETDIAG_DATA_DIR = dir;
{
  const db = new Database(file);
  const migrations = path.resolve(import.meta.dirname, "../../prisma/migrations");
  for (const m of fs.readdirSync(migrations).filter((d) => /^\d+_/.test(d)).sort()) {
    db.exec(fs.readFileSync(path.join(migrations, m, "migration.sql"), "utf8"));
  }
  db.exec(`INSERT INTO "User" ("username", "passwordHash") VALUES ('admin', 'scrypt$1$1$1$x$y')`);
  db.close();
}
(globalThis as { __netdiag?: Map<string, unknown> }).__netdiag = undefined;
const { proxy, config } = await import("@/proxy");
const { getDb } = await import("@/lib/db");

afterAll(async () => {
  await (await getDb()).$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Matcher = { regexp: string };
const require = createRequire(import.meta.url);
const { getMiddlewareMatchers } = require("next/dist/build/analysis/get-page-static-info.js") as {
  getMiddlewareMatchers: (matcher: string[], nextConfig: object) => Matcher[];
};

describe("the proxy matcher, as Next compiles it", () => {
  const regexps = getMiddlewareMatchers(config.matcher, {}).map((m) => new RegExp(m.regexp));
  const runsProxy = (p: string) => regexps.some((r) => r.test(p));

  test.each(["/_next/static/chunks/app.js", "/_next/static/css/a.css", "/_next/image", "/icon.svg", "/favicon.ico"])(
    "static asset %s skips the proxy",
    (p) => expect(runsProxy(p)).toBe(false),
  );

  test.each([
    "/",
    "/api/hosts",
    "/settings",
    "/hosts/1.rsc",
    // Look-alikes of the static paths are ordinary routes and must be checked.
    "/icon.svgx",
    "/icon.svg/x",
    "/icon.svg.rsc",
    "/favicon.icox",
    "/favicon.ico/api",
    "/_next/staticx",
    "/_next/static",
    "/_next/imagex/y",
    "/_next/image/x",
  ])("%s runs the proxy", (p) => expect(runsProxy(p)).toBe(true));
});

describe("a session cookie that is not valid percent-encoding", () => {
  const bad = "netdiag_session=%E0%A4%A";

  test("the API answers 401 JSON, not 500", async () => {
    const res = await proxy(new NextRequest("http://nd.lan/api/hosts", { headers: { cookie: bad } }));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  test("a page redirects to login", async () => {
    const res = await proxy(new NextRequest("http://nd.lan/settings", { headers: { cookie: `theme=dark; ${bad}` } }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("http://nd.lan/login?next=%2Fsettings");
  });
});

describe("public API paths are exact", () => {
  test.each(["/api/healthx", "/api/health/x", "/api/auth/loginx", "/api/auth/setup/x", "/api/auth/login/"])("%s needs a login", async (p) => {
    const res = await proxy(new NextRequest(`http://nd.lan${p}`));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "unauthorized" } });
  });
});

const { createApiToken, createSession } = await import("@/lib/queries/auth");
const { hashToken, newApiToken, newSessionToken, tokenHint } = await import("./tokens");

describe("/metrics: answered like the API, to API tokens only", () => {
  const metrics = (headers: Record<string, string>) => proxy(new NextRequest("http://nd.lan/metrics", { headers }));

  test("without credentials: 401 JSON saying what to send, not the login page", async () => {
    const res = await metrics({});
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "unauthorized", message: expect.stringContaining("Authorization: Bearer") } });
  });

  test("a browser session is refused; a token passes on to the route", async () => {
    const sid = newSessionToken();
    await createSession(hashToken(sid), 1, new Date(Date.now() + 3_600_000), new Date());
    expect((await metrics({ cookie: `netdiag_session=${sid}` })).status).toBe(401);
    expect((await proxy(new NextRequest("http://nd.lan/api/hosts", { headers: { cookie: `netdiag_session=${sid}` } }))).headers.get("x-middleware-next")).toBe("1");

    const token = newApiToken();
    await createApiToken(1, "prometheus", hashToken(token), tokenHint(token), null);
    const res = await metrics({ authorization: `Bearer ${token}` });
    expect(res.headers.get("x-middleware-next")).toBe("1");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect((await metrics({ authorization: "Bearer ndt_nope" })).status).toBe(401);
  });

  test("NETDIAG_METRICS=off: 404 for everyone, token or not", async () => {
    const token = newApiToken();
    await createApiToken(1, "prometheus-off", hashToken(token), tokenHint(token), null);
    process.env.NETDIAG_METRICS = "off";
    vi.resetModules();
    try {
      const fresh = (await import("@/proxy")).proxy;
      for (const headers of [{}, { authorization: `Bearer ${token}` }] as Record<string, string>[]) {
        const res = await fresh(new NextRequest("http://nd.lan/metrics", { headers }));
        expect(res.status).toBe(404);
        expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
      }
    } finally {
      delete process.env.NETDIAG_METRICS;
      vi.resetModules();
    }
  });
});
