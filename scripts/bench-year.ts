// A year of history, then what it costs: `npm run bench` part "year" (scripts/bench.sh).
//
// 20 hosts collected every five minutes for a year, with changes on a homelab's cadence (a
// few neighbors come and go every day, one MTU change, a duplicate MAC for a week, a reboot a
// quarter, counters growing with a daily rhythm), hourly iperf tests on two pairs, findings
// evaluated as they change, and housekeeping once a simulated day. Then, with the server
// running on that database: its size, the page and chart API times for the 1-year range, and
// a real collection of a lab host and one findings evaluation against the same on the empty
// database measured at the start of this run.
//
// What goes through the product's own code: every collection that changes a host's snapshot
// and every collection of the last 7 days (finishRun, the collector's storage), the iperf
// runs (createIperfRun/finishIperfRun), findings (loadAnalysisInput, the detectors,
// syncFindings) and housekeeping (runHousekeeping). The other ~98% of collections, which
// change nothing, write what finishRun writes for them (a Run row pointing at the snapshot it
// confirmed and one counter sample per NIC, with rates from lib/analysis/counter-rates.ts) as
// plain rows in one transaction per simulated hour: through finishRun a year takes hours on
// this 2-core box, and those rows are checked against finishRun's in tests/integration/history.test.ts.
import fs from "node:fs";
import Database from "better-sqlite3";
import { LINUX_COMMANDS } from "@/lib/collect/linux";
import { sampleRates, type CounterSet } from "@/lib/analysis/counter-rates";
import { evaluateInTurns } from "@/lib/analysis/evaluate";
import type { InterfaceRow, NeighborRow } from "@/lib/domain/rows";
import type { Snapshot } from "@/lib/domain/snapshot";
import { env } from "@/lib/env";
import { COLLECTION_SCOPE } from "@/lib/jobs/evaluate-findings";
import { runHousekeeping } from "@/lib/jobs/housekeeping";
import { loadAnalysisInput } from "@/lib/queries/analysis-input";
import { syncFindings } from "@/lib/queries/findings";
import { createHost } from "@/lib/queries/hosts";
import { claimIperfRun, createIperfRun, finishIperfRun } from "@/lib/queries/iperf-runs";
import { finishRun, startRun } from "@/lib/queries/runs";

const [base, labFile] = process.argv.slice(2) as [string, string];
const HOSTS = Math.max(8, Number(process.env.BENCH_YEAR_HOSTS ?? 20));
const DAYS = Number(process.env.BENCH_YEAR_DAYS ?? 365);
/** The year is generated straight into the SQLite file (better-sqlite3), which is what most installs run. */
const sqliteFile = (): string => {
  const file = env().databaseFile;
  if (file === null) throw new Error("the year bench generates its history into a SQLite file: run it with a file: DATABASE_URL");
  return file;
};
/** The newest days go through finishRun for every collection. */
const REAL_DAYS = Math.min(DAYS, Number(process.env.BENCH_YEAR_REAL_DAYS ?? 7));
const REQUESTS = Number(process.env.BENCH_YEAR_REQUESTS ?? 50);
const SLOT_MS = 5 * 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Call = (method: string, p: string, body?: unknown) => Promise<{ status: number; data: unknown }>;

// ---- a deterministic homelab -------------------------------------------------------------
let seed = 42;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const mac = (h: number, n: number) => `02:be:${h.toString(16).padStart(2, "0")}:00:00:${n.toString(16).padStart(2, "0")}`;
const NICS = [
  { name: "lo", kind: "loopback", speed: null as number | null, share: 0.05 },
  { name: "eth0", kind: "ether", speed: 1000, share: 1 },
  { name: "eth1", kind: "ether", speed: 10_000, share: 0.6 },
  { name: "br0", kind: "bridge", speed: null, share: 0.9 },
  { name: "docker0", kind: "bridge", speed: null, share: 0.2 },
];

type SimHost = {
  id: number;
  index: number;
  counters: Map<string, CounterSet>;
  previous: Map<string, { at: number; c: CounterSet }>;
  mtu: Map<string, number>;
  /** Neighbors that come and go (phones, laptops): index -> present. */
  roaming: boolean[];
  dupMac: boolean;
  lastRuns: number[];
};

