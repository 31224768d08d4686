import { execFileSync } from "node:child_process";
import { GET as historyRoute } from "@/app/api/iperf/history/route";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { collectAll } from "@/lib/jobs/collect";
import { getDb } from "@/lib/db";
import { createHost } from "@/lib/queries/hosts";
import { getIperfRunDetail, getIperfRunRaw } from "@/lib/queries/iperf-runs";
import { createIperfSchedule, getIperfSchedule } from "@/lib/queries/iperf-schedules";
import { listIperfPeers, getIperfMatrix } from "@/lib/queries/iperf-stats";
import { listFindings } from "@/lib/queries/findings";
import { getIperfHistory } from "@/lib/queries/iperf-stats";
import { subscribe } from "@/lib/jobs/iperf/live";
import { cancelIperfRun, submitIperfRun, waitForIperfRun } from "@/lib/jobs/iperf/queue";
import { runDueJobs } from "@/lib/jobs/scheduler";
import type { IperfParams, LiveEvent } from "@/lib/domain/iperf";
import { hostWithRole, lab, labKey, readLab, type Lab, type LabHost, startWithNoHosts } from "./lab";

// Real iperf3 between the lab's hosts, through netdiag's runner over SSH. Durations are 2 s
// (the machine has 2 shared cores; iperf3 over veths eats them): no test asserts timing.
let l: Lab;
const ids = new Map<string, number>();
const idOf = (h: LabHost) => ids.get(h.name) as number;
let shaped: LabHost, a: LabHost, b: LabHost, c: LabHost, d: LabHost, noIperf: LabHost;

const params = (client: LabHost, server: LabHost, over: Partial<IperfParams> = {}): IperfParams => ({
  clientHostId: idOf(client),
  serverHostId: idOf(server),
  durationSec: 2,
  parallel: 1,
  protocol: "tcp",
  direction: "both",
  omitSec: 0,
  simultaneous: false,
  ...over,
});

async function runToEnd(p: IperfParams, events?: LiveEvent[]) {
  const run = await submitIperfRun(p);
  const stop = events ? subscribe(run.id, (e) => events.push(e)) : () => {};
  await waitForIperfRun(run.id);
  stop();
  return getIperfRunDetail(run.id);
}

/** iperf3 processes left in a lab host's namespace (none after a run, however it ended). */
function iperfProcesses(h: LabHost): string[] {
  const pids = execFileSync("ip", ["netns", "pids", h.namespace], { encoding: "utf8" }).split("\n").filter(Boolean);
  return pids.flatMap((pid) => {
    try {
      return execFileSync("cat", [`/proc/${pid}/comm`], { encoding: "utf8" }).trim() === "iperf3" ? [pid] : [];
    } catch {
      return [];
    }
  });
}

beforeAll(async () => {
  await startWithNoHosts();
  l = readLab();
  shaped = hostWithRole(l, "shaped");
  const plain = l.hosts.filter((h) => h.roles.length === 0 || h.roles.every((r) => r === "dupmac-observer" || r === "secondary-ip"));
  [a, b, c, d] = plain.length >= 4 ? (plain as [LabHost, LabHost, LabHost, LabHost]) : (l.hosts.filter((h) => h !== shaped) as [LabHost, LabHost, LabHost, LabHost]);
  noIperf = l.hosts.find((h) => ![shaped, a, b, c, d].includes(h)) ?? d;
  const privateKey = labKey(l);
  for (const h of l.hosts) {
    const created = await createHost({ name: `i-${h.name}`, address: h.address, port: h.port, username: h.username, platform: "auto", privateKey });
    ids.set(h.name, created.id);
  }
  // Snapshots give the runner the hosts' addresses (shared subnet) and NIC speeds.
  const runs = await collectAll();
  expect(runs.every((r) => r.status === "ok")).toBe(true);
});

afterAll(() => {
  if (noIperf) lab("hide-iperf", noIperf.name, "--restore");
});

