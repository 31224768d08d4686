// @ts-check
// The one place that reads process.env (shared/CONVENTIONS.md). Plain JS (CommonJS) so
// next.config.js can require it on Node 20 and a bad value fails the build, not a request.
const path = require("node:path");
const { z } = require("zod");
const { databaseFilePath, databaseProvider, databaseUrl } = require("./database-url.js");

/**
 * An optional numeric variable: unset or empty gives `fallback`, anything else must lie in range.
 * @param {number} min @param {number} max @param {number} fallback @param {boolean} integer
 */
const numberFrom = (min, max, fallback, integer) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      const n = Number(v);
      if (!(integer ? Number.isInteger(n) : Number.isFinite(n)) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be a ${integer ? "whole number" : "number"} from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

/** @param {number} min @param {number} max @param {number} fallback */
const intFrom = (min, max, fallback) => numberFrom(min, max, fallback, true);
/** @param {number} min @param {number} max @param {number} fallback */
const numFrom = (min, max, fallback) => numberFrom(min, max, fallback, false);

/** @param {string} value @returns {Buffer | null} 32-byte key from 64 hex chars or base64 */
function decodeKey(value) {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, "hex");
  const b = Buffer.from(v, "base64");
  return b.length === 32 ? b : null;
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return databaseUrl(v);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: /** @type {Error} */ (e).message });
        return z.NEVER;
      }
    }),
  NETDIAG_DATA_DIR: z.string().trim().optional(),
  NETDIAG_SECRET_KEY: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === "" || decodeKey(v) !== null, {
      message: "must be 32 bytes, written as 64 hex characters or base64",
    }),
  PORT: intFrom(1, 65535, 3000),
  NETDIAG_COLLECT_INTERVAL: intFrom(0, 7 * 24 * 60, 5),
  // Most of a collection is waiting on the host (its login shell's rc files, PAM): with 16 at
  // once, 50 hosts whose shell takes 0.5 s took 4.5 s against 3.9 s for 50 parallel OpenSSH
  // clients (npm run bench, profile "slow"). A homelab's hosts all fit in one wave.
  NETDIAG_COLLECT_CONCURRENCY: intFrom(1, 256, 64),
  // Jumbo paths are re-proven this often; 0 = only on first sight, after MTU changes and on demand.
  NETDIAG_DF_PROBE_INTERVAL_HOURS: intFrom(0, 24 * 365, 24),
  NETDIAG_SSH_CONNECT_TIMEOUT_MS: intFrom(500, 120_000, 10_000),
  NETDIAG_SSH_COMMAND_TIMEOUT_MS: intFrom(500, 600_000, 20_000),
  NETDIAG_ADMIN_USER: z.string().trim().optional(),
  NETDIAG_ADMIN_PASSWORD: z.string().optional(),
  NETDIAG_SESSION_HOURS: intFrom(1, 24 * 365, 24 * 7),
  NETDIAG_SESSION_IDLE_MINUTES: intFrom(5, 24 * 60 * 365, 12 * 60),
  // Reverse proxies in front of netdiag that append the client to X-Forwarded-For. 0: clients
  // connect directly, and only the address of the socket counts (lib/auth/client-address.ts).
  NETDIAG_TRUSTED_PROXIES: intFrom(0, 10, 0),
  NETDIAG_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const names = (v ?? "").split(",").map((n) => n.trim().toLowerCase().replace(/\.$/, "")).filter(Boolean);
      const bad = names.find((n) => !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(n));
      if (bad !== undefined) {
        ctx.addIssue({ code: "custom", message: `"${bad}" is not a host name (a comma-separated list of names, without ports)` });
        return z.NEVER;
      }
      return names;
    }),
  // The one site this process collects (lib/domain/site.ts rules); unset: every site that has no
  // live collector of its own. Same characters as a host's site, folded to lower case.
  NETDIAG_SITE: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const t = (v ?? "").trim().toLowerCase();
      if (!t) return null;
      if (!/^[a-z0-9][a-z0-9._-]{0,39}$/.test(t)) {
        ctx.addIssue({ code: "custom", message: "a site name: lower-case letters, digits, dots, dashes or underscores (at most 40)" });
        return z.NEVER;
      }
      return t;
    }),
  // collector: no web UI (npm run collector), collections of its site only.
  NETDIAG_ROLE: z.enum(["web", "collector"], { error: "web or collector" }).default("web"),
  // A running scheduled job's lease, renewed by its process as it works: a process killed
  // mid-sweep leaves its job to another process of its site after this long.
  NETDIAG_JOB_LEASE_SECONDS: intFrom(3, 3600, 90),
  // The address users open netdiag at (e.g. https://netdiag.lan): notifications link to findings
  // with it. Unset: messages carry no links (a guess from the request could be an internal name).
  NETDIAG_PUBLIC_URL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const t = (v ?? "").trim();
      if (!t) return null;
      let u;
      try {
        u = new URL(t);
      } catch {
        ctx.addIssue({ code: "custom", message: `"${t}" is not a URL (e.g. https://netdiag.lan)` });
        return z.NEVER;
      }
      if ((u.protocol !== "http:" && u.protocol !== "https:") || u.username || u.password || u.search || u.hash) {
        ctx.addIssue({ code: "custom", message: "use an http(s) URL without a user name, ? or #" });
        return z.NEVER;
      }
      return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
    }),
  NETDIAG_IPERF_PORT: intFrom(1024, 65535 - 16, 5201),
  NETDIAG_IPERF_ASYMMETRY_RATIO: numFrom(0.01, 1, 0.75),
  NETDIAG_IPERF_ASYMMETRY_MIN_GAP_MBPS: numFrom(0, 1_000_000, 100),
  NETDIAG_IPERF_LINK_SPEED_RATIO: numFrom(0.01, 1, 0.7),
  NETDIAG_IPERF_RETRANSMIT_PERCENT: numFrom(0, 100, 1),
  // Retention (lib/jobs/housekeeping.ts). The defaults keep a 20-host install at a five-minute
  // cadence well under 1 GB after a year (npm run bench, "year"). 0 keeps that data forever.
  // Minutes between housekeeping passes; 0 turns it off (a benchmark writing history of its own).
  NETDIAG_HOUSEKEEPING_MINUTES: intFrom(0, 24 * 60, 60),
  NETDIAG_KEEP_SAMPLES_DAYS: intFrom(1, 3650, 7),
  NETDIAG_KEEP_HOURLY_DAYS: intFrom(1, 3650, 90),
  NETDIAG_KEEP_DAILY_DAYS: intFrom(0, 36500, 0),
  // Runs are most of the database (about 2 KB each with their command outcomes, one per host
  // every five minutes); the failed ones are the outages the charts flag, kept longer.
  NETDIAG_KEEP_RUNS_DAYS: intFrom(1, 3650, 14),
  NETDIAG_KEEP_FAILED_RUNS_DAYS: intFrom(1, 3650, 90),
  NETDIAG_KEEP_PROBES_DAYS: intFrom(1, 3650, 30),
  NETDIAG_KEEP_EVENTS_DAYS: intFrom(0, 36500, 365),
  NETDIAG_KEEP_RESOLVED_DAYS: intFrom(0, 36500, 365),
  NETDIAG_KEEP_IPERF_DETAIL_DAYS: intFrom(1, 3650, 30),
  NETDIAG_KEEP_DELIVERIES_DAYS: intFrom(1, 3650, 90),
  // GET /metrics for Prometheus. "on" still needs an API token on every scrape; "off" answers 404.
  NETDIAG_METRICS: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "" || v === "on") return true;
      if (v === "off") return false;
      ctx.addIssue({ code: "custom", message: "must be on or off" });
      return z.NEVER;
    }),
}).superRefine((e, ctx) => {
  const user = e.NETDIAG_ADMIN_USER || undefined;
  const pass = e.NETDIAG_ADMIN_PASSWORD || undefined;
  if ((user === undefined) !== (pass === undefined)) {
    ctx.addIssue({ code: "custom", path: ["NETDIAG_ADMIN_PASSWORD"], message: "set NETDIAG_ADMIN_USER and NETDIAG_ADMIN_PASSWORD together" });
  }
  if (pass !== undefined && pass.length < 12) {
    ctx.addIssue({ code: "custom", path: ["NETDIAG_ADMIN_PASSWORD"], message: "must be at least 12 characters" });
  }
});