function nicRows(h: SimHost): InterfaceRow[] {
  return NICS.map((n, i) => ({
    name: n.name,
    kind: n.kind,
    mac: n.kind === "loopback" ? "00:00:00:00:00:00" : mac(h.index, i),
    mtu: h.mtu.get(n.name) ?? (n.kind === "loopback" ? 65536 : 1500),
    state: "up" as const,
    speedMbps: n.speed,
    duplex: n.speed ? ("full" as const) : null,
    driver: n.kind === "ether" ? "igb" : n.kind,
    addresses: n.name === "eth0" ? [`10.20.${h.index}.10/24`] : n.name === "eth1" ? [`10.30.0.${10 + h.index}/24`] : [],
    ...h.counters.get(n.name)!,
  }));
}

function neighborRows(h: SimHost, slot: number): NeighborRow[] {
  const states = ["reachable", "stale", "delay"] as const;
  const out: NeighborRow[] = [];
  for (let i = 0; i < 25; i++) out.push({ ip: `10.20.${h.index}.${100 + i}`, mac: `02:aa:${h.index.toString(16).padStart(2, "0")}:00:01:${i.toString(16).padStart(2, "0")}`, interface: "eth0", state: states[(slot + i) % 3]!, router: i === 0 });
  h.roaming.forEach((on, i) => {
    if (on) out.push({ ip: `10.20.${h.index}.${200 + i}`, mac: `02:cc:${h.index.toString(16).padStart(2, "0")}:00:02:${i.toString(16).padStart(2, "0")}`, interface: "eth0", state: "stale", router: false });
  });
  // The ESXi story: one MAC answering for two addresses, seen in this host's table.
  if (h.dupMac) out.push({ ip: `10.20.${h.index}.250`, mac: out[3]!.mac, interface: "eth0", state: "reachable", router: false });
  return out;
}

/** Counters after one slot at time t: a daily rhythm, a little noise, errors on one NIC for a week. */
function advance(h: SimHost, t: number, day: number): void {
  const hourOfDay = (t % DAY) / HOUR;
  const rhythm = 1 + 0.8 * Math.sin(((hourOfDay - 6) / 24) * 2 * Math.PI);
  // A reboot a quarter (staggered): counters start again from zero.
  const reboot = (day + h.index * 7) % 90 === 0 && t % DAY < SLOT_MS;
  for (const n of NICS) {
    const c = h.counters.get(n.name)!;
    const rxBps = 4e6 * n.share * rhythm * (0.7 + 0.6 * rand()) * (1 + h.index / 10);
    const bytes = (bps: number) => BigInt(Math.round((bps * 300) / 8));
    const grow = (v: bigint | null, by: bigint) => (reboot ? by : (v ?? 0n) + by);
    const errorsNow = h.index === 7 && day >= 150 && day < 157 && n.name === "eth0" ? BigInt(Math.floor(rand() * 40)) : 0n;
    h.counters.set(n.name, {
      rxBytes: grow(c.rxBytes, bytes(rxBps)),
      txBytes: grow(c.txBytes, bytes(rxBps * 0.35)),
      rxPackets: grow(c.rxPackets, bytes(rxBps) / 900n),
      txPackets: grow(c.txPackets, bytes(rxBps * 0.35) / 600n),
      rxErrors: grow(c.rxErrors, errorsNow),
      txErrors: grow(c.txErrors, 0n),
      rxDropped: grow(c.rxDropped, rand() < 0.02 ? 1n : 0n),
      txDropped: grow(c.txDropped, 0n),
    });
  }
}

