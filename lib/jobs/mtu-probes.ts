import "server-only";
import { singleton } from "@/lib/singleton";
import { randomUUID } from "node:crypto";
import { detectMtuDfFailures } from "@/lib/analysis/mtu-df";
import type { DetectedFinding } from "@/lib/domain/finding";
import type { ExecResult } from "@/lib/domain/snapshot";
import { env } from "@/lib/env";
import { syncFindingsAndNotify } from "@/lib/jobs/notify";
import { getHostCredentials } from "@/lib/queries/hosts";
import { getAppSettings } from "@/lib/queries/settings";
import { createMtuProbes, getSnapshotMtus, latestProbeTimes, listLatestMtuProbes, listProbeHosts, type NewMtuProbe } from "@/lib/queries/probes";
import { SshError } from "@/lib/ssh/errors";
import type { SshSession } from "@/lib/ssh/session";
import { withHostSession } from "./host-session";
import { mapLimit } from "./map-limit";
import { dfPingCommand, parseDfPing } from "@/lib/mtu/ping";
import { dueJumboProbes, mtusChanged, planProbes, probePathKey, type PlanHost, type PlannedProbe } from "@/lib/mtu/plan";
import { reevaluateCollectionFindings } from "./evaluate-findings";
import type { ProbeBatchView } from "@/lib/domain/mtu-probe";

/** Source hosts probed at once; pings at once in one shell, or on channels of one connection (Windows). */
const SOURCES_AT_ONCE = 8;
const PINGS_PER_SHELL = 16;
const PINGS_PER_SESSION = 4;
const MAX_OUTPUT_CHARS = 2000;
export const MTU_PROBE_SCOPE = "mtu-probe";

/** Runs fn over items, at most `limit` at a time, results in input order. */
const codeOf = (err: unknown) => (err instanceof SshError ? err.code : err instanceof RangeError ? "invalid-target" : "internal");
const messageOf = (err: unknown) => (err instanceof Error ? err.message : "Unknown error");

function row(batchId: string, p: PlannedProbe, command: string): Omit<NewMtuProbe, "ok" | "output"> {
  return {
    batchId,
    at: new Date(),
    fromHostId: p.fromHostId,
    toHostId: p.toHostId,
    fromInterface: p.fromInterface,
    fromAddress: p.fromAddress,
    toAddress: p.toAddress,
    subnet: p.subnet,
    payloadBytes: p.payloadBytes,
    expectedMtu: p.fromMtu,
    peerMtu: p.toMtu,
    command,
    tooBig: false,
    transmitted: null,
    received: null,
    lossPercent: null,
    reportedMtu: null,
    rttAvgMs: null,
    error: null,
    errorCode: null,
  };
}

const failed = (base: Omit<NewMtuProbe, "ok" | "output">, code: string, error: string, output = ""): NewMtuProbe => ({
  ...base,
  ok: false,
  errorCode: code,
  error,
  output,
});

/** The probe's command, or the row saying why there is none. */
function commandOf(batchId: string, p: PlannedProbe): { command: string } | { row: NewMtuProbe } {
  let command: string | null;
  try {
    command = p.fromPlatform ? dfPingCommand(p.fromPlatform, p.toAddress, p.payloadBytes) : null;
  } catch (err) {
    return { row: failed(row(batchId, p, ""), codeOf(err), messageOf(err)) };
  }
  if (command === null) {
    return { row: failed(row(batchId, p, ""), "unsupported-platform", `netdiag has no don't-fragment ping for ${p.fromPlatform ?? "an undetected platform"} yet`) };
  }
  return { command };
}

