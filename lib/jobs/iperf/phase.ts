import "server-only";
import type { ExecResult } from "@/lib/domain/snapshot";
import type { Flow, FlowStore, IntervalPoint, IperfRunView, LiveEvent } from "@/lib/domain/iperf";
import { clientCommand, PID_PREFIX, takePid, type IperfFeatures } from "@/lib/iperf/command";
import { iperfFailure } from "@/lib/iperf/messages";
import { classifyIperfError } from "@/lib/iperf/errors";
import { liveFromText, parseTextInterval } from "@/lib/iperf/server-text";
import { parseIperfJson, parseJsonStreamLine, streamEventIntervals, type IperfReport } from "@/lib/iperf/parse";
import { CommandTimeoutError } from "@/lib/ssh/errors";
import { kill, sshFailure, type Held, type RunControl } from "./hosts";
import { lineSplitter, startServer } from "./server";

// One direction (or both at once with --bidir) of a test: server up, client run, live
// intervals out, the report parsed, both ends stopped.

export type Emit = (e: LiveEvent) => void;

const SERVER_EXIT_WAIT_MS = 3_000;
const CONNECT_TIMEOUT_MS = 5_000;

export type PhaseResult = {
  mode: Flow | "bidir";
  report: IperfReport | null;
  clientRaw: string | null;
  serverRaw: string | null;
  port: number | null;
  failure: { code: string; message: string } | null;
};

export type PhaseSpec = {
  mode: Flow | "bidir";
  index: number;
  count: number;
  address: string;
  run: IperfRunView;
  features: IperfFeatures;
};

export async function runPhase(ctrl: RunControl, cli: Held, srv: Held, p: PhaseSpec, emit: Emit): Promise<PhaseResult> {
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

  const server = await startServer(ctrl, srv, p.address, p.features, clientTimeoutMs + 10_000, (line) => {
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

/** A flow's summary as stored, from the first phase that measured it. */
export function flowStore(results: PhaseResult[], f: Flow): FlowStore | null {
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