const commandsJson = JSON.stringify(LINUX_COMMANDS.map((command) => ({ command, ok: true, durationMs: 5 + Math.round(rand() * 30) })));
const sqliteDate = (t: number) => new Date(t).toISOString().replace(/Z$/, "+00:00");
const iperfRaw = fs.readFileSync("tests/fixtures/iperf3/iperf3-J-tcp-linux-omit3__cloudpilot.txt", "utf8").replace(/^# source:.*\n/, "");

// ---- measuring -----------------------------------------------------------------------------
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: number[]) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)] ?? NaN;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function timeEvaluation(rounds: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    const now = new Date();
    await syncFindings(COLLECTION_SCOPE, await evaluateInTurns(await loadAnalysisInput(now)), now);
    out.push(ms(t0));
  }
  return out;
}

async function timeCollections(api: Call, hostId: number, rounds: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    const r = await api("POST", `/api/hosts/${hostId}/collect`);
    if (r.status !== 200 && r.status !== 201) throw new Error(`collect: ${r.status} ${JSON.stringify(r.data)}`);
    out.push(ms(t0));
  }
  return out;
}

async function timeRequests(headers: Record<string, string>, path: string): Promise<{ p95: number; median: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < REQUESTS + 2; i++) {
    const t0 = process.hrtime.bigint();
    const r = await fetch(base + path, { headers, redirect: "manual" });
    const body = await r.text();
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${body.slice(0, 200)}`);
    if (i >= 2) times.push(ms(t0)); // the first two warm Next's route up
    bytes = body.length;
  }
  return { p95: p95(times), median: median(times), bytes };
}

// ---- the year --------------------------------------------------------------------------------
async function generate(db: Database.Database, now: number, afterFirstSlot: () => Promise<void>): Promise<{ housekeepingMs: number[]; realStoreMs: number[]; stored: number; confirmed: number }> {
  const start = Math.floor((now - DAYS * DAY) / DAY) * DAY;
  const realFrom = now - REAL_DAYS * DAY;
  const hosts: SimHost[] = [];
  for (let i = 1; i <= HOSTS; i++) {
    const v = await createHost({ name: `year-h${String(i).padStart(2, "0")}`, address: `10.20.${i}.10`, port: 22, username: "netdiag", platform: "auto", password: "bench-password" });
    const counters = new Map(NICS.map((n) => [n.name, { rxBytes: 0n, txBytes: 0n, rxPackets: 0n, txPackets: 0n, rxErrors: 0n, txErrors: 0n, rxDropped: 0n, txDropped: 0n } as CounterSet]));
    hosts.push({ id: v.id, index: i, counters, previous: new Map(), mtu: new Map(), roaming: Array.from({ length: 8 }, () => rand() < 0.5), dupMac: false, lastRuns: [] });
  }
  const pairs = [
    [hosts[0]!, hosts[1]!],
    [hosts[2]!, hosts[3]!],
  ] as const;

  const insertRun = db.prepare(
    `INSERT INTO "Run" ("hostId", "status", "startedAt", "finishedAt", "durationMs", "commands", "hasSnapshot", "snapshotRunId", "shellStarts", "channels") VALUES (?, 'ok', ?, ?, ?, ?, 1, ?, 1, 1)`,
  );
  const insertSample = db.prepare(
    `INSERT INTO "InterfaceSample" ("hostId", "runId", "name", "at", "rxBytes", "txBytes", "rxPackets", "txPackets", "rxErrors", "txErrors", "rxDropped", "txDropped", "seconds", "rxBps", "txBps", "errors", "drops") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const moveHost = db.prepare(`UPDATE "Host" SET "lastCollectedRunId" = ?, "previousCollectedRunId" = ? WHERE "id" = ?`);
  const snapshotOf = db.prepare(`SELECT "latestSnapshotRunId" AS id FROM "Host" WHERE "id" = ?`);
  const storedOwn = db.prepare(`SELECT "snapshotRunId" = "id" AS own FROM "Run" WHERE "id" = ?`);
  type Pending = { h: SimHost; t: number; nics: InterfaceRow[] };
  let pending: Pending[] = [];
  const flush = db.transaction((rows: Pending[]) => {
    const moved = new Set<SimHost>();
    for (const { h, t, nics } of rows) {
      const snapshotRunId = (snapshotOf.get(h.id) as { id: number }).id;
      const runId = Number(insertRun.run(h.id, sqliteDate(t), sqliteDate(t + 900), 900, commandsJson, snapshotRunId).lastInsertRowid);
      for (const n of nics) {
        const before = h.previous.get(n.name);
        const r = sampleRates(n, before?.c ?? null, before ? (t - before.at) / 1000 : null, n.speedMbps);
        insertSample.run(h.id, runId, n.name, sqliteDate(t), n.rxBytes, n.txBytes, n.rxPackets, n.txPackets, n.rxErrors, n.txErrors, n.rxDropped, n.txDropped, r.seconds, r.rxBps, r.txBps, r.errors, r.drops);
        h.previous.set(n.name, { at: t, c: n });
      }
      h.lastRuns = [runId, ...h.lastRuns].slice(0, 2);
      moved.add(h);
    }
    for (const h of moved) moveHost.run(h.lastRuns[0] ?? null, h.lastRuns[1] ?? null, h.id);
  });
  const flushPending = () => {
    if (pending.length > 0) flush(pending);
    pending = [];
  };

  const realStoreMs: number[] = [];
  let stored = 0;
  let confirmed = 0;
  const housekeepingMs: number[] = [];
  // Neighbor churn: each host about three changes a day, at random slots.
  const churnChance = 3 / 288;
  for (let t = start; t < now; t += SLOT_MS) {
    const day = Math.floor((t - start) / DAY);
    let evaluate = false;
    for (const h of hosts) {
      advance(h, t, day);
      let changed = t === start;
      if (rand() < churnChance) {
        const i = Math.floor(rand() * h.roaming.length);
        h.roaming[i] = !h.roaming[i];
        changed = true;
      }
      // One MTU change in the year: jumbo frames on one host's storage NIC.
      if (h.index === 3 && day === Math.floor(DAYS * 0.55) && t % DAY === 0) {
        h.mtu.set("eth1", 9000);
        changed = evaluate = true;
      }
      // A duplicate MAC for a week.
      const dup = h.index === 5 && day >= Math.floor(DAYS * 0.3) && day < Math.floor(DAYS * 0.3) + 7;
      if (dup !== h.dupMac) {
        h.dupMac = dup;
        changed = evaluate = true;
      }
      const nics = nicRows(h);
      if (changed || t >= realFrom) {
        flushPending();
        const t0 = process.hrtime.bigint();
        const runId = await startRun(h.id, new Date(t), "bench-year");
        const snapshot: Snapshot = { platform: "linux", hostname: `year-h${h.index}`, kernel: "Linux 6.1.0-28-amd64 x86_64", interfaces: nics, neighbors: neighborRows(h, t / SLOT_MS), commands: [] };
        await finishRun(runId, { status: "ok", finishedAt: new Date(t + 900), snapshot });
        if (t >= realFrom) realStoreMs.push(ms(t0));
        for (const n of nics) h.previous.set(n.name, { at: t, c: n });
        h.lastRuns = [runId, ...h.lastRuns].slice(0, 2);
        if ((storedOwn.get(runId) as { own: number }).own) stored++;
        else confirmed++;
      } else {
        pending.push({ h, t, nics });
        confirmed++;
      }
    }
    // Every host has one collection: the "empty" database the aged one is compared with.
    if (t === start) await afterFirstSlot();
    if (t % HOUR === 0) {
      flushPending();
      // Hourly iperf on two pairs; the second pair's return path goes through the gateway for a month.
      for (const [c, s] of pairs) {
        const run = await createIperfRun({ clientHostId: c.id, serverHostId: s.id, durationSec: 10, parallel: 1, protocol: "tcp", direction: "both", omitSec: 0, simultaneous: false });
        await claimIperfRun(run.id, [c.id, s.id], "bench-year", new Date(t));
        const asym = s === hosts[3] && day >= Math.floor(DAYS * 0.7) && day < Math.floor(DAYS * 0.7) + 30;
        const fwd = 940e6 * (0.95 + 0.05 * rand());
        const rev = asym ? 610e6 : 935e6 * (0.95 + 0.05 * rand());
        const flow = (bps: number) => ({ bitsPerSecond: bps, sentBitsPerSecond: bps, bytes: bps * 1.25, sentBytes: bps * 1.25, retransmits: 0, jitterMs: null, lostPercent: null, cpuClientPercent: 12, cpuServerPercent: 20 });
        const intervals = (bps: number) => Array.from({ length: 10 }, (_, i) => ({ start: i, end: i + 1, bitsPerSecond: bps, retransmits: 0, jitterMs: null, lostPercent: null, omitted: false }));
        await finishIperfRun(run.id, "bench-year", {
          status: "done",
          finishedAt: new Date(t + 25_000),
          clientRoute: asym ? `10.20.${s.index}.10 via 10.20.${c.index}.1 dev eth0 src 10.20.${c.index}.10 uid 0` : `10.30.0.${10 + s.index} dev eth1 src 10.30.0.${10 + c.index} uid 0`,
          forward: flow(fwd),
          reverse: flow(rev),
          verdictKeys: asym ? [`iperf-asymmetry:${c.id}-${s.id}`] : [],
          outputs: [
            { direction: "forward", intervals: { forward: intervals(fwd) }, clientRaw: iperfRaw, serverRaw: null },
            { direction: "reverse", intervals: { reverse: intervals(rev) }, clientRaw: iperfRaw, serverRaw: null },
          ],
        });
      }
    }
    if (evaluate || (t % DAY === 12 * HOUR)) {
      flushPending();
      const at = new Date(t + SLOT_MS);
      await syncFindings(COLLECTION_SCOPE, await evaluateInTurns(await loadAnalysisInput(at)), at);
    }
    if (t % DAY === DAY - SLOT_MS) {
      flushPending();
      // Housekeeping as the server runs it, once a simulated day (its hourly passes, in one).
      const t0 = process.hrtime.bigint();
      await runHousekeeping(new Date(t + SLOT_MS + HOUR));
      housekeepingMs.push(ms(t0));
      if (day % 30 === 29) console.log(`  day ${day + 1} of ${DAYS}: ${(fs.statSync(sqliteFile()).size / 1e6).toFixed(0)} MB`);
    }
  }
  flushPending();
  return { housekeepingMs, realStoreMs, stored, confirmed };
}

