import "server-only";
import { env } from "@/lib/env.js";
import type { ExecResult } from "@/lib/domain/snapshot";
import { withSession, type SshSession } from "@/lib/ssh/session";
import { sshTargetFor } from "@/lib/jobs/ssh-target";
import { CommandTimeoutError, HostKeyMismatchError, SshConnectError, SshError } from "@/lib/ssh/errors";
import { getHostCredentials, pinHostKey, recordOfferedHostKey, type HostCredentials } from "@/lib/queries/hosts";
import { getIperfPair, updateIperfRunSetup } from "@/lib/queries/iperf-runs";
import { type FlowStore, type IperfOutcome, type PairEnd } from "@/lib/domain/iperf";
import { chooseServerAddress } from "@/lib/iperf/address";
import { canonicalIp, clientCommand, killCommand, PID_PREFIX, PROBE_COMMAND, routeCommand, serverCommand, takePid, type IperfFeatures } from "@/lib/iperf/command";
import { iperfFailure, missingMessage } from "@/lib/iperf/messages";
import { classifyIperfError, liveFromText, parseIperfJson, parseJsonStreamLine, parseTextInterval, streamEventIntervals, supportsBidir, supportsJsonStream, type IperfReport } from "@/lib/iperf/parse";
import { installHint, parseProbe, type ProbeResult } from "@/lib/iperf/install-check";
import { parseRoute } from "@/lib/iperf/route-get";
import type { Flow, IntervalPoint, IperfRunView, LiveEvent } from "@/lib/domain/iperf";
import { detectIperfVerdicts } from "@/lib/analysis/iperf-verdicts";
import type { DetectedFinding } from "@/lib/domain/finding";

// One run, start to end: log in to both hosts at once, check iperf3 on both, then per
// direction start a one-off server on a free port (5201, the next ones if taken), wait until
// it listens, run the client, and stream the server's per-second lines as live intervals.
// Meanwhile each end's `ip route get <peer>` is captured. Every failure becomes the run's
// error (code + words), never an exception.

export type RunControl = {
  id: number;
  hosts: [number, number];
  cancelled: boolean;
  /** Remote iperf3 processes of this run, by pid, for cancel and cleanup. */
  procs: Set<{ session: SshSession; pid: number }>;
  stop?: () => Promise<void>;
};

type Emit = (e: LiveEvent) => void;
type Held = { host: HostCredentials; session: SshSession; release: () => Promise<void> };

const PORT_TRIES = 10;
const LISTEN_WAIT_MS = 10_000;
const SERVER_EXIT_WAIT_MS = 3_000;
const CONNECT_TIMEOUT_MS = 5_000;

const minorVersion = (p: ProbeResult) => (p.found ? p.version : null);

function featuresOf(client: ProbeResult, server: ProbeResult): IperfFeatures {
  const c = minorVersion(client);
  const s = minorVersion(server);
  const atLeast = (v: typeof c, major: number, minor: number) => v !== null && (v.major > major || (v.major === major && v.minor >= minor));
  return {
    idleTimeout: atLeast(s, 3, 7),
    connectTimeout: atLeast(c, 3, 6),
    bidir: supportsBidir(c) && supportsBidir(s),
    jsonStream: supportsJsonStream(c),
  };
}

/** Opens a session and keeps it open until `release`, so two hosts can be held at once. */
function hold(host: HostCredentials): Promise<Held> {
  return new Promise((resolve, reject) => {
    let release!: () => void;
    const finished = new Promise<void>((r) => (release = r));
    let opened = false;
    const p = withSession(sshTargetFor(host), async (session) => {
      opened = true;
      // Trust on first use, as a collection does (lib/jobs/collect.ts).
      if (!host.pinnedFingerprint) await pinHostKey(host.id, session.hostKey.fingerprint, session.hostKey.algorithm).catch(() => undefined);
      resolve({
        host,
        session,
        release: async () => {
          release();
          await p.catch(() => undefined);
        },
      });
      await finished;
    });
    p.catch(async (err: unknown) => {
      if (err instanceof HostKeyMismatchError) await recordOfferedHostKey(host.id, err.offeredFingerprint, err.offeredAlgorithm, new Date()).catch(() => undefined);
      if (!opened) reject(err);
    });
  });
}