async function ping(result: Promise<ExecResult>, batchId: string, p: PlannedProbe, command: string): Promise<NewMtuProbe> {
  const base = row(batchId, p, command);
  try {
    const r = await result;
    const output = `${r.stdout}${r.stdout && r.stderr && !r.stdout.endsWith("\n") ? "\n" : ""}${r.stderr}`;
    const kept = output.slice(0, MAX_OUTPUT_CHARS);
    const parsed = parseDfPing(output);
    const firstLine = output.trim().split(/\r?\n/)[0]?.slice(0, 160) ?? "";
    if (!parsed) {
      const missing = r.exitCode === 127;
      return failed(base, missing ? "ping-missing" : "parse", missing ? `ping is not installed on ${p.fromHostName}: ${firstLine}` : `ping output not understood: ${firstLine || "no output"}`, kept);
    }
    if (parsed.transmitted === 0 && !parsed.tooBig) {
      return failed(base, "ping-failed", `ping sent nothing: ${parsed.error ?? firstLine}`, kept);
    }
    return {
      ...base,
      ok: parsed.received > 0,
      tooBig: parsed.tooBig,
      transmitted: parsed.transmitted,
      received: parsed.received,
      lossPercent: parsed.lossPercent,
      reportedMtu: parsed.reportedMtu ?? null,
      rttAvgMs: parsed.rttAvgMs ?? null,
      output: kept,
    };
  } catch (err) {
    return failed(base, codeOf(err), messageOf(err));
  }
}

/**
 * A source's pings. POSIX hosts: all in one shell (one login, one rc-file run on the host,
 * however many peers), PINGS_PER_SHELL at once. Windows: one channel per ping,
 * PINGS_PER_SESSION at once, because netdiag's PowerShell script runs its commands in order
 * and has not been run on a real Windows host (see lib/ssh/script.ts).
 */
async function pingAll(s: SshSession, batchId: string, probes: PlannedProbe[]): Promise<NewMtuProbe[]> {
  const planned = probes.map((p) => ({ p, ...commandOf(batchId, p) }));
  const runnable = planned.flatMap((x) => ("command" in x ? [{ p: x.p, command: x.command }] : []));
  const done = new Map<PlannedProbe, NewMtuProbe>();
  for (const x of planned) if ("row" in x) done.set(x.p, x.row);
  const windows = runnable.filter((x) => x.p.fromPlatform === "windows");
  const posix = runnable.filter((x) => x.p.fromPlatform !== "windows");
  const results = posix.length > 0 ? s.startBatch(posix.map((x) => x.command), { parallel: { width: PINGS_PER_SHELL } }) : [];
  await Promise.all([
    ...posix.map(async (x, i) => done.set(x.p, await ping(results[i] ?? Promise.reject(new Error("no result")), batchId, x.p, x.command))),
    mapLimit(windows, PINGS_PER_SESSION, async (x) => done.set(x.p, await ping(s.exec(x.command), batchId, x.p, x.command))),
  ]);
  return probes.map((p) => done.get(p)!);
}

/** Every probe starting at one host, over one SSH connection; a failed login is recorded on each. */
async function probeFrom(batchId: string, fromHostId: number, probes: PlannedProbe[]): Promise<NewMtuProbe[]> {
  try {
    const host = await getHostCredentials(fromHostId);
    // Probes log in only to hosts a collection already trusted: no trust-on-first-use here.
    if (!host.pinnedFingerprint) {
      const msg = `${host.name}'s SSH host key is not pinned yet; collect the host first`;
      return probes.map((p) => failed(row(batchId, p, ""), "host-key-unpinned", msg));
    }
    return (await withHostSession(host, (s) => pingAll(s, batchId, probes))).result;
  } catch (err) {
    return probes.map((p) => failed(row(batchId, p, ""), codeOf(err), messageOf(err)));
  }
}

/**
 * Re-evaluates the whole "mtu-probe" scope: the newest result of every probe the current
 * snapshots still plan (paths of removed addresses or old MTUs drop out and resolve).
 */
export async function evaluateMtuProbes(hosts: PlanHost[], now: Date): Promise<DetectedFinding[]> {
  const planned = new Set(planProbes(hosts).map(probePathKey));
  const probes = (await listLatestMtuProbes()).filter((p) => planned.has(probePathKey(p)));
  const detected = detectMtuDfFailures({ probes });
  await syncFindingsAndNotify(MTU_PROBE_SCOPE, detected, now);
  return detected;
}