/**
 * @typedef {object} Env
 * @property {"development" | "production" | "test"} nodeEnv
 * @property {string} databaseUrl
 * @property {"sqlite" | "postgresql"} databaseProvider
 * @property {string | null} databaseFile absolute path of the SQLite file; null on PostgreSQL
 * @property {string} dataDir absolute; holds the generated secret key
 * @property {string | undefined} secretKey
 * @property {number} port
 * @property {number} collectIntervalMinutes 0 disables scheduled collection
 * @property {number} collectConcurrency
 * @property {number} dfProbeIntervalHours 0: jumbo paths are probed on first sight, after MTU changes and on demand only
 * @property {number} sshConnectTimeoutMs
 * @property {number} sshCommandTimeoutMs
 * @property {{ username: string, password: string } | undefined} admin first account, created at start when none exists
 * @property {number} sessionHours
 * @property {number} sessionIdleMinutes a session unused this long ends
 * @property {number} trustedProxies X-Forwarded-For hops appended by proxies netdiag trusts
 * @property {string[]} allowedHosts names (besides IP literals and localhost) the first-run setup answers on
 * @property {{ port: number, thresholds: { asymmetryRatio: number, asymmetryMinGapMbps: number, linkSpeedRatio: number, retransmitPercent: number } }} iperf
 *   first port tried for iperf3 servers (the next ones when busy) and the verdict thresholds
 * @property {string | null} publicUrl NETDIAG_PUBLIC_URL without a trailing slash; null: notifications carry no links
 * @property {string | null} site NETDIAG_SITE: the one site this process collects; null: every site without a live collector of its own
 * @property {"web" | "collector"} role NETDIAG_ROLE: collector runs only its site's collections, without the web UI
 * @property {number} jobLeaseMs a running job not renewed for this long is taken over by another process
 * @property {number} housekeepingMinutes minutes between housekeeping passes; 0: off
 * @property {Retention} retention days each kind of history is kept; 0 = forever
 * @property {boolean} metricsEnabled GET /metrics answers (with an API token); false: 404
 */

