// The only place iperf3 command lines are written. Everything that goes into them is a
// number checked here or an IP literal re-checked here (the callers validate too): nothing a
// user typed reaches a shell. Commands run through `sh -c '...'` so the remote login shell
// (bash, csh on FreeBSD, ...) does not matter; `echo "netdiag-pid $$"; exec iperf3 ...` prints
// the pid iperf3 will have, because a root session cannot be signalled through the SSH
// channel (OpenSSH ignores "signal" requests for root): stopping it is a second `kill <pid>`.
import net from "node:net";
import type { Flow, IperfProtocol } from "@/lib/domain/iperf";

export const LIMITS = {
  durationSec: { min: 1, max: 60 },
  parallel: { min: 1, max: 16 },
  omitSec: { min: 0, max: 10 },
  bitrateMbps: { min: 0.001, max: 400_000 },
  port: { min: 1024, max: 65535 },
} as const;

export const PID_PREFIX = "netdiag-pid ";
export const NOT_FOUND_MARK = "netdiag: iperf3 not found";

export class UnsafeCommandError extends Error {}

/** An IP literal in canonical form, or null. Zone ids (fe80::1%eth0) and names are refused. */
export function canonicalIp(value: string): string | null {
  const v = value.trim().replace(/^\[(.*)\]$/, "$1");
  if (!/^[0-9A-Fa-f:.]+$/.test(v)) return null;
  const family = net.isIP(v);
  if (family === 4) return v.split(".").map(Number).join(".");
  if (family === 6) return v.toLowerCase();
  return null;
}

function ip(value: string): string {
  const c = canonicalIp(value);
  if (c === null) throw new UnsafeCommandError(`not an IP address: ${JSON.stringify(value)}`);
  return c;
}

function int(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new UnsafeCommandError(`${what} must be a whole number from ${min} to ${max}`);
  return value;
}

const wrap = (script: string) => {
  // Defence in depth: the scripts below only ever contain these characters.
  if (!/^[A-Za-z0-9 _.:,/$"=;|&<>()^!-]*$/.test(script)) throw new UnsafeCommandError("unexpected character in command");
  return `sh -c '${script}'`;
};

/**
 * Is iperf3 there, and which version? Prints the first line of `iperf3 --version`, or the
 * not-found mark with `uname -s` and the os-release ids (for an install hint).
 */
export const PROBE_COMMAND = wrap(
  `if command -v iperf3 >/dev/null 2>&1; then iperf3 --version 2>&1 | head -n 1; ` +
    `else echo "${NOT_FOUND_MARK}"; uname -s 2>/dev/null; grep -E "^(ID|ID_LIKE)=" /etc/os-release 2>/dev/null; fi`,
);

/** What the two ends' iperf3 versions allow. */
export type IperfFeatures = { idleTimeout: boolean; connectTimeout: boolean; bidir: boolean; jsonStream: boolean };

/**
 * A one-off server (-1) with text intervals flushed every second: iperf3 before 3.17 prints its
 * -J report only at exit, so the live chart reads these lines. `--idle-timeout` makes a
 * server whose client never came exit by itself (netdiag also kills it).
 */
export function serverCommand(p: { port: number; bind: string; idleTimeoutSec: number; features: IperfFeatures }): string {
  const port = int(p.port, LIMITS.port.min, LIMITS.port.max, "port");
  const idle = p.features.idleTimeout ? ` --idle-timeout ${int(p.idleTimeoutSec, 1, 3600, "idle timeout")}` : "";
  // -B: listen only on the address the client was told to use, not on every network of the
  // host (a Docker bridge, a VPN, the WAN side of a router) for as long as the test runs.
  return wrap(`echo "${PID_PREFIX}$$"; exec iperf3 -s -1 -B ${ip(p.bind)} -p ${port} -i 1 -f k --forceflush${idle}`);
}

export type ClientSpec = {
  address: string;
  port: number;
  durationSec: number;
  omitSec: number;
  parallel: number;
  protocol: IperfProtocol;
  /** Total over all streams; iperf3's -b is per stream. */
  bitrateMbps: number | null;
  /** forward: the client sends; reverse: -R, the server sends; bidir: --bidir, both at once. */
  mode: Flow | "bidir";
  connectTimeoutMs: number;
  features: IperfFeatures;
};

export function clientCommand(s: ClientSpec): string {
  const parallel = int(s.parallel, LIMITS.parallel.min, LIMITS.parallel.max, "parallel streams");
  const args = [
    "iperf3 -c",
    ip(s.address),
    "-p",
    int(s.port, LIMITS.port.min, LIMITS.port.max, "port"),
    "-J --forceflush",
    "-t",
    int(s.durationSec, LIMITS.durationSec.min, LIMITS.durationSec.max, "duration"),
    "-O",
    int(s.omitSec, LIMITS.omitSec.min, LIMITS.omitSec.max, "omit"),
    "-P",
    parallel,
  ];
  if (s.protocol === "udp") args.push("-u");
  else if (s.protocol !== "tcp") throw new UnsafeCommandError("protocol must be tcp or udp");
  if (s.bitrateMbps !== null) {
    const b = s.bitrateMbps;
    if (typeof b !== "number" || !Number.isFinite(b) || b < LIMITS.bitrateMbps.min || b > LIMITS.bitrateMbps.max) {
      throw new UnsafeCommandError("bitrate out of range");
    }
    args.push("-b", `${Math.max(1, Math.round((b * 1000) / parallel))}K`);
  } else if (s.protocol === "udp") {
    throw new UnsafeCommandError("UDP needs a target bitrate");
  }
  if (s.mode === "reverse") args.push("-R");
  else if (s.mode === "bidir") {
    if (!s.features.bidir) throw new UnsafeCommandError("--bidir needs iperf3 3.7 or newer");
    args.push("--bidir");
  } else if (s.mode !== "forward") throw new UnsafeCommandError("bad mode");
  if (s.features.connectTimeout) args.push("--connect-timeout", int(s.connectTimeoutMs, 100, 60_000, "connect timeout"));
  if (s.features.jsonStream) args.push("--json-stream");
  return wrap(`echo "${PID_PREFIX}$$"; exec ${args.join(" ")}`);
}

/** How each end reaches the other (Linux `ip`, BSD/macOS `route`). */
export function routeCommand(address: string): string {
  const a = ip(address);
  return wrap(`ip route get ${a} 2>&1 || route -n get ${a} 2>&1`);
}

/** Stops remote iperf3 processes by pid (SIGTERM: a client still prints its partial report). */
export function killCommand(pids: number[], signal: "TERM" | "KILL" = "TERM"): string {
  const list = pids.map((p) => int(p, 2, 2 ** 31 - 1, "pid"));
  if (list.length === 0) throw new UnsafeCommandError("no pid");
  return wrap(`kill -${signal} ${list.join(" ")} 2>/dev/null; true`);
}

/** Splits the "netdiag-pid N" line off the front of a command's output. */
export function takePid(stdout: string): { pid: number | null; rest: string } {
  if (!stdout.startsWith(PID_PREFIX)) return { pid: null, rest: stdout };
  const nl = stdout.indexOf("\n");
  const line = nl === -1 ? stdout : stdout.slice(0, nl);
  const pid = Number(line.slice(PID_PREFIX.length).trim());
  return { pid: Number.isInteger(pid) && pid > 1 ? pid : null, rest: nl === -1 ? "" : stdout.slice(nl + 1) };
}
