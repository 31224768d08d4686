import { expect, test } from "vitest";
import { parseEnv } from "./env";

test("defaults apply when nothing is set", () => {
  expect(parseEnv({})).toMatchObject({ port: 3000, collectIntervalMinutes: 5, collectConcurrency: 64, admin: undefined, sessionHours: 168 });
});

test.each([
  [{ PORT: "1.5" }, "PORT: must be a whole number from 1 to 65535"],
  [{ PORT: "0" }, "PORT: must be a whole number from 1 to 65535"],
  [{ NETDIAG_IPERF_ASYMMETRY_RATIO: "2" }, "NETDIAG_IPERF_ASYMMETRY_RATIO: must be a number from 0.01 to 1"],
  [{ DATABASE_URL: "mysql://x" }, 'DATABASE_URL must be a SQLite file URL (file:...) or a PostgreSQL URL (postgresql://...), got a "mysql:" URL'],
  [{ NETDIAG_SITE: "my house" }, "NETDIAG_SITE: a site name: lower-case letters, digits, dots, dashes or underscores (at most 40)"],
  [{ NETDIAG_ROLE: "worker" }, "NETDIAG_ROLE: web or collector"],
  [{ NETDIAG_SECRET_KEY: "short" }, "NETDIAG_SECRET_KEY: must be 32 bytes"],
  [{ NETDIAG_ADMIN_USER: "admin" }, "set NETDIAG_ADMIN_USER and NETDIAG_ADMIN_PASSWORD together"],
  [{ NETDIAG_ADMIN_USER: "admin", NETDIAG_ADMIN_PASSWORD: "short" }, "must be at least 12 characters"],
])("a bad value names the variable: %j", (source, message) => {
  expect(() => parseEnv(source)).toThrow(message);
});

test("fractional thresholds and whole-number settings parse", () => {
  expect(parseEnv({ PORT: "8080", NETDIAG_COLLECT_INTERVAL: "0" })).toMatchObject({ port: 8080, collectIntervalMinutes: 0 });
  expect(() => parseEnv({ NETDIAG_IPERF_ASYMMETRY_RATIO: "0.5" })).not.toThrow();
});

test("login and session settings: defaults, and a bad value names the variable", () => {
  expect(parseEnv({})).toMatchObject({ sessionIdleMinutes: 720, trustedProxies: 0, allowedHosts: [] });
  expect(parseEnv({ NETDIAG_TRUSTED_PROXIES: "1", NETDIAG_ALLOWED_HOSTS: " NetDiag.lan., nd ", NETDIAG_SESSION_IDLE_MINUTES: "60" })).toMatchObject({
    trustedProxies: 1,
    allowedHosts: ["netdiag.lan", "nd"],
    sessionIdleMinutes: 60,
  });
  expect(() => parseEnv({ NETDIAG_TRUSTED_PROXIES: "-1" })).toThrow("NETDIAG_TRUSTED_PROXIES: must be a whole number from 0 to 10");
  expect(() => parseEnv({ NETDIAG_ALLOWED_HOSTS: "nd.lan:3000" })).toThrow('NETDIAG_ALLOWED_HOSTS: "nd.lan:3000" is not a host name');
  expect(() => parseEnv({ NETDIAG_SESSION_IDLE_MINUTES: "1" })).toThrow("NETDIAG_SESSION_IDLE_MINUTES: must be a whole number from 5");
});

test("NETDIAG_PUBLIC_URL: links in notifications, without a trailing slash; a bad one names the variable", () => {
  expect(parseEnv({}).publicUrl).toBeNull();
  expect(parseEnv({ NETDIAG_PUBLIC_URL: "https://netdiag.lan/" }).publicUrl).toBe("https://netdiag.lan");
  expect(parseEnv({ NETDIAG_PUBLIC_URL: " http://nas.lan:8080/netdiag/ " }).publicUrl).toBe("http://nas.lan:8080/netdiag");
  expect(() => parseEnv({ NETDIAG_PUBLIC_URL: "netdiag.lan" })).toThrow('NETDIAG_PUBLIC_URL: "netdiag.lan" is not a URL');
  expect(() => parseEnv({ NETDIAG_PUBLIC_URL: "ftp://netdiag.lan" })).toThrow("NETDIAG_PUBLIC_URL: use an http(s) URL");
  expect(() => parseEnv({ NETDIAG_PUBLIC_URL: "https://netdiag.lan/?x=1" })).toThrow("NETDIAG_PUBLIC_URL: use an http(s) URL");
});

test("metrics are on unless NETDIAG_METRICS=off; anything else names the variable", () => {
  expect(parseEnv({}).metricsEnabled).toBe(true);
  expect(parseEnv({ NETDIAG_METRICS: "OFF" }).metricsEnabled).toBe(false);
  expect(parseEnv({ NETDIAG_METRICS: "on" }).metricsEnabled).toBe(true);
  expect(() => parseEnv({ NETDIAG_METRICS: "false" })).toThrow("NETDIAG_METRICS: must be on or off");
});

test("PostgreSQL URLs select the PostgreSQL store; NETDIAG_SITE is folded to lower case", () => {
  const e = parseEnv({ DATABASE_URL: "postgresql://netdiag:pw@db.lan:5432/netdiag", NETDIAG_SITE: " Far ", NETDIAG_ROLE: "collector" });
  expect(e).toMatchObject({ databaseProvider: "postgresql", databaseFile: null, site: "far", role: "collector" });
  expect(parseEnv({})).toMatchObject({ databaseProvider: "sqlite", site: null, role: "web" });
});