/** Runs and stores one batch of planned probes, then re-evaluates what they prove. */
async function runPlanned(hosts: PlanHost[], planned: PlannedProbe[]): Promise<ProbeBatchView> {
  const startedAt = new Date();
  const batchId = randomUUID();
  const bySource = new Map<number, PlannedProbe[]>();
  for (const p of planned) bySource.set(p.fromHostId, [...(bySource.get(p.fromHostId) ?? []), p]);
  const rows = (await mapLimit([...bySource], Math.min(SOURCES_AT_ONCE, env().collectConcurrency), ([id, ps]) => probeFrom(batchId, id, ps))).flat();
  const probes = rows.length > 0 ? await createMtuProbes(rows) : [];
  await evaluateMtuProbes(hosts, new Date());
  // The passive MTU-mismatch finding (collection scope) carries the probes that prove it.
  // During a sweep this waits for its end (lib/jobs/evaluate-findings.ts: duringSweep).
  await reevaluateCollectionFindings();
  return { batchId, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), probes };
}

/** Plans, runs and stores one batch: every path from/to `hostId`, or every path at all. */
export async function runMtuProbes(hostId?: number): Promise<ProbeBatchView> {
  const hosts = await listProbeHosts();
  return runPlanned(hosts, planProbes(hosts, hostId));
}

// One batch per host (or "all") at a time: a second request joins the one in flight.
const inFlight = singleton("mtu-probes-in-flight", () => new Map<number | "all", Promise<ProbeBatchView>>());

/** "Verify MTU": probes `hostId` against every peer sharing a subnet, both directions. */
export function verifyMtu(hostId?: number): Promise<ProbeBatchView> {
  const key = hostId ?? "all";
  const running = inFlight.get(key);
  if (running) return running;
  const p = runMtuProbes(hostId).finally(() => inFlight.delete(key));
  inFlight.set(key, p);
  return p;
}

const hooks = singleton("mtu-probe-hooks", () => new Set<Promise<unknown>>());
// Jumbo pairs being probed on their own right now: in a sweep both ends of a pair are collected
// at once, and each would otherwise find the pair due.
const claimedPairs = singleton("mtu-probe-claimed-pairs", () => new Set<string>());
const pairOf = (p: PlannedProbe) => [`${p.fromHostId}/${p.fromAddress}`, `${p.toHostId}/${p.toAddress}`].sort().join("~");

/** The jumbo paths of `hostId` that are due (never probed, or not within the cadence), each pair once. */
async function probeDueJumboPaths(hostId: number): Promise<ProbeBatchView | null> {
  const hosts = await listProbeHosts();
  const intervalMs = (await getAppSettings()).values.dfProbeIntervalHours * 3_600_000;
  const due = dueJumboProbes(hosts, hostId, await latestProbeTimes(hostId), Date.now(), intervalMs).filter((p) => !claimedPairs.has(pairOf(p)));
  if (due.length === 0) return null;
  const pairs = [...new Set(due.map(pairOf))];
  for (const k of pairs) claimedPairs.add(k);
  try {
    return await runPlanned(hosts, due);
  } finally {
    for (const k of pairs) claimedPairs.delete(k);
  }
}

/**
 * After a collection: when an interface MTU differs from the previous snapshot, probe all of
 * that host's paths; otherwise probe its jumbo paths (both ends above 1500) that were never
 * probed or are due again (NETDIAG_DF_PROBE_INTERVAL_HOURS). A switch that drops jumbo frames
 * between two 9000 hosts is thereby found on the first collection, with nobody pressing
 * "Verify MTU", and noticed again when a firmware update breaks it later. Meant to run in the
 * background: never rejects; a failure is logged, and probes record their own.
 */
export function probeAfterCollection(hostId: number): Promise<ProbeBatchView | null> {
  const p = (async () => {
    try {
      const mtus = await getSnapshotMtus(hostId);
      if (!mtus) return null;
      if (mtusChanged(mtus.previous, mtus.latest)) return await verifyMtu(hostId);
      // No interface above 1500 here: no jumbo pair from or to this host (the common case,
      // answered without reading every host's interfaces).
      if (!mtus.latest.some((i) => (i.mtu ?? 0) > 1500)) return null;
      return await probeDueJumboPaths(hostId);
    } catch (err) {
      console.error(`netdiag: MTU probes after collecting host ${hostId} failed:`, messageOf(err));
      return null;
    }
  })();
  hooks.add(p);
  void p.finally(() => hooks.delete(p));
  return p;
}

/** Resolves when no probe batch or post-collection check is running (tests, shutdown). */
export async function mtuProbesIdle(): Promise<void> {
  while (inFlight.size > 0 || hooks.size > 0) await Promise.allSettled([...inFlight.values(), ...hooks]);
}