function sshFailure(err: unknown, who: string): { code: string; message: string } {
  if (err instanceof SshConnectError) return { code: "host-down", message: `Could not reach ${who}: ${err.message}` };
  if (err instanceof SshError) return { code: err.code === "auth" ? "ssh-auth" : err.code, message: `${who}: ${err.message}` };
  return { code: "internal", message: `${who}: ${err instanceof Error ? err.message : "unknown error"}` };
}

async function kill(ctrl: RunControl, session: SshSession, pid: number) {
  try {
    await session.exec(killCommand([pid]));
  } catch {
    // the host or connection is gone: nothing left to stop from here
  }
  for (const p of ctrl.procs) if (p.session === session && p.pid === pid) ctrl.procs.delete(p);
}

/** Splits streamed output into lines for `onLine`; the caller gets the full text from exec. */
function lineSplitter(onLine: (line: string) => void) {
  let rest = "";
  return (text: string) => {
    rest += text;
    let nl: number;
    while ((nl = rest.indexOf("\n")) >= 0) {
      onLine(rest.slice(0, nl).replace(/\r$/, ""));
      rest = rest.slice(nl + 1);
    }
  };
}

type Server = { port: number; done: Promise<unknown>; exited: () => boolean; pid: () => number | null; output: () => string };

async function startServer(ctrl: RunControl, srv: Held, features: IperfFeatures, timeoutMs: number, onLine: (line: string) => void): Promise<Server | { code: string; message: string }> {
  const base = env().iperf.port;
  let lastError = "";
  for (let port = base; port < base + PORT_TRIES; port++) {
    let pid: number | null = null;
    let out = "";
    let exited = false;
    let listening!: (ok: boolean) => void;
    const ready = new Promise<boolean>((r) => (listening = r));
    const split = lineSplitter((line) => {
      if (line.startsWith(PID_PREFIX)) {
        pid = takePid(line).pid;
        if (pid !== null) ctrl.procs.add({ session: srv.session, pid });
      } else if (/^Server listening on/.test(line)) listening(true);
      else onLine(line);
    });
    const done = srv.session
      .run(serverCommand({ port, idleTimeoutSec: Math.ceil(timeoutMs / 1000), features }), {
        timeoutMs,
        onStdout: (text) => {
          out += text;
          split(text);
        },
      })
      .then(
        (r) => r,
        (err: unknown) => err,
      );
    void done.then(() => {
      exited = true;
      if (pid !== null) for (const x of ctrl.procs) if (x.pid === pid && x.session === srv.session) ctrl.procs.delete(x);
      listening(false);
    });
    const timer = setTimeout(() => listening(false), LISTEN_WAIT_MS);
    const ok = await ready;
    clearTimeout(timer);
    if (ok) return { port, done, exited: () => exited, pid: () => pid, output: () => out };
    const res = await Promise.race([done, new Promise((r) => setTimeout(r, 500))]);
    if (pid !== null) await kill(ctrl, srv.session, pid);
    const text = res && typeof res === "object" && "stderr" in res ? `${(res as { stderr: string }).stderr}\n${out}` : res instanceof Error ? res.message : out;
    lastError = text.replace(/netdiag-pid \d+\n?/, "").trim().split("\n").filter((l) => !/^iperf3: exiting$/.test(l.trim())).join(" ").trim();
    if (classifyIperfError(lastError) !== "port-busy") {
      return { code: "server-failed", message: `The iperf3 server on ${srv.host.name} did not start: ${lastError || "it printed nothing"}` };
    }
  }
  return { code: "ports-busy", message: `Ports ${base}–${base + PORT_TRIES - 1} on ${srv.host.name} are all in use (other iperf3 servers?): ${lastError}` };
}

type PhaseResult = {
  mode: Flow | "bidir";
  report: IperfReport | null;
  clientRaw: string | null;
  serverRaw: string | null;
  port: number | null;
  failure: { code: string; message: string } | null;
};

type PhaseSpec = {
  mode: Flow | "bidir";
  index: number;
  count: number;
  address: string;
  run: IperfRunView;
  features: IperfFeatures;
};