describe("iperf3 between lab hosts", () => {
  test("the pair with the shaped host: forward at line rate, reverse ~300 Mbit/s, flagged asymmetric with both routes; live intervals streamed", async () => {
    const events: LiveEvent[] = [];
    const run = await runToEnd(params(a, shaped), events);
    expect(run).toMatchObject({ status: "done", error: null, serverAddress: shaped.address, serverAddressManual: false, clientAddress: a.address, protocol: "tcp" });
    console.log(`iperf: ${a.name} -> ${shaped.name} ${(run.forward!.bitsPerSecond! / 1e6).toFixed(0)} Mbit/s, back ${(run.reverse!.bitsPerSecond! / 1e6).toFixed(0)} Mbit/s`);
    expect(run.forward?.bitsPerSecond).toBeGreaterThan(1e9);
    expect(run.reverse?.bitsPerSecond).toBeGreaterThan(200e6);
    expect(run.reverse?.bitsPerSecond).toBeLessThan(330e6);
    for (const f of [run.forward, run.reverse]) {
      expect(f).toMatchObject({ sentBitsPerSecond: expect.any(Number), bytes: expect.any(Number), retransmits: expect.any(Number), cpuClientPercent: expect.any(Number), cpuServerPercent: expect.any(Number), jitterMs: null, lostPercent: null });
    }
    expect(run.port).toBeGreaterThanOrEqual(5201);
    expect(run.clientVersion).toMatch(/^3\.\d+/);
    expect(run.routes.client).toContain(`${shaped.address} dev eth0 src ${a.address}`);
    expect(run.routes.server).toContain(`${a.address} dev eth0 src ${shaped.address}`);
    expect(run.interfaces).toMatchObject({ client: "eth0", server: "eth0" });
    expect(run.intervals.forward.length).toBeGreaterThanOrEqual(2);
    expect(run.intervals.reverse.length).toBeGreaterThanOrEqual(2);

    const asym = run.findings.find((f) => f.kind === "iperf-asymmetry");
    expect(asym).toBeDefined();
    expect(asym?.hostIds).toEqual([idOf(a), idOf(shaped)]);
    expect(asym?.evidence.filter((e) => e.source === "ip route get").map((e) => e.fields.route)).toEqual([
      expect.stringContaining(`${shaped.address} dev eth0`),
      expect.stringContaining(`${a.address} dev eth0`),
    ]);
    // Stored as tracked findings too, on both hosts.
    const tracked = await listFindings({ hostId: idOf(shaped), kind: "iperf-asymmetry" });
    expect(tracked.map((f) => [f.scope, f.status, f.hostIds])).toEqual([[`iperf:${idOf(a)}-${idOf(shaped)}`, "open", [idOf(a), idOf(shaped)]]]);

    // Live: per-second intervals of both directions went out while the test ran, then "done".
    const intervals = events.filter((e) => e.type === "interval");
    expect(intervals.filter((e) => e.flow === "forward").length).toBeGreaterThanOrEqual(1);
    expect(intervals.filter((e) => e.flow === "reverse").length).toBeGreaterThanOrEqual(1);
    expect(events.some((e) => e.type === "progress")).toBe(true);
    expect(events.at(-1)?.type).toBe("done");

    // The raw outputs are kept: client JSON and server text per direction.
    const raw = await getIperfRunRaw(run.id);
    expect(raw.map((r) => r.direction)).toEqual(["forward", "reverse"]);
    expect(JSON.parse(raw[0]?.clientRaw ?? "{}").end.sum_received.bits_per_second / (run.forward?.bitsPerSecond ?? 1)).toBeCloseTo(1, 9);
    expect(raw[1]?.serverRaw).toMatch(/Server listening on \d+/);
    expect(iperfProcesses(a)).toEqual([]);
    expect(iperfProcesses(shaped)).toEqual([]);
  });

  test("the iperf3 server listens only on the address the client was given, not on every network of the host", async () => {
    let listeners: string[] | null = null;
    const run = await submitIperfRun(params(b, c, { direction: "forward" }));
    // While data flows the server is certainly listening: read its sockets then.
    const stop = subscribe(run.id, (e) => {
      if (e.type !== "interval" || listeners) return;
      listeners = execFileSync("ip", ["netns", "exec", c.namespace, "ss", "-Hltnp"], { encoding: "utf8" })
        .split("\n")
        .filter((line) => line.includes('"iperf3"'))
        .map((line) => line.trim().split(/\s+/)[3]!);
    });
    await waitForIperfRun(run.id);
    stop();
    const detail = await getIperfRunDetail(run.id);
    expect(detail.status).toBe("done");
    expect(listeners).toEqual([`${c.address}:${detail.port}`]);
  });

  test("a pair of unshaped hosts (paced to 1 Gbit/s, like a gigabit link) is not flagged asymmetric", async () => {
    const run = await runToEnd(params(a, b, { bitrateMbps: 1000 }));
    expect(run.status).toBe("done");
    console.log(`iperf: ${a.name} <-> ${b.name} at 1G pacing: ${(run.forward!.bitsPerSecond! / 1e6).toFixed(0)} / ${(run.reverse!.bitsPerSecond! / 1e6).toFixed(0)} Mbit/s`);
    expect(run.forward?.bitsPerSecond).toBeGreaterThan(800e6);
    expect(run.reverse?.bitsPerSecond).toBeGreaterThan(800e6);
    expect(run.findings.map((f) => f.kind)).not.toContain("iperf-asymmetry");
  });

  test("a host without iperf3 (hidden from its PATH) gives a failed run that says how to install it", async () => {
    lab("hide-iperf", noIperf.name);
    const run = await runToEnd(params(a, noIperf));
    expect(run).toMatchObject({ status: "failed", errorCode: "iperf3-missing", forward: null, reverse: null });
    expect(run.error).toBe(`iperf3 is not installed on i-${noIperf.name} (the server, Linux): install it with \`apt install iperf3\`.`);
    lab("hide-iperf", noIperf.name, "--restore");
  });

  test("two runs on the same host queue instead of colliding; the second shows its position", async () => {
    const first = await submitIperfRun(params(b, c, { direction: "forward" }));
    const second = await submitIperfRun(params(c, d, { direction: "forward" }));
    expect(["queued", "running"]).toContain(first.status); // both hosts free: it starts at once
    expect(second).toMatchObject({ status: "queued", position: 1 });
    await Promise.all([waitForIperfRun(first.id), waitForIperfRun(second.id)]);
    const [r1, r2] = await Promise.all([getIperfRunDetail(first.id), getIperfRunDetail(second.id)]);
    expect(r1.status).toBe("done");
    expect(r2.status).toBe("done");
    expect(Date.parse(r2.startedAt ?? "")).toBeGreaterThanOrEqual(Date.parse(r1.finishedAt ?? ""));
  });

  test("cancel: a running test is stopped on both ends and marked cancelled", async () => {
    const run = await submitIperfRun(params(a, b, { durationSec: 30, direction: "forward" }));
    await new Promise<void>((resolve) => {
      const stop = subscribe(run.id, (e) => {
        if (e.type === "interval") {
          stop();
          resolve();
        }
      });
    });
    const cancelled = await cancelIperfRun(run.id);
    expect(cancelled).toMatchObject({ status: "cancelled", errorCode: "cancelled" });
    // Stopped mid-test: fewer than the 30 one-second intervals of the whole test were measured.
    const detail = await getIperfRunDetail(run.id);
    expect(detail.intervals.forward.length).toBeLessThan(30);
    expect(iperfProcesses(a)).toEqual([]);
    expect(iperfProcesses(b)).toEqual([]);
  });

  test("a queued run can be cancelled before it starts", async () => {
    const first = await submitIperfRun(params(a, b, { direction: "forward" }));
    const second = await submitIperfRun(params(b, c, { direction: "forward" }));
    expect((await cancelIperfRun(second.id)).status).toBe("cancelled");
    await waitForIperfRun(first.id);
    expect((await getIperfRunDetail(second.id)).startedAt).toBeNull();
  });

  test("the server address overridden to another host's: the server cannot listen there, and the run says so instead of listening everywhere", async () => {
    const run = await runToEnd(params(a, b, { serverAddress: c.address, direction: "forward" }));
    expect(run).toMatchObject({ status: "failed", errorCode: "server-failed", serverAddress: c.address, serverAddressManual: true });
    expect(run.error).toContain(`The iperf3 server on i-${b.name} cannot listen on ${c.address}: that address is not on the host`);
    expect(iperfProcesses(b)).toEqual([]);
    expect(iperfProcesses(c)).toEqual([]);
  });

  test("the default port busy on the server: the next free port is used", async () => {
    lab("exec", b.name, "--", "iperf3", "-s", "-D", "-p", "5201");
    try {
      const run = await runToEnd(params(a, b, { direction: "forward" }));
      expect(run).toMatchObject({ status: "done", port: 5202 });
    } finally {
      lab("exec", b.name, "--", "pkill", "-x", "iperf3");
    }
  });

  test("a host that is down: a failed run naming it", async () => {
    lab("sshd-stop", d.name);
    try {
      const run = await runToEnd(params(a, d));
      expect(run).toMatchObject({ status: "failed", errorCode: "host-down" });
      expect(run.error).toContain(`Could not reach i-${d.name} (the server)`);
    } finally {
      lab("sshd-start", d.name);
    }
  });

  test("UDP: the receiver's rate, jitter and loss in each direction", async () => {
    const run = await runToEnd(params(a, shaped, { protocol: "udp", bitrateMbps: 200 }));
    expect(run.status).toBe("done");
    for (const f of [run.forward, run.reverse]) {
      expect(f).toMatchObject({ retransmits: null, jitterMs: expect.any(Number), lostPercent: expect.any(Number) });
      expect(f?.bitsPerSecond).toBeGreaterThan(100e6);
    }
  });

  test("--bidir when both ends support it: one client run, both flows", async () => {
    const run = await runToEnd(params(a, shaped, { simultaneous: true }));
    expect(run.status).toBe("done");
    expect(run.reverse?.bitsPerSecond).toBeLessThan(330e6);
    expect(run.forward?.bitsPerSecond).toBeGreaterThan(run.reverse?.bitsPerSecond ?? 0);
    expect((await getIperfRunRaw(run.id)).map((r) => r.direction)).toEqual(["bidir"]);
  });
});