async function main() {
  const lab = JSON.parse(fs.readFileSync(labFile, "utf8")) as { clientKeyPath: string; hosts: { name: string; address: string; port: number; username: string }[] };
  const { connect } = await import("./api-client.mjs");
  const api: Call = await connect(base, process.env.NETDIAG_ADMIN_USER, process.env.NETDIAG_ADMIN_PASSWORD);
  const login = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ username: process.env.NETDIAG_ADMIN_USER, password: process.env.NETDIAG_ADMIN_PASSWORD }) });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  if (!cookie) throw new Error(`login: ${login.status}`);

  // One real lab host beside the simulated ones, collected over SSH by the server.
  const l = lab.hosts[0]!;
  const reg = (await api("POST", "/api/hosts", { name: l.name, address: l.address, port: l.port, username: l.username, privateKey: fs.readFileSync(lab.clientKeyPath, "utf8") })) as { status: number; data: { id: number } };
  if (reg.status !== 201) throw new Error(`registering ${l.name}: ${reg.status} ${JSON.stringify(reg.data)}`);
  await timeCollections(api, reg.data.id, 2);
  const emptyCollect = await timeCollections(api, reg.data.id, 7);
  let emptyEval: number[] = [];

  console.log(`\nGenerating ${DAYS} days of five-minute collections for ${HOSTS} hosts (the last ${REAL_DAYS} days through finishRun)...`);
  const db = new Database(sqliteFile());
  db.pragma("busy_timeout = 10000");
  const t0 = process.hrtime.bigint();
  const g = await generate(db, Date.now() - 10 * 60_000, async () => {
    await timeEvaluation(2);
    emptyEval = await timeEvaluation(7);
  });
  const genS = ms(t0) / 1000;
  const final = await runHousekeeping(new Date());
  db.pragma("wal_checkpoint(TRUNCATE)");
  const bytes = fs.statSync(sqliteFile()).size;
  const counts = Object.fromEntries(
    ["Run", "Interface", "Neighbor", "InterfaceSample", "InterfaceRollup", "InterfaceEvent", "NeighborEvent", "Finding", "IperfRun", "IperfOutput", "MtuProbe"].map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n]),
  );
  db.close();

  const agedCollect = await timeCollections(api, reg.data.id, 7);
  const agedEval = await timeEvaluation(7);

  const host = (await api("GET", "/api/hosts")) as { data: { items?: { id: number; name: string }[] } | { id: number; name: string }[] };
  const items = Array.isArray(host.data) ? host.data : (host.data.items ?? []);
  const busy = items.find((h) => h.name === "year-h01")!;
  const peer = items.find((h) => h.name === "year-h02")!;
  const yearAgo = new Date(Date.now() - 365 * DAY).toISOString();
  const pages: [string, string][] = [
    ["host page", `/hosts/${busy.id}`],
    ["traffic API, 1 y", `/api/hosts/${busy.id}/interfaces/eth0/traffic?range=1y`],
    ["traffic API, 30 d", `/api/hosts/${busy.id}/interfaces/eth0/traffic?range=30d`],
    ["traffic API, 7 d", `/api/hosts/${busy.id}/interfaces/eth0/traffic?range=7d`],
    ["traffic API, 24 h", `/api/hosts/${busy.id}/interfaces/eth0/traffic?range=24h`],
    ["iperf history API, 1 y", `/api/iperf/history?client=${busy.id}&server=${peer.id}&from=${encodeURIComponent(yearAgo)}`],
    ["overview", "/"],
    ["findings", "/findings"],
    ["settings", "/settings"],
  ];
  // Prometheus scrapes with a token (a session is refused there).
  const made = (await api("POST", "/api/tokens", { name: "bench-metrics" })) as { data: { token?: string } };
  const scrape: [string, string, Record<string, string>][] = [["metrics (Prometheus scrape)", "/metrics", { authorization: `Bearer ${made.data.token ?? ""}` }]];

  const perHostDay = bytes / (HOSTS + 1) / DAYS;
  console.log(`\nA year of history: ${HOSTS} hosts, ${DAYS} days, five-minute collections (generated in ${genS.toFixed(0)} s)`);
  console.log(`collections: ${g.stored + g.confirmed} (${g.stored} stored a snapshot, ${g.confirmed} confirmed one)`);
  console.log(`rows kept: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  console.log(`database after housekeeping: ${(bytes / 1e6).toFixed(1)} MB (target <= 1000 MB); ${(perHostDay / 1e3).toFixed(1)} KB per host per day`);
  console.log(`housekeeping for one day of data: median ${median(g.housekeepingMs).toFixed(0)} ms, p95 ${p95(g.housekeepingMs).toFixed(0)} ms; final pass ${final.ms} ms`);
  console.log(`storing one collection (finishRun, last ${REAL_DAYS} days): median ${median(g.realStoreMs).toFixed(1)} ms, p95 ${p95(g.realStoreMs).toFixed(1)} ms`);
  console.log(`\nserver time, p95 of ${REQUESTS} requests (target <= 150 ms)`);
  for (const [name, path, headers] of [...pages.map(([n, p]) => [n, p, { cookie }] as const), ...scrape]) {
    const r = await timeRequests(headers, path);
    console.log(`  ${name.padEnd(26)} p95 ${r.p95.toFixed(0).padStart(5)} ms   median ${r.median.toFixed(0).padStart(5)} ms   ${(r.bytes / 1024).toFixed(0)} KB`);
  }
  const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);
  console.log(`\nreal collection of ${l.name} over SSH: empty ${median(emptyCollect).toFixed(0)} ms, aged ${median(agedCollect).toFixed(0)} ms: ${ratio(agedCollect, emptyCollect)}x (target <= 1.2x)`);
  console.log(`findings evaluation (${HOSTS + 1} hosts): empty ${median(emptyEval).toFixed(0)} ms, aged ${median(agedEval).toFixed(0)} ms: ${ratio(agedEval, emptyEval)}x (target <= 1.2x)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
