import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, test } from "vitest";

// Sessions, logins and tokens against a real SQLite file built from the committed migrations.
// Time is passed in (`now`), never waited for.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "netdiag-auth-"));
const file = path.join(dir, "netdiag.db");
process.env.DATABASE_URL = `file:${file}`;
process.env.NETDIAG_DATA_DIR = dir;
delete process.env.NETDIAG_ADMIN_USER;
delete process.env.NETDIAG_ADMIN_PASSWORD;
delete process.env.NETDIAG_SESSION_IDLE_MINUTES;

const migrations = path.resolve(import.meta.dirname, "../../prisma/migrations");
{
  const db = new Database(file);
  for (const m of fs.readdirSync(migrations).filter((d) => /^\d+_/.test(d)).sort()) {
    db.exec(fs.readFileSync(path.join(migrations, m, "migration.sql"), "utf8"));
  }
  db.close();
}

// Fresh process-wide state for this file (the Prisma client, the limiter, the scrypt gate).
(globalThis as { __netdiag?: Map<string, unknown> }).__netdiag = undefined;
const session = await import("./session");
const queries = await import("@/lib/queries/auth");
const { hashPassword } = await import("./password");
const { hashToken, newApiToken, tokenHint } = await import("./tokens");
const { getDb } = await import("@/lib/db");
const { SETUP_CODE_FILE } = await import("./setup-code");

afterAll(async () => {
  await (await getDb()).$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const t0 = new Date("2026-12-01T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const MIN = 60_000;
const PASSWORD = "correct horse battery staple";
let adminId = 0;

const cookie = (token: string) => new Headers({ cookie: `${session.SESSION_COOKIE}=${token}` });
const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });
const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { status?: number }) => e.status ?? 500,
  );

describe("first-run setup", () => {
  const host = (h: string) => new Headers({ host: h, "x-forwarded-for": "10.0.0.1" });
  const body = (setupCode: string) => ({ username: "admin", password: PASSWORD, setupCode });

  test("needs the code printed at start, on an IP/localhost Host; then it is gone", async () => {
    expect(await session.needsSetup()).toBe(true);
    await session.prepareFirstRun();
    const code = fs.readFileSync(path.join(dir, SETUP_CODE_FILE), "utf8").trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(fs.statSync(path.join(dir, SETUP_CODE_FILE)).mode & 0o777).toBe(0o600);

    await expect(session.setupAdmin(body("AAAA-BBBB-CCCC-DDDD"), host("192.168.1.10:3000"))).rejects.toMatchObject({
      status: 400,
      fields: { setupCode: "Wrong setup code" },
    });
    // DNS rebinding: the right code under an attacker's name is still refused.
    await expect(session.setupAdmin(body(code), host("rebind.attacker.example:3000"))).rejects.toMatchObject({
      status: 403,
      code: "host_not_allowed",
    });
    expect(await session.needsSetup()).toBe(true);

    const user = await session.setupAdmin(body(code.toLowerCase().replace(/-/g, " ")), host("192.168.1.10:3000"));
    adminId = user.id;
    expect(user.username).toBe("admin");
    expect(fs.existsSync(path.join(dir, SETUP_CODE_FILE))).toBe(false);
    await expect(session.setupAdmin(body(code), host("localhost:3000"))).rejects.toMatchObject({ status: 409 });
  });
});

// Each login hashes with scrypt (~100 ms alone); with the whole unit suite sharing two cores a
// test of fifteen took over vitest's 5 s default.
describe("logins", { timeout: 60_000 }, () => {
  test("ten parallel wrong passwords from one address: five are judged (401), five refused (429)", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => status(session.login("admin", "wrong password", "10.1.0.1", t0))));
    expect(results.sort()).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
  });

  test("failures from another address do not lock the admin out", async () => {
    for (let i = 0; i < 6; i++) await status(session.login("admin", "wrong password", "10.1.0.66", t0));
    expect(await status(session.login("admin", PASSWORD, "10.1.0.66", t0))).toBe(429);
    const ok = await session.login("admin", PASSWORD, "10.1.0.2", t0);
    expect(ok.user.username).toBe("admin");
  });

  test("a flood of logins runs two hashes at once and queues eight; the rest are told to retry (503)", async () => {
    const results = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        session.login(`nobody${i}`, "wrong password", `10.2.0.${i}`, t0).then(
          () => "ok",
          (e: { code: string; retryAfterSec?: number }) => `${e.code}${e.retryAfterSec ? `:${e.retryAfterSec}` : ""}`,
        ),
      ),
    );
    expect(results.filter((r) => r === "unauthorized")).toHaveLength(10);
    expect(results.filter((r) => r === "busy:2")).toHaveLength(5);
  });
});