describe("results over time", () => {
  test("history, host page peers and the matrix read the stored runs", async () => {
    await runToEnd(params(a, shaped));
    const h = await getIperfHistory(idOf(a), idOf(shaped), new Date(Date.now() - 3_600_000), new Date());
    expect(h.forward.length).toBeGreaterThanOrEqual(2);
    expect(h.reverse.length).toBe(h.forward.length);
    for (const p of h.reverse) expect(p.avg).toBeLessThan(330e6);

    // A run started the other way round (the shaped host as client) is the same pair's history,
    // its directions swapped: "reverse" stays shaped -> a, the slow one, on every point.
    await runToEnd(params(shaped, a));
    const both = await getIperfHistory(idOf(a), idOf(shaped), new Date(Date.now() - 3_600_000), new Date());
    expect(both.runs).toBe(h.runs + 1);
    for (const p of both.reverse) expect(p.max).toBeLessThan(330e6);

    const peers = await listIperfPeers(idOf(shaped));
    const fromA = peers.find((p) => p.peerId === idOf(a));
    expect(fromA?.latest.receiveBps).toBeGreaterThan(1e9); // h4 receives at line rate
    expect(fromA?.latest.sendBps).toBeLessThan(330e6); // and sends through its shaper
    expect(fromA?.points.length).toBeGreaterThanOrEqual(2);

    const m = await getIperfMatrix();
    const cell = m.cells.find((x) => x.fromId === idOf(shaped) && x.toId === idOf(a));
    expect(cell?.bitsPerSecond).toBeLessThan(330e6);
    expect(cell?.linkMbps).toBe(10000);
  });

  test("a year of hourly runs loads as at most 500 points per series (avg with min/max), quickly", async () => {
    const privateKey = labKey(l);
    const x = await createHost({ name: "year-client", address: "192.0.2.1", port: 22, username: "root", platform: "linux", privateKey });
    const y = await createHost({ name: "year-server", address: "192.0.2.2", port: 22, username: "root", platform: "linux", privateKey });
    const end = Date.now();
    const rows = Array.from({ length: 24 * 365 }, (_, i) => {
      const at = new Date(end - i * 3_600_000);
      return {
        clientHostId: x.id,
        serverHostId: y.id,
        durationSec: 10,
        parallel: 1,
        protocol: "tcp",
        direction: "both",
        omitSec: 1,
        status: "done",
        createdAt: at,
        startedAt: at,
        finishedAt: at,
        fwdBitsPerSecond: 940e6 - (i % 24) * 1e6,
        revBitsPerSecond: 300e6 + (i % 7) * 1e6,
        // Runs 100-199 (counted back from now) asymmetric; the client's route through a gateway
        // before run 5000; every route carries iproute2's cache noise.
        verdictKeys: i >= 100 && i < 200 ? JSON.stringify([`iperf-asymmetry:${x.id}-${y.id}`]) : "[]",
        clientRoute: `192.0.2.2 ${i >= 5000 ? "via 192.0.2.254 " : ""}dev eth0 src 192.0.2.1 uid 0 \n    cache ${i % 3 ? "" : `expires ${i % 600}sec mtu 1400`}\n`,
        serverRoute: "192.0.2.1 dev eth0 src 192.0.2.2 uid 0 \n    cache \n",
      };
    });
    const db = await getDb();
    for (let i = 0; i < rows.length; i += 1000) await db.iperfRun.createMany({ data: rows.slice(i, i + 1000) });
    const started = performance.now();
    const h = await getIperfHistory(x.id, y.id, new Date(end - 366 * 86_400_000), new Date(end + 1000));
    const ms = performance.now() - started;
    console.log(`iperf history: ${h.runs} runs -> ${h.forward.length} + ${h.reverse.length} points in ${ms.toFixed(0)} ms (bucket ${Math.round(h.bucketMs / 60_000)} min)`);
    expect(h.runs).toBe(24 * 365);
    expect(h.forward.length).toBeLessThanOrEqual(500);
    expect(h.reverse.length).toBeLessThanOrEqual(500);
    expect(h.forward.reduce((n, p) => n + p.n, 0)).toBe(24 * 365);
    expect(Math.min(...h.forward.map((p) => p.min))).toBe(940e6 - 23e6);
    expect(Math.max(...h.reverse.map((p) => p.max))).toBe(306e6);
    // Flags from the same read: where the asymmetry began and ended, where the route changed.
    expect(h.flags.map((f) => [f.kind, f.phase, f.t])).toEqual([
      ["route-change", null, end - 4999 * 3_600_000],
      ["iperf-asymmetry", "began", end - 199 * 3_600_000],
      ["iperf-asymmetry", "ended", end - 99 * 3_600_000],
    ]);
    expect(h.flags[0]?.label).toBe("year-client's route changed: dev eth0 (was via 192.0.2.254 dev eth0)");

    // The same year downloaded from the history API: one CSV row per run (read a page at a
    // time), with the pair's names and both directions.
    const url = `http://localhost/api/iperf/history?client=${x.id}&server=${y.id}&from=${new Date(end - 366 * 86_400_000).toISOString()}&to=${new Date(end + 1000).toISOString()}&format=csv`;
    const res = await historyRoute(new Request(url), undefined as never);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="netdiag-iperf-history-\d{4}-\d\d-\d\d\.csv"$/);
    const lines = (await res.text()).split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(1 + 24 * 365);
    const header = lines[0]!.replace(/^\uFEFF/, "").split(",");
    const csvRows = lines.slice(1).map((line) => Object.fromEntries(line.split(",").map((v, i) => [header[i], v])));
    const newest = csvRows.find((r) => r.created_at === new Date(end).toISOString());
    expect(newest).toMatchObject({ status: "done", client: "year-client", server: "year-server", forward_bps: "940000000", reverse_bps: "300000000", protocol: "tcp" });
    expect(new Set(csvRows.map((r) => r.id)).size).toBe(24 * 365);
    const bad = await historyRoute(new Request(`${url.replace("format=csv", "format=xml")}`), undefined as never);
    expect([bad.status, (await bad.json()).error.code]).toEqual([400, "validation"]);
  });

  test("a due schedule queues a run through the same queue, and its next slot is stored", async () => {
    const s = await createIperfSchedule(
      { clientHostId: idOf(c), serverHostId: idOf(d), intervalMinutes: 360, durationSec: 2, parallel: 1, protocol: "tcp", direction: "forward", omitSec: 0, simultaneous: false, enabled: true },
      new Date(Date.now() - 1000),
    );
    const [job] = await runDueJobs(new Date());
    const runId = job?.queuedRunId;
    expect(runId).toEqual(expect.any(Number));
    await waitForIperfRun(runId as number);
    expect(await getIperfRunDetail(runId as number)).toMatchObject({ status: "done", scheduleId: s.id });
    const after = await getIperfSchedule(s.id);
    expect(Date.parse(after.nextDueAt)).toBeGreaterThan(Date.now() + 5 * 3_600_000);
    expect(await runDueJobs(new Date())).toEqual([]);
  });
});