/**
 * @typedef {object} Retention
 * @property {number} samplesDays raw NIC counter samples (hourly and daily rollups outlive them)
 * @property {number} hourlyDays hourly NIC rollups
 * @property {number} dailyDays daily NIC rollups (0: forever)
 * @property {number} runsDays collection runs that read the host; the snapshots still in use are kept whatever their age
 * @property {number} failedRunsDays collection runs that failed (the outages NIC charts flag)
 * @property {number} probesDays don't-fragment probe rows; the newest of each path is kept
 * @property {number} eventsDays neighbor and NIC change events (0: forever)
 * @property {number} resolvedDays resolved findings, after they were resolved (0: forever)
 * @property {number} iperfDetailDays per-second series and raw output of iperf runs (their summary and verdicts are kept forever)
 * @property {number} deliveriesDays notification deliveries and their attempts (pending ones are kept)
 */

/** @param {Record<string, string | undefined>} source @returns {Env} */
function parseEnv(source) {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    databaseProvider: databaseProvider(e.DATABASE_URL),
    databaseFile: databaseFilePath(e.DATABASE_URL),
    dataDir: path.resolve(/* turbopackIgnore: true */ process.cwd(), e.NETDIAG_DATA_DIR || "data"),
    secretKey: e.NETDIAG_SECRET_KEY || undefined,
    port: e.PORT,
    collectIntervalMinutes: e.NETDIAG_COLLECT_INTERVAL,
    collectConcurrency: e.NETDIAG_COLLECT_CONCURRENCY,
    dfProbeIntervalHours: e.NETDIAG_DF_PROBE_INTERVAL_HOURS,
    sshConnectTimeoutMs: e.NETDIAG_SSH_CONNECT_TIMEOUT_MS,
    sshCommandTimeoutMs: e.NETDIAG_SSH_COMMAND_TIMEOUT_MS,
    admin:
      e.NETDIAG_ADMIN_USER && e.NETDIAG_ADMIN_PASSWORD
        ? { username: e.NETDIAG_ADMIN_USER, password: e.NETDIAG_ADMIN_PASSWORD }
        : undefined,
    sessionHours: e.NETDIAG_SESSION_HOURS,
    sessionIdleMinutes: e.NETDIAG_SESSION_IDLE_MINUTES,
    trustedProxies: e.NETDIAG_TRUSTED_PROXIES,
    allowedHosts: e.NETDIAG_ALLOWED_HOSTS,
    iperf: {
      port: e.NETDIAG_IPERF_PORT,
      thresholds: {
        asymmetryRatio: e.NETDIAG_IPERF_ASYMMETRY_RATIO,
        asymmetryMinGapMbps: e.NETDIAG_IPERF_ASYMMETRY_MIN_GAP_MBPS,
        linkSpeedRatio: e.NETDIAG_IPERF_LINK_SPEED_RATIO,
        retransmitPercent: e.NETDIAG_IPERF_RETRANSMIT_PERCENT,
      },
    },
    publicUrl: e.NETDIAG_PUBLIC_URL,
    site: e.NETDIAG_SITE,
    role: e.NETDIAG_ROLE,
    jobLeaseMs: e.NETDIAG_JOB_LEASE_SECONDS * 1000,
    housekeepingMinutes: e.NETDIAG_HOUSEKEEPING_MINUTES,
    retention: {
      samplesDays: e.NETDIAG_KEEP_SAMPLES_DAYS,
      hourlyDays: e.NETDIAG_KEEP_HOURLY_DAYS,
      dailyDays: e.NETDIAG_KEEP_DAILY_DAYS,
      runsDays: e.NETDIAG_KEEP_RUNS_DAYS,
      failedRunsDays: e.NETDIAG_KEEP_FAILED_RUNS_DAYS,
      probesDays: e.NETDIAG_KEEP_PROBES_DAYS,
      eventsDays: e.NETDIAG_KEEP_EVENTS_DAYS,
      resolvedDays: e.NETDIAG_KEEP_RESOLVED_DAYS,
      iperfDetailDays: e.NETDIAG_KEEP_IPERF_DETAIL_DAYS,
      deliveriesDays: e.NETDIAG_KEEP_DELIVERIES_DAYS,
    },
    metricsEnabled: e.NETDIAG_METRICS,
  };
}

/** @type {Env | undefined} */
let cached;
/** @returns {Env} */
function env() {
  cached ??= parseEnv(process.env);
  return cached;
}

module.exports = { env, parseEnv, decodeKey };
