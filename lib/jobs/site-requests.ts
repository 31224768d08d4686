import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { RunSummary } from "@/lib/domain/views";
import type { ProbeBatchView } from "@/lib/domain/mtu-probe";
import { queueRunning, request, serve, type JobTerms } from "./boss";
import { collectHost, collectionBoundSeconds } from "./collect";
import { assertServedHere, siteElsewhere } from "./collector-process";
import { verifyMtu } from "./mtu-probes";

// "Collect now" and "Verify MTU" on a host that only its site's collector reaches. On
// PostgreSQL the process the user asked hands the request to that site through the job queue
// and answers with what the collector found, as if it had run here. On SQLite there is no queue
// between processes: such a request is refused (409 remote_site) and names the site.

type SiteRequest = { kind: "collect" | "verify-mtu"; hostId: number };
type Reply = { ok: true; value: object } | { ok: false; code: string; status: number; message: string };

const queueOf = (site: string) => `site-request:${site}`;

/** A collection or a probe batch: a login and a few rounds of commands, each bounded by the SSH timeouts. */
const terms = (): JobTerms => ({ expireInSeconds: collectionBoundSeconds(), retryLimit: 0 });

/** A collector polls its site's requests every second: one not taken in this long has no collector to go to. */
const PICKUP_MS = 15_000;

async function atHostSite<T>(kind: SiteRequest["kind"], hostId: number, here: () => Promise<T>): Promise<T> {
  const site = await siteElsewhere(hostId);
  if (site === null) return here();
  if (!queueRunning()) {
    await assertServedHere(hostId);
    return here();
  }
  const t = terms();
  const answer = await request<SiteRequest>(queueOf(site), { kind, hostId }, t, PICKUP_MS, (t.expireInSeconds + 5) * 1000);
  const what = kind === "collect" ? "collection" : "MTU check";
  switch (answer.state) {
    case "answered": {
      const reply = answer.output as Reply;
      if (reply.ok) return reply.value as T;
      throw new AppError(reply.code, reply.status, reply.message);
    }
    case "failed":
      throw new AppError("remote_failed", 502, `The collector of site "${site}" stopped before it finished this ${what}; try again`);
    case "unanswered":
      throw answer.taken
        ? new AppError("remote_timeout", 504, `The collector of site "${site}" did not finish this ${what} within ${t.expireInSeconds + 5} s`)
        : new AppError("remote_unanswered", 503, `No collector of site "${site}" took this ${what} within ${PICKUP_MS / 1000} s: is it running, and is its link to the database up?`);
  }
}

/** "Collect now": here, or at the host's site through the queue. */
export const collectHostAtSite = (hostId: number): Promise<RunSummary> => atHostSite("collect", hostId, () => collectHost(hostId));

/** "Verify MTU": here, or at the host's site through the queue. */
export const verifyMtuAtSite = (hostId: number): Promise<ProbeBatchView> => atHostSite("verify-mtu", hostId, () => verifyMtu(hostId));

async function answer(req: SiteRequest): Promise<Reply> {
  try {
    // Sites move: a host handed to another site since the request was sent is not ours.
    await assertServedHere(req.hostId);
    const value = req.kind === "collect" ? await collectHost(req.hostId) : await verifyMtu(req.hostId);
    return { ok: true, value };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, code: err.code, status: err.status, message: err.message };
    return { ok: false, code: "internal", status: 500, message: err instanceof Error ? err.message : String(err) };
  }
}

/** A process of one site (NETDIAG_SITE) on PostgreSQL answers its site's requests from the other processes. */
export async function serveSiteRequests(): Promise<void> {
  const site = env().site;
  if (site === null || !queueRunning()) return;
  // Two at once: a long MTU check does not hold up a collection asked for meanwhile. Someone is
  // waiting on the answer: each worker looks every second.
  await serve<SiteRequest>(queueOf(site), { concurrency: 2, pollSeconds: 1 }, answer);
}
