import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { singleton } from "@/lib/singleton";
import { HEARTBEAT_MS, isLive, scopedSites, serves } from "@/lib/domain/collectors";
import { beatCollector, getHostSite, listCollectors, listHostSites, recordCollectorJob, registerCollector, stopCollector } from "@/lib/queries/collectors";

// This process as a collector: its identity, its heartbeat, and which hosts it may collect
// (lib/domain/collectors.ts decides; this file reads the table and the environment).

type Self = { id: string; timer?: NodeJS.Timeout; registered: boolean };
const self = singleton<Self>("collector-process", () => ({ id: crypto.randomUUID(), registered: false }));

export const collectorId = (): string => self.id;

function version(): string {
  try {
    return String(JSON.parse(fs.readFileSync(path.join(process.cwd(), "package.json"), "utf8")).version);
  } catch {
    return "unknown";
  }
}

/** Registers this process and beats every HEARTBEAT_MS until stopped. */
export async function startHeartbeat(): Promise<void> {
  if (self.registered) return;
  self.registered = true;
  const now = new Date();
  const { site, role } = env();
  await registerCollector({ id: self.id, site, role, version: version(), hostname: os.hostname(), pid: process.pid, startedAt: now, lastSeenAt: now });
  self.timer = setInterval(() => {
    void beatCollector(self.id, new Date()).catch((err: unknown) => console.error("netdiag: heartbeat:", err instanceof Error ? err.message : err));
  }, HEARTBEAT_MS);
  self.timer.unref();
}

/** A clean stop: the site is handed over at once instead of after the heartbeat lapses. */
export async function stopHeartbeat(): Promise<void> {
  clearInterval(self.timer);
  if (self.registered) await stopCollector(self.id, new Date());
}

export const countJob = (): Promise<void> => (self.registered ? recordCollectorJob(self.id, new Date()) : Promise.resolve());

/** The processes alive now (this one included): their collections in flight are theirs, not leftovers. */
export async function liveCollectorIds(): Promise<string[]> {
  const now = Date.now();
  return [self.id, ...(await listCollectors()).filter((c) => isLive(c, now)).map((c) => c.id)];
}

/** Whether this process collects hosts at `site` right now. */
export async function servesSite(site: string): Promise<boolean> {
  return serves(env().site, site, scopedSites(await listCollectors(), self.id));
}

/** The ids of the hosts this process collects right now (all of them on a single-site install). */
export async function servedHostIds(): Promise<number[]> {
  const scoped = scopedSites(await listCollectors(), self.id);
  return (await listHostSites()).filter((h) => serves(env().site, h.site, scoped)).map((h) => h.id);
}

/** The site of `hostId` when another process is the one that reaches it; null when this one does. */
export async function siteElsewhere(hostId: number): Promise<string | null> {
  const h = await getHostSite(hostId);
  return !h || (await servesSite(h.site)) ? null : h.site;
}

/**
 * Refuses work on a host another live collector is responsible for: its site is reachable from
 * there, maybe not from here, and two processes must not collect it.
 */
export async function assertServedHere(hostId: number): Promise<void> {
  const h = await getHostSite(hostId);
  if (!h || (await servesSite(h.site))) return;
  const mine = env().site;
  throw new AppError(
    "remote_site",
    409,
    mine !== null
      ? `${h.name} is at site "${h.site}"; this netdiag collects site "${mine}" only`
      : `${h.name} is at site "${h.site}", which its own collector collects: it runs there, where the host can be reached`,
  );
}

/**
 * Where an iperf test between two hosts runs: "here" when this process reaches both ends;
 * "there" when both are at a site with a collector of its own, which runs it (the run waits for
 * it while it is down, like the site's collections). Refused when no one process reaches both.
 */
export async function iperfRunsWhere(clientHostId: number, serverHostId: number): Promise<"here" | "there"> {
  const [a, b] = [await getHostSite(clientHostId), await getHostSite(serverHostId)];
  if (!a || !b) return "here"; // the run's own validation names the missing host
  const scoped = scopedSites(await listCollectors(), self.id);
  const mine = env().site;
  const away = [a, b].find((h) => !serves(mine, h.site, scoped));
  if (!away) return "here";
  if (a.site === b.site && scoped.has(a.site)) return "there";
  const other = away === a ? b : a;
  throw new AppError(
    "remote_site",
    409,
    mine !== null
      ? `${away.name} is at site "${away.site}"; this netdiag collects site "${mine}" only`
      : `${away.name} is at site "${away.site}", which its own collector reaches, and ${other.name} is at site "${other.site}": no one netdiag process reaches both ends of this test`,
  );
}
