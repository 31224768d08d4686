import "server-only";
import { getAppSettings } from "@/lib/queries/settings";
import { detectIperfVerdicts } from "@/lib/analysis/iperf-verdicts";
import type { DetectedFinding } from "@/lib/domain/finding";
import type { Exec } from "@/lib/domain/snapshot";
import { bareAddress } from "@/lib/history/default-nic";
import type { Flow, IperfOutcome, IperfRunView, PairEnd } from "@/lib/domain/iperf";
import { chooseServerAddress } from "@/lib/iperf/address";
import { canonicalIp, PROBE_COMMAND, routeCommand } from "@/lib/iperf/command";
import { installHint, parseProbe } from "@/lib/iperf/install-check";
import { missingMessage } from "@/lib/iperf/messages";
import { parseRoute } from "@/lib/iperf/route-get";
import { featuresOf } from "@/lib/iperf/version";
import { getHostCredentials } from "@/lib/queries/hosts";
import { getIperfPair } from "@/lib/queries/snapshots";
import { updateIperfRunSetup } from "@/lib/queries/iperf-runs";
import { hold, kill, sshFailure, type Held, type RunControl } from "./hosts";
import { flowStore, runPhase, type Emit, type PhaseResult } from "./phase";

export type { RunControl } from "./hosts";

// One run, start to end: log in to both hosts at once, check iperf3 on both, then per
// direction start a one-off server on a free port (5201, the next ones if taken), wait until
// it listens, run the client, and stream the server's per-second lines as live intervals.
// Meanwhile each end's `ip route get <peer>` is captured. Every failure becomes the run's
// error (code + words), never an exception.

/** At most this many of the client's addresses get a route lookup from the server up front. */
const BACK_ROUTES = 8;

/**
 * Each end's install check and `ip route get` in one shell per end (one login, one rc-file run):
 * the client looks up the server address; the server looks up every address the client is
 * known by, because which one the client sends from is only known from the client's answer
 * (looked up again on its own if it is none of them).
 */
function setupCommands(cli: Held, srv: Held, serverAddress: string, client: PairEnd) {
  const back = [...new Set([client.address, ...client.nics.flatMap((n) => n.addresses)].map((a) => canonicalIp(bareAddress(a))).filter((a): a is string => a !== null))];
  const routeOf = (a: string) => {
    try {
      return [routeCommand(a)];
    } catch {
      return [];
    }
  };
  return {
    cli: cli.session.batchExec([PROBE_COMMAND, ...routeOf(serverAddress)]),
    srv: srv.session.batchExec([PROBE_COMMAND, ...back.slice(0, BACK_ROUTES).flatMap(routeOf)]),
  };
}

async function captureRoutes(cliExec: Exec, srvExec: Exec, serverAddress: string, clientFallback: string) {
  const text = async (exec: Exec, to: string) => {
    try {
      const r = await exec(routeCommand(to));
      return `${r.stdout}${r.stderr}`.trim() || null;
    } catch {
      return null;
    }
  };
  const client = await text(cliExec, serverAddress);
  const back = canonicalIp(parseRoute(client).src ?? "") ?? canonicalIp(clientFallback);
  const server = back ? await text(srvExec, back) : null;
  return { client, server, clientAddress: back };
}

const speedOf = (end: PairEnd, nic: string | null) => (nic === null ? null : (end.nics.find((n) => n.name === nic)?.speedMbps ?? null));

/** The outcome to store, and the verdicts (findings) of a finished run. */
export type ExecutedRun = IperfOutcome & { verdicts?: DetectedFinding[] };