async function runPhase(ctrl: RunControl, cli: Held, srv: Held, p: PhaseSpec, emit: Emit): Promise<PhaseResult> {
  const testSec = p.run.omitSec + p.run.durationSec;
  const clientTimeoutMs = testSec * 1000 + CONNECT_TIMEOUT_MS + 20_000;
  const liveFlow: Flow = p.mode === "reverse" ? "reverse" : "forward";
  let clientStarted = 0;
  const progress = () => {
    const elapsed = clientStarted === 0 ? 0 : Math.min(testSec, (performance.now() - clientStarted) / 1000);
    emit({ type: "progress", flow: p.mode === "bidir" ? "both" : p.mode, elapsedSec: p.index * testSec + elapsed, totalSec: p.count * testSec, phaseIndex: p.index, phaseCount: p.count });
  };
  const point = (flow: Flow, pt: IntervalPoint) => {
    if (!pt.omitted) emit({ type: "interval", flow, point: pt });
    progress();
  };

  const server = await startServer(ctrl, srv, p.features, clientTimeoutMs + 10_000, (line) => {
    if (p.features.jsonStream) return;
    const t = parseTextInterval(line);
    const live = t && liveFromText(t, { parallel: p.run.parallel, flow: liveFlow });
    if (live) point(live.flow, live.point);
  });
  if ("code" in server) return { mode: p.mode, report: null, clientRaw: null, serverRaw: null, port: null, failure: server };
  if (ctrl.cancelled) {
    const pid = server.pid();
    if (pid !== null && !server.exited()) await kill(ctrl, srv.session, pid);
    return { mode: p.mode, report: null, clientRaw: null, serverRaw: server.output(), port: server.port, failure: null };
  }

  let clientPid: number | null = null;
  const split = lineSplitter((line) => {
    if (clientPid === null && line.startsWith(PID_PREFIX)) {
      clientPid = takePid(line).pid;
      if (clientPid !== null) ctrl.procs.add({ session: cli.session, pid: clientPid });
      return;
    }
    if (!p.features.jsonStream) return;
    const ev = parseJsonStreamLine(line);
    if (ev?.event === "interval") for (const x of streamEventIntervals(ev.data, p.mode === "reverse")) point(x.flow, x.point);
  });
  const command = clientCommand({
    address: p.address,
    port: server.port,
    durationSec: p.run.durationSec,
    omitSec: p.run.omitSec,
    parallel: p.run.parallel,
    protocol: p.run.protocol,
    bitrateMbps: p.run.bitrateMbps,
    mode: p.mode,
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
    features: p.features,
  });
  clientStarted = performance.now();
  progress();
  const res = await cli.session.run(command, { timeoutMs: clientTimeoutMs, onStdout: split }).then(
    (r): ExecResult | Error => r,
    (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
  );

  const stopServer = async () => {
    const pid = server.pid();
    if (pid !== null && !server.exited()) await kill(ctrl, srv.session, pid);
  };
  if (res instanceof Error) {
    if (clientPid !== null) await kill(ctrl, cli.session, clientPid);
    await stopServer();
    const failure =
      res instanceof CommandTimeoutError
        ? { code: "test-timeout", message: `iperf3 on ${cli.host.name} did not finish within ${Math.round(clientTimeoutMs / 1000)} s (the test takes ${testSec} s); both ends were stopped.` }
        : sshFailure(res, `${cli.host.name} (the client)`);
    return { mode: p.mode, report: null, clientRaw: null, serverRaw: server.output(), port: server.port, failure };
  }
  if (clientPid !== null) for (const x of ctrl.procs) if (x.pid === clientPid && x.session === cli.session) ctrl.procs.delete(x);
  const raw = takePid(res.stdout).rest;
  const report = parseIperfJson(raw, { reverse: p.mode === "reverse", bidir: p.mode === "bidir", protocol: p.run.protocol });
  // A one-off server exits after its test; one whose client never came is stopped now.
  const measured = report.flows.forward !== null || report.flows.reverse !== null;
  if (measured) await Promise.race([server.done, new Promise((r) => setTimeout(r, SERVER_EXIT_WAIT_MS))]);
  await stopServer();

  let failure: PhaseResult["failure"] = null;
  if (!ctrl.cancelled) {
    if (report.error) {
      failure = iperfFailure(classifyIperfError(report.error), report.error, {
        client: cli.host.name,
        server: srv.host.name,
        address: p.address,
        port: server.port,
        clientAddress: report.connected?.localHost,
      });
    } else if (!report.complete) {
      const why = res.stderr.trim() || (raw.trim() === "" ? "it printed nothing" : "its report was incomplete");
      failure = { code: "iperf3-error", message: `iperf3 on ${cli.host.name} ended without a result (exit ${res.exitCode ?? "by signal"}): ${why}` };
    }
  }
  return { mode: p.mode, report, clientRaw: raw, serverRaw: server.output(), port: server.port, failure };
}

function flowStore(results: PhaseResult[], f: Flow): FlowStore | null {
  for (const r of results) {
    const s = r.report?.flows[f];
    if (!s || (s.bitsPerSecond === null && s.sentBitsPerSecond === null)) continue;
    return {
      bitsPerSecond: s.bitsPerSecond,
      sentBitsPerSecond: s.sentBitsPerSecond,
      bytes: s.bytes,
      sentBytes: s.sentBytes,
      retransmits: s.retransmits,
      jitterMs: s.jitterMs,
      lostPercent: s.lostPercent,
      cpuClientPercent: r.report?.cpu.localPercent ?? null,
      cpuServerPercent: r.report?.cpu.remotePercent ?? null,
    };
  }
  return null;
}

async function captureRoutes(cli: Held, srv: Held, serverAddress: string, clientFallback: string) {
  const text = async (h: Held, to: string) => {
    try {
      const r = await h.session.exec(routeCommand(to));
      return `${r.stdout}${r.stderr}`.trim() || null;
    } catch {
      return null;
    }
  };
  const client = await text(cli, serverAddress);
  const back = canonicalIp(parseRoute(client).src ?? "") ?? canonicalIp(clientFallback);
  const server = back ? await text(srv, back) : null;
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
    const [cp, sp] = (await Promise.all([cli.session.exec(PROBE_COMMAND), srv.session.exec(PROBE_COMMAND)])).map((r) => parseProbe(r.stdout));
    const probes = [
      { p: cp as ProbeResult, end: pair.client, role: "client" as const },
      { p: sp as ProbeResult, end: pair.server, role: "server" as const },
    ];
    const missing = probes.flatMap(({ p, end, role }) => (p.found ? [] : [{ name: end.name, role, os: p.os, hint: installHint({ os: p.os, distroIds: p.distroIds, platform: end.platform }) }]));
    if (missing.length > 0) return fail({ code: "iperf3-missing", message: missingMessage(missing) }, { serverAddress: address });
    const features = featuresOf(cp as ProbeResult, sp as ProbeResult);
    const versions = {
      clientVersion: cp?.found ? (cp.version?.text ?? cp.raw) : null,
      serverVersion: sp?.found ? (sp.version?.text ?? sp.raw) : null,
    };
    await updateIperfRunSetup(run.id, versions);

    const notes: string[] = [];
    let modes: (Flow | "bidir")[] = run.direction === "both" ? ["forward", "reverse"] : [run.direction];
    if (run.direction === "both" && run.simultaneous) {
      if (features.bidir) modes = ["bidir"];
      else notes.push(`--bidir needs iperf3 3.7 on both ends (${pair.client.name}: ${versions.clientVersion}, ${pair.server.name}: ${versions.serverVersion}); the directions ran one after the other.`);
    }
    if (choice?.how === "ssh-address") notes.push(`No subnet is shared with ${pair.client.name}; the test used ${pair.server.name}'s SSH address (a routed path).`);

    const routes = captureRoutes(cli, srv, address, pair.client.address);
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
      thresholds: env().iperf.thresholds,
    });
    return { ...common, status: "done", finishedAt, verdicts };
  } finally {
    // Whatever happened, nothing of this run keeps running on the hosts.
    if (ctrl.procs.size > 0) await ctrl.stop();
    await Promise.all([cli.release(), srv.release()]);
  }
}
