import { describe, expect, test } from "vitest";
import { hashPassword, verifyPassword } from "./password";
import { bearerToken, hashToken, newApiToken, newSessionToken, tokenHint } from "./tokens";
import { FailureLimiter } from "./rate-limit";
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
  test("the sixth try within 15 minutes is refused until the window passes", () => {
    const l = new FailureLimiter();
    for (let i = 0; i < 5; i++) {
      expect(l.retryAfterMs(["user:admin"], t0 + i)).toBe(0);
      l.fail(["user:admin"], t0 + i);
    }
    expect(l.retryAfterMs(["user:admin"], t0 + 10)).toBe(15 * 60_000 - 10);
    expect(l.retryAfterMs(["user:admin"], t0 + 15 * 60_000)).toBe(0);
  });

  test("failures spread over more than the window never lock out", () => {
    const l = new FailureLimiter();
    for (let i = 0; i < 20; i++) {
      const now = t0 + i * 4 * 60_000;
      expect(l.retryAfterMs(["user:admin"], now)).toBe(0);
      l.fail(["user:admin"], now);
    }
  });

  test("a success resets the count; the address key limits across usernames", () => {
    const l = new FailureLimiter();
    for (let i = 0; i < 4; i++) l.fail(["user:a", "ip:1.2.3.4"], t0);
    l.succeed(["user:a", "ip:1.2.3.4"]);
    expect(l.retryAfterMs(["user:a"], t0)).toBe(0);
    for (const u of ["b", "c", "d", "e", "f"]) l.fail([`user:${u}`, "ip:1.2.3.4"], t0);
    expect(l.retryAfterMs(["user:g", "ip:1.2.3.4"], t0)).toBeGreaterThan(0);
    expect(l.retryAfterMs(["user:g", "ip:5.6.7.8"], t0)).toBe(0);
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