describe("sessions", { timeout: 60_000 }, () => {
  const idle = 720 * MIN;

  test("a malformed session cookie is no session (not an exception)", async () => {
    for (const value of ["%E0%A4%A", "%", "%ZZ", "a%"]) {
      expect(await session.authenticate(cookie(value), t0)).toBeNull();
    }
  });

  test("a session unused for the idle time ends; use keeps it alive, written at most once a minute", async () => {
    const { token } = await session.login("admin", PASSWORD, "10.3.0.1", t0);
    const sid = hashToken(token);
    const lastSeen = async () => (await (await getDb()).session.findUnique({ where: { id: sid } }))?.lastSeenAt.getTime();

    expect(await session.authenticate(cookie(token), at(30_000))).toMatchObject({ via: "session", sessionId: sid });
    expect(await lastSeen()).toBe(t0.getTime());
    expect(await session.authenticate(cookie(token), at(2 * MIN))).not.toBeNull();
    expect(await lastSeen()).toBe(at(2 * MIN).getTime());
    // Idle time counts from the last use, not from the login.
    expect(await session.authenticate(cookie(token), at(2 * MIN + idle - 1000))).not.toBeNull();
    expect(await session.authenticate(cookie(token), at(2 * MIN + idle - 1000 + idle))).toBeNull();
    expect(await lastSeen()).toBeUndefined();
  });

  test("changing the password ends every other session and nothing else", async () => {
    const here = await session.login("admin", PASSWORD, "10.3.0.2", t0);
    const other = await session.login("admin", PASSWORD, "10.3.0.3", t0);
    const api = newApiToken();
    await queries.createApiToken(adminId, "script", hashToken(api), tokenHint(api), null);
    const me = await session.authenticate(cookie(here.token), t0);
    if (!me) throw new Error("not logged in");

    await expect(session.changePassword(me, "not my password", "a new password 123", "10.3.0.2", t0)).rejects.toMatchObject({
      status: 400,
      fields: { currentPassword: "Wrong password" },
    });
    expect(await session.authenticate(cookie(other.token), t0)).not.toBeNull();

    const { sessionsEnded } = await session.changePassword(me, PASSWORD, "a new password 123", "10.3.0.2", t0);
    expect(sessionsEnded).toBeGreaterThanOrEqual(1);
    expect(await session.authenticate(cookie(here.token), t0)).not.toBeNull();
    expect(await session.authenticate(cookie(other.token), t0)).toBeNull();
    expect(await session.authenticate(bearer(api), t0)).toMatchObject({ via: "token" });
    expect(await status(session.login("admin", PASSWORD, "10.3.0.4", t0))).toBe(401);
    expect((await session.login("admin", "a new password 123", "10.3.0.4", t0)).user.username).toBe("admin");

    // A token alone cannot change the password (a stolen token must not take the account).
    const viaToken = await session.authenticate(bearer(api), t0);
    if (!viaToken) throw new Error("token refused");
    await expect(session.changePassword(viaToken, "a new password 123", "another password 456", "10.3.0.4", t0)).rejects.toMatchObject({
      status: 403,
    });
    await (await getDb()).user.update({ where: { id: adminId }, data: { passwordHash: await hashPassword(PASSWORD) } });
  });

  test("log out everywhere ends every session, keeping tokens unless asked not to", async () => {
    const a = await session.login("admin", PASSWORD, "10.3.0.5", t0);
    const b = await session.login("admin", PASSWORD, "10.3.0.6", t0);
    const api = newApiToken();
    await queries.createApiToken(adminId, "kept", hashToken(api), tokenHint(api), null);
    const me = await session.authenticate(cookie(a.token), t0);
    if (!me) throw new Error("not logged in");

    expect((await session.logoutEverywhere(me, true, t0)).sessionsEnded).toBeGreaterThanOrEqual(2);
    expect(await session.authenticate(cookie(a.token), t0)).toBeNull();
    expect(await session.authenticate(cookie(b.token), t0)).toBeNull();
    expect(await session.authenticate(bearer(api), t0)).not.toBeNull();

    const c = await session.login("admin", PASSWORD, "10.3.0.5", t0);
    const again = await session.authenticate(cookie(c.token), t0);
    if (!again) throw new Error("not logged in");
    expect((await session.logoutEverywhere(again, false, t0)).tokensRevoked).toBeGreaterThanOrEqual(1);
    expect(await session.authenticate(bearer(api), t0)).toBeNull();
  });
});

describe("API tokens expire", () => {
  test("refused after expiresAt, listed as expired; null never expires", async () => {
    const day = 24 * 60 * MIN;
    const short = newApiToken();
    const forever = newApiToken();
    await queries.createApiToken(adminId, "short", hashToken(short), tokenHint(short), at(30 * day));
    await queries.createApiToken(adminId, "forever", hashToken(forever), tokenHint(forever), null);

    expect(await session.authenticate(bearer(short), at(30 * day - 1))).toMatchObject({ via: "token" });
    expect(await session.authenticate(bearer(short), at(30 * day))).toBeNull();
    expect(await session.authenticate(bearer(forever), at(3650 * day))).toMatchObject({ via: "token" });

    // A script with an expired token is told so; an unknown token gets the generic answer.
    expect(await session.refusal(bearer(short), at(30 * day))).toMatchObject({ code: "token_expired" });
    expect((await session.refusal(bearer(short), at(30 * day))).message).toContain(at(30 * day).toISOString());
    expect(await session.refusal(bearer(short), at(30 * day - 1))).toMatchObject({ code: "unauthorized" });
    expect(await session.refusal(bearer(newApiToken()), at(30 * day))).toMatchObject({ code: "unauthorized" });

    const listed = await queries.listApiTokens(adminId, at(31 * day));
    expect(listed.find((t) => t.name === "short")).toMatchObject({ expired: true, expiresAt: at(30 * day).toISOString() });
    expect(listed.find((t) => t.name === "forever")).toMatchObject({ expired: false, expiresAt: null });
  });
});