export async function executeRun(ctrl: RunControl, run: IperfRunView, emit: Emit): Promise<ExecutedRun> {
  const at = () => new Date();
  const cancelled = (extra: Partial<IperfOutcome> = {}): IperfOutcome => ({ status: "cancelled", finishedAt: at(), errorCode: "cancelled", error: "Cancelled while running; both ends were stopped", ...extra });
  const fail = (f: { code: string; message: string }, extra: Partial<IperfOutcome> = {}): IperfOutcome => ({ status: "failed", finishedAt: at(), errorCode: f.code, error: f.message, ...extra });

  const pair = await getIperfPair(run.clientHostId, run.serverHostId);
  const choice = run.serverAddressManual ? null : chooseServerAddress(pair.client.nics, pair.server.nics, pair.server.address);
  const address = run.serverAddressManual ? run.serverAddress : (choice?.address ?? null);
  if (!address) {
    return fail({
      code: "no-address",
      message: `netdiag knows no address of ${pair.server.name} that ${pair.client.name} can reach: collect both hosts first (so their addresses are known), or enter the server address.`,
    });
  }
  if (!run.serverAddressManual) {
    await updateIperfRunSetup(run.id, { serverAddress: address });
    emit({ type: "state", run: { ...run, status: "running", serverAddress: address } });
  }

  const [clientCreds, serverCreds] = await Promise.all([getHostCredentials(run.clientHostId), getHostCredentials(run.serverHostId)]);
  const opened = await Promise.allSettled([hold(clientCreds), hold(serverCreds)]);
  const [co, so] = opened;
  if (co.status === "rejected" || so.status === "rejected") {
    for (const o of opened) if (o.status === "fulfilled") await o.value.release();
    return co.status === "rejected" ? fail(sshFailure(co.reason, `${clientCreds.name} (the client)`)) : fail(sshFailure((so as PromiseRejectedResult).reason, `${serverCreds.name} (the server)`));
  }
  const cli = co.value;
  const srv = so.value;
  ctrl.stop = async () => {
    await Promise.all([...ctrl.procs].map((p) => kill(ctrl, p.session, p.pid)));
  };
  try {
    if (ctrl.cancelled) return cancelled();
    const setup = setupCommands(cli, srv, address, pair.client);
    const [cr, sr] = await Promise.all([setup.cli(PROBE_COMMAND), setup.srv(PROBE_COMMAND)]);
    const cp = parseProbe(cr.stdout);
    const sp = parseProbe(sr.stdout);
    const probes = [
      { p: cp, end: pair.client, role: "client" as const },
      { p: sp, end: pair.server, role: "server" as const },
    ];
    const missing = probes.flatMap(({ p, end, role }) => (p.found ? [] : [{ name: end.name, role, os: p.os, hint: installHint({ os: p.os, distroIds: p.distroIds, platform: end.platform }) }]));
    if (missing.length > 0) return fail({ code: "iperf3-missing", message: missingMessage(missing) }, { serverAddress: address });
    const features = featuresOf(cp.found ? cp.version : null, sp.found ? sp.version : null);
    const versions = {
      clientVersion: cp.found ? (cp.version?.text ?? cp.raw) : null,
      serverVersion: sp.found ? (sp.version?.text ?? sp.raw) : null,
    };
    await updateIperfRunSetup(run.id, versions);

    const notes: string[] = [];
    let modes: (Flow | "bidir")[] = run.direction === "both" ? ["forward", "reverse"] : [run.direction];
    if (run.direction === "both" && run.simultaneous) {
      if (features.bidir) modes = ["bidir"];
      else notes.push(`--bidir needs iperf3 3.7 on both ends (${pair.client.name}: ${versions.clientVersion}, ${pair.server.name}: ${versions.serverVersion}); the directions ran one after the other.`);
    }
    if (choice?.how === "ssh-address") notes.push(`No subnet is shared with ${pair.client.name}; the test used ${pair.server.name}'s SSH address (a routed path).`);

    const routes = captureRoutes(setup.cli, setup.srv, address, pair.client.address);
    const results: PhaseResult[] = [];
    for (const [index, mode] of modes.entries()) {
      if (ctrl.cancelled) break;
      const r = await runPhase(ctrl, cli, srv, { mode, index, count: modes.length, address, run, features }, emit);
      results.push(r);
      if (r.failure) break;
    }
    const rt = await routes;
    const clientInterface = parseRoute(rt.client).dev ?? choice?.clientInterface ?? null;
    const serverInterface = parseRoute(rt.server).dev ?? choice?.serverInterface ?? null;
    const forward = flowStore(results, "forward");
    const reverse = flowStore(results, "reverse");
    const last = results.at(-1);
    const common: Partial<IperfOutcome> = {
      serverAddress: address,
      clientAddress: rt.clientAddress ?? results.find((r) => r.report?.connected)?.report?.connected?.localHost ?? null,
      port: last?.port ?? null,
      ...versions,
      clientRoute: rt.client,
      serverRoute: rt.server,
      clientInterface,
      serverInterface,
      clientLinkMbps: speedOf(pair.client, clientInterface),
      serverLinkMbps: speedOf(pair.server, serverInterface),
      notes: notes.length ? notes.join(" ") : null,
      forward,
      reverse,
      outputs: results.map((r) => ({
        direction: r.mode,
        intervals: r.report ? Object.fromEntries((["forward", "reverse"] as const).filter((f) => r.report?.flows[f]).map((f) => [f, r.report?.intervals[f] ?? []])) : {},
        clientRaw: r.clientRaw,
        serverRaw: r.serverRaw,
      })),
    };
    if (ctrl.cancelled) return cancelled(common);
    const failed = results.find((r) => r.failure);
    if (failed?.failure) return fail(failed.failure, common);

    const finishedAt = at();
    const end = (e: PairEnd, route: string | null, nic: string | null, addr: string | null) => ({ id: e.id, name: e.name, address: addr, route, interface: nic, linkMbps: speedOf(e, nic) });
    const verdicts = detectIperfVerdicts({
      runId: run.id,
      at: finishedAt.toISOString(),
      client: end(pair.client, rt.client, clientInterface, common.clientAddress ?? null),
      server: end(pair.server, rt.server, serverInterface, address),
      protocol: run.protocol,
      parallel: run.parallel,
      bitrateMbps: run.bitrateMbps,
      mssBytes: results.find((r) => r.report?.tcpMssBytes)?.report?.tcpMssBytes ?? null,
      forward,
      reverse,
      thresholds: await iperfThresholds(),
    });
    return { ...common, status: "done", finishedAt, verdicts };
  } finally {
    // Whatever happened, nothing of this run keeps running on the hosts.
    if (ctrl.procs.size > 0) await ctrl.stop();
    await Promise.all([cli.release(), srv.release()]);
  }
}

/** The verdict thresholds in force (Settings, else the environment's). */
async function iperfThresholds() {
  const { asymmetryRatio, asymmetryMinGapMbps, linkSpeedRatio, retransmitPercent } = (await getAppSettings()).values;
  return { asymmetryRatio, asymmetryMinGapMbps, linkSpeedRatio, retransmitPercent };
}
