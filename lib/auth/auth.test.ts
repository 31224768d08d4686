import { describe, expect, test } from "vitest";
import { hashPassword, verifyPassword } from "./password";
import { bearerToken, hashToken, newApiToken, newSessionToken, tokenHint } from "./tokens";
import { LoginLimiter } from "./rate-limit";
import { appendPeer, clientAddress } from "./client-address";
import { BusyError, Gate } from "./gate";
import { busy, rateLimited, throttledRoute } from "./throttle";
import { isSetupHostAllowed } from "./setup-host";
import { parseWith, tokenCreateSchema, tokenExpiry } from "@/lib/validations/auth";
import { isMutating, isSameOrigin } from "./origin";

describe("passwords", () => {
  test("a hash verifies its password and nothing else", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  test("the same password hashes differently each time (salted)", async () => {
    expect(await hashPassword("same password 1")).not.toBe(await hashPassword("same password 1"));
  });

  test("unicode is normalised: the composed and decomposed é are one password", async () => {
    const hash = await hashPassword("caf\u00e9-password-1");
    expect(await verifyPassword("cafe\u0301-password-1", hash)).toBe(true);
  });

  test.each(["", "plain", "md5$abc", "scrypt$1$2$3"])("a malformed stored hash %j never verifies", async (stored) => {
    expect(await verifyPassword("anything", stored)).toBe(false);
  });
});

describe("tokens", () => {
  test("tokens are random, prefixed, and stored only as a SHA-256", () => {
    const a = newApiToken();
    const b = newApiToken();
    expect(a).toMatch(/^ndt_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).toBe(hashToken(a));
    expect(hashToken(a)).not.toBe(hashToken(b));
    expect(tokenHint(a)).toBe(`${a.slice(0, 8)}…`);
    expect(newSessionToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test.each([
    ["Bearer abc", "abc"],
    ["bearer abc ", "abc"],
    ["Basic abc", null],
    ["Bearer", null],
    [null, null],
  ])("Authorization %j gives %j", (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe("login rate limit", () => {
  const t0 = 1_000_000;
  const min = 60_000;
  const failN = (l: LoginLimiter, n: number, user: string, address: string, now = t0) => {
    for (let i = 0; i < n; i++) expect(l.reserve(user, address, now).ok, `attempt ${i + 1}`).toBe(true);
  };

  test("the sixth try for a username from one address within 15 minutes is refused until the window passes", () => {
    const l = new LoginLimiter();
    for (let i = 0; i < 5; i++) expect(l.reserve("admin", "10.0.0.9", t0 + i).ok).toBe(true);
    expect(l.reserve("admin", "10.0.0.9", t0 + 10)).toEqual({ ok: false, retryAfterMs: 15 * min - 10 });
    expect(l.reserve("admin", "10.0.0.9", t0 + 15 * min).ok).toBe(true);
  });

  test("attempts in flight count: ten parallel reservations, five get through", () => {
    const l = new LoginLimiter();
    // No attempt has finished (succeed/cancel) when the next one asks.
    const results = Array.from({ length: 10 }, () => l.reserve("admin", "10.0.0.9", t0).ok);
    expect(results.filter(Boolean)).toHaveLength(5);
  });

  test("failures spread over more than the window never lock out", () => {
    const l = new LoginLimiter();
    for (let i = 0; i < 20; i++) expect(l.reserve("admin", "10.0.0.9", t0 + i * 4 * min).ok).toBe(true);
  });

  test("an attacker's failures do not lock the admin out from another address", () => {
    const l = new LoginLimiter();
    failN(l, 5, "admin", "10.0.0.66");
    expect(l.reserve("admin", "10.0.0.66", t0).ok).toBe(false);
    expect(l.reserve("admin", "10.0.0.1", t0).ok).toBe(true);
  });

  test("one address trying many usernames is stopped at 20", () => {
    const l = new LoginLimiter();
    for (let i = 0; i < 20; i++) expect(l.reserve(`user${i}`, "10.0.0.66", t0).ok).toBe(true);
    expect(l.reserve("user99", "10.0.0.66", t0).ok).toBe(false);
    expect(l.reserve("user99", "10.0.0.67", t0).ok).toBe(true);
  });

  test("a username attacked from 50 addresses is refused to new addresses, not to one it logged in from", () => {
    const l = new LoginLimiter();
    const home = l.reserve("admin", "10.0.0.1", t0 - min);
    if (!home.ok) throw new Error("first login refused");
    l.succeed(home.attempt, t0 - min);
    for (let i = 0; i < 50; i++) expect(l.reserve("admin", `10.9.0.${i}`, t0).ok).toBe(true);
    expect(l.reserve("admin", "10.9.1.1", t0)).toMatchObject({ ok: false });
    expect(l.reserve("admin", "10.0.0.1", t0).ok).toBe(true);
  });

  test("a success forgives this username's and address's failures; cancel undoes an attempt", () => {
    const l = new LoginLimiter();
    failN(l, 4, "a", "1.2.3.4");
    const ok = l.reserve("a", "1.2.3.4", t0);
    if (!ok.ok) throw new Error("refused");
    l.succeed(ok.attempt, t0);
    failN(l, 5, "a", "1.2.3.4");
    expect(l.reserve("a", "1.2.3.4", t0).ok).toBe(false);

    const m = new LoginLimiter();
    for (let i = 0; i < 10; i++) {
      const r = m.reserve("b", "1.2.3.4", t0);
      if (!r.ok) throw new Error("a cancelled attempt was counted");
      m.cancel(r.attempt);
    }
  });
});

describe("client address", () => {
  test.each([
    // [X-Forwarded-For as the peer hook leaves it, trusted proxies, address used]
    ["10.0.0.5", 0, "10.0.0.5"],
    // The client claims another address: the socket's (appended last) counts.
    ["203.0.113.7, 10.0.0.5", 0, "10.0.0.5"],
    ["1.1.1.1, 2.2.2.2, 10.0.0.5", 0, "10.0.0.5"],
    // Behind one reverse proxy (10.0.0.2) that appended the client it saw.
    ["203.0.113.7, 192.168.1.20, 10.0.0.2", 1, "192.168.1.20"],
    ["192.168.1.20, 10.0.0.2", 1, "192.168.1.20"],
    ["10.0.0.2", 1, "10.0.0.2"],
    ["::ffff:10.0.0.5", 0, "10.0.0.5"],
    ["2001:db8:1:2:aaaa:bbbb:cccc:dddd", 0, "2001:db8:1:2::/64"],
    ["2001:db8:1:2::9", 0, "2001:db8:1:2::/64"],
    ["fe80::1%eth0", 0, "fe80:0:0:0::/64"],
    ["[2001:db8::1]:4711", 0, "2001:db8:0:0::/64"],
    ["", 0, "unknown"],
  ] as const)("%j with %i trusted proxies is %s", (xff, trusted, address) => {
    expect(clientAddress(xff, trusted)).toBe(address);
  });

  test("the peer hook appends the socket's address to whatever the client sent", () => {
    expect(appendPeer(undefined, "10.0.0.5")).toBe("10.0.0.5");
    expect(appendPeer("203.0.113.7", "10.0.0.5")).toBe("203.0.113.7, 10.0.0.5");
    expect(appendPeer(["1.1.1.1", "2.2.2.2, 3.3.3.3"], "::1")).toBe("1.1.1.1, 2.2.2.2, 3.3.3.3, ::1");
    expect(clientAddress(appendPeer("203.0.113.7", "10.0.0.5"), 0)).toBe("10.0.0.5");
  });
});

describe("scrypt gate", () => {
  const deferred = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };

  test("two run at once, a short queue waits, beyond it the caller is told to retry", async () => {
    const gate = new Gate({ concurrency: 2, queue: 3, retryAfterMs: 2000 });
    const blockers = Array.from({ length: 5 }, deferred);
    let running = 0;
    let most = 0;
    const runs = blockers.map((b, i) =>
      gate.run(async () => {
        running++;
        most = Math.max(most, running);
        await b.promise;
        running--;
        return i;
      }),
    );
    await expect(gate.run(async () => 99)).rejects.toEqual(new BusyError(2000));
    expect(gate.stats).toEqual({ running: 2, waiting: 3 });
    blockers.forEach((b) => b.resolve());
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(gate.stats).toEqual({ running: 0, waiting: 0 });
    expect(await gate.run(async () => 7)).toBe(7);
  });

  test("a task that throws frees its slot", async () => {
    const gate = new Gate({ concurrency: 1, queue: 0, retryAfterMs: 1000 });
    await expect(gate.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.run(async () => "ok")).toBe("ok");
  });
});

describe("429 and 503 answers say when to retry", () => {
  test("Retry-After in seconds, with the JSON error", async () => {
    const handler = throttledRoute(async () => {
      throw rateLimited(90_500);
    });
    const res = await handler(new Request("http://nd.lan/api/auth/login", { method: "POST" }), undefined);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("91");
    expect(await res.json()).toEqual({ error: { code: "rate_limited", message: "Too many failed logins; try again in 2 minute(s)" } });
    const busyRes = await throttledRoute(async () => {
      throw busy(2000);
    })(new Request("http://nd.lan/x", { method: "POST" }), undefined);
    expect(busyRes.status).toBe(503);
    expect(busyRes.headers.get("retry-after")).toBe("2");
  });
});

describe("setup host (DNS rebinding)", () => {
  test.each([
    ["192.168.1.10:3000", [], true],
    ["192.168.1.10", [], true],
    ["[fd00::10]:3000", [], true],
    ["localhost:3000", [], true],
    ["netdiag.localhost", [], true],
    ["netdiag.lan:3000", [], false],
    ["netdiag.lan:3000", ["netdiag.lan"], true],
    ["NetDiag.LAN.", ["netdiag.lan"], true],
    ["attacker.example", ["netdiag.lan"], false],
    ["192.168.1.10.attacker.example", [], false],
    ["[not-an-ip]", [], false],
    ["", [], false],
    [null, [], false],
  ] as const)("Host %j with allowed %j: %s", (host, allowed, ok) => {
    expect(isSetupHostAllowed(host, allowed)).toBe(ok);
  });
});

describe("same-origin check", () => {
  test.each([
    [{ origin: "http://nd.lan:3000", referer: null, host: "nd.lan:3000" }, true],
    [{ origin: null, referer: "http://nd.lan:3000/hosts/1", host: "nd.lan:3000" }, true],
    [{ origin: "http://evil.example", referer: null, host: "nd.lan:3000" }, false],
    [{ origin: "http://nd.lan:3001", referer: null, host: "nd.lan:3000" }, false],
    [{ origin: "null", referer: null, host: "nd.lan:3000" }, false],
    [{ origin: null, referer: null, host: "nd.lan:3000" }, false],
  ])("%j is same-origin: %s", (h, ok) => {
    expect(isSameOrigin(h)).toBe(ok);
  });

  test.each([["GET", false], ["HEAD", false], ["POST", true], ["PATCH", true], ["DELETE", true]])("%s mutates: %s", (m, y) => {
    expect(isMutating(m)).toBe(y);
  });
});

describe("token expiry choices", () => {
  const now = new Date("2026-12-01T00:00:00Z");
  test.each([
    [{ name: "backup" }, 90],
    [{ name: "backup", expiresInDays: 30 }, 30],
    [{ name: "backup", expiresInDays: 365 }, 365],
    [{ name: "backup", expiresInDays: null }, null],
  ])("%j lasts %s days", (body, days) => {
    const { expiresInDays } = parseWith(tokenCreateSchema, body, "token");
    expect(expiresInDays).toBe(days);
    expect(tokenExpiry(expiresInDays, now)?.toISOString() ?? null).toBe(days === null ? null : new Date(now.getTime() + days * 86_400_000).toISOString());
  });

  test.each([7, 0, -1, "90", 91.5, true])("expiresInDays %j is refused on its field", (expiresInDays) => {
    expect(() => parseWith(tokenCreateSchema, { name: "backup", expiresInDays }, "token")).toThrow(
      expect.objectContaining({ fields: { expiresInDays: "Choose 30, 90, 365 days, or null for a token that never expires" } }),
    );
  });
});
