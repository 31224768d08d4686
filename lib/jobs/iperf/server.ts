import "server-only";
import { env } from "@/lib/env";
import { PID_PREFIX, serverCommand, takePid, type IperfFeatures } from "@/lib/iperf/command";
import { classifyIperfError } from "@/lib/iperf/errors";
import { kill, type Held, type RunControl } from "./hosts";

// The one-off iperf3 server of a test direction: the first free port from NETDIAG_IPERF_PORT,
// started and watched until it says it listens.

const PORT_TRIES = 10;
const LISTEN_WAIT_MS = 10_000;

export /** Splits streamed output into lines for `onLine`; the caller gets the full text from exec. */
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

export type Server = { port: number; done: Promise<unknown>; exited: () => boolean; pid: () => number | null; output: () => string };

export async function startServer(
  ctrl: RunControl,
  srv: Held,
  bind: string,
  features: IperfFeatures,
  timeoutMs: number,
  onLine: (line: string) => void,
): Promise<Server | { code: string; message: string }> {
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
      .run(serverCommand({ port, bind, idleTimeoutSec: Math.ceil(timeoutMs / 1000), features }), {
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
    // iperf3 words a bind to an address the host does not have as a listener failure too.
    if (/cannot assign requested address|can't assign requested address/i.test(lastError)) {
      return {
        code: "server-failed",
        message: `The iperf3 server on ${srv.host.name} cannot listen on ${bind}: that address is not on the host any more (moved, or reached through NAT). Collect the host again and pick one of its addresses. (${lastError})`,
      };
    }
    if (classifyIperfError(lastError) !== "port-busy") {
      return { code: "server-failed", message: `The iperf3 server on ${srv.host.name} did not start: ${lastError || "it printed nothing"}` };
    }
  }
  return { code: "ports-busy", message: `Ports ${base}–${base + PORT_TRIES - 1} on ${srv.host.name} are all in use (other iperf3 servers?): ${lastError}` };
}

