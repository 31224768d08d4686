import net from "node:net";
import type { Platform } from "@/lib/domain/platform";
import type { SkippedLine } from "@/lib/domain/rows";

/** IPv4 header (20) + ICMP echo header (8): a payload of N bytes makes an (N + 28)-byte IP packet. */
export const IPV4_ICMP_OVERHEAD = 28;
/** IPv6 header (40) + ICMPv6 echo header (8): 8952 bytes fill a 9000-byte packet. */
export const IPV6_ICMP_OVERHEAD = 48;
/** Headers under a payload to `address`: the overhead of its family. */
export const icmpOverhead = (address: string) => (address.includes(":") ? IPV6_ICMP_OVERHEAD : IPV4_ICMP_OVERHEAD);
/** Largest ICMP echo payload an IPv4 packet can carry (65535 - 28). */
export const MAX_PAYLOAD_BYTES = 65_507;
export const DF_PING_COUNT = 3;

/** What one don't-fragment ping run reported. */
export type DfPingResult = {
  transmitted: number;
  received: number;
  lossPercent: number;
  /** The sender (or a router on the way) refused a packet because it needed fragmenting. */
  tooBig: boolean;
  /** The MTU named in the "too big" message: the sender's own (local error) or a router's (frag needed). */
  reportedMtu?: number;
  rttAvgMs?: number;
  /** First error line that is not "too big" (e.g. "connect: Network is unreachable"). */
  error?: string;
  /** Lines that are none of ping's netdiag knows, and numbers too large to be counts. */
  skipped: SkippedLine[];
};

/**
 * The don't-fragment ping for a platform, or null where netdiag knows none (illumos).
 * `targetIp` and `payloadBytes` come from collected data, not from users; they are still
 * checked strictly here because the string goes through the remote shell.
 */
export function dfPingCommand(platform: Platform, targetIp: string, payloadBytes: number): string | null {
  // A zone index ("fe80::1%eth0") would carry an interface name into the shell string.
  const v6 = net.isIPv6(targetIp) && !targetIp.includes("%");
  if (!net.isIPv4(targetIp) && !v6) throw new RangeError(`DF ping target must be an IP address, got ${JSON.stringify(targetIp)}`);
  if (!Number.isInteger(payloadBytes) || payloadBytes < 0 || payloadBytes > MAX_PAYLOAD_BYTES) {
    throw new RangeError(`DF ping payload must be a whole number from 0 to ${MAX_PAYLOAD_BYTES}, got ${payloadBytes}`);
  }
  const n = String(payloadBytes);
  if (v6) {
    // IPv6 routers never fragment; only the sender may. iputils' -M do forbids that too (the
    // same "message too long" as IPv4). BSD, ESXi and Windows pings have no such switch that
    // netdiag has checked on real output, so IPv6 paths are probed from Linux senders only.
    return platform === "linux" ? `LC_ALL=C ping -6 -n -M do -s ${n} -c ${DF_PING_COUNT} -i 0.2 -W 1 ${targetIp}` : null;
  }
  switch (platform) {
    case "linux":
      // iputils: -M do sets DF and forbids local fragmentation; -i 0.2 is the fastest interval
      // a non-root user may ask for; -W 1 waits one second for the last reply.
      return `LC_ALL=C ping -n -M do -s ${n} -c ${DF_PING_COUNT} -i 0.2 -W 1 ${targetIp}`;
    case "darwin":
    case "freebsd":
      // BSD ping: -D sets DF; -t bounds the whole run (seconds). Sub-second -i needs root there.
      // Not localized, and no VAR=value prefix: root's shell may be csh (FreeBSD before 14).
      return `ping -n -D -s ${n} -c ${DF_PING_COUNT} -t 5 ${targetIp}`;
    case "esxi":
      return `vmkping -d -s ${n} -c ${DF_PING_COUNT} ${targetIp}`;
    case "windows":
      // -f sets DF, -l is the payload size, -w the per-reply timeout in ms.
      return `ping -n ${DF_PING_COUNT} -f -l ${n} -w 1000 ${targetIp}`;
    case "illumos":
      return null;
  }
}

// Searched for anywhere in a line, so each number starts where no digit precedes it: from every
// position of a long run of digits `(\d+) packets` read the rest of the run (quadratic, 3.9 s
// for an 80,000-digit line).
const STATS_UNIX = /(?<!\d)(\d+) packets transmitted, (\d+) (?:packets )?received/;
const LOSS_UNIX = /(?<![\d.])([\d.]+)% packet loss/;
// Windows' messages are localized; their shapes are not. Statistics: "Packets: Sent = 4,
// Received = 4, Lost = 0 (0% loss)," ("Pakete: Gesendet = 1, Empfangen = 0, Verloren = 1" with
// "(100% Verlust)" on the next line in German); round trips "Minimum = 25ms, Maximum = 27ms,
// Average = 25ms" ("Mittelwert"); echo replies "<words> <ip>: <bytes>=N <time>[=<]Nms TTL=N".
// `[^=]+` already takes the blanks after the colon: `:\s*[^=]+=` split them every way (quadratic).
const STATS_WINDOWS = /^[^=:]+:[^=]+=\s*(\d+),[^=]+=\s*(\d+),[^=]+=\s*\d+(?:\s*\(\D*(\d+)\s*%)?/;
const LOSS_WINDOWS_WRAPPED = /^\(\D*(\d+)\s*%[^)]*\),?$/;
const RTT_UNIX = /(?:rtt|round-trip) min\/avg\/max(?:\/\w+)? = [\d.]+\/([\d.]+)\//;
const RTT_WINDOWS = /^[^=]+=\s*\d+\s*ms,[^=]+=\s*\d+\s*ms,[^=]+=\s*(\d+)\s*ms/i;
const REPLY = /^\d+ bytes from .*time[=<][\d.]+ ?ms/;
const REPLY_WINDOWS = /^\D+ \d{1,3}(?:\.\d{1,3}){3}[\s\u00a0]?: \S+=\d+ \S+[=<]\d+ ?ms TTL=\d+/i;
// Any other "<words> <ip>: <message>" is a router (or the local stack) answering instead of the
// target; Windows counts it as Received.
const WINDOWS_OTHER_REPLY = /^\D+ \d{1,3}(?:\.\d{1,3}){3}[\s\u00a0]?:\s+\S/;
const TIMEOUT = /^(?:Request timeout for icmp_seq|Request timed out|Zeitüberschreitung der Anforderung)/i;
// Linux "Frag needed and DF set", BSD "frag needed", Windows "Packet needs to be fragmented but
// DF set." (German "Paket müsste fragmentiert werden, DF-Flag ist jedoch gesetzt.").
// "fragment … DF" is found in two steps (isTooBig): as one regex, `fragment.*\bDF\b` scanned to
// the end of the line from every "fragment" in it (quadratic).
const TOO_BIG = /message too long|frag(?:mentation)? needed and DF set/i;
const FRAGMENT = /fragment/i;
const DF_WORD = /\bDF\b/i;
// The blanks before a "=" or ":" belong to the optional group only: `\s*[=:]?\s*` split a long
// blank run between its two `\s*` every way (quadratic).
const MTU_IN_LINE = /\bmtu(?:\s*[=:])?\s*(\d+)/i;
// Per-packet failures: a router's (or our own ARP's) "unreachable", Windows' transmit failures.
const PACKET_FAILED = /^(?:(?:From |\d+ bytes from ).*unreachable|Transmit failed|General failure)/i;
// `s`: the message runs to the end whatever it holds. Without it a CR or U+2028 inside the line
// stopped `.+` short of `$`, and every split of the blanks before it was tried (quadratic).
const ERROR_PREFIX = /^(?:ping|vmkping|PING):\s*(.+)$/s;
const HEADER = /^(?:PING |Pinging |Ping wird ausgeführt )/;

/** A count or an MTU: digits that a number holds exactly, else null. */
function count(text: string | undefined): number | null {
  const n = text === undefined ? Number.NaN : Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/** "1.5" of "1.5% packet loss"; undefined for what is not a number ("1.2.3"). */
function percent(text: string | undefined): number | undefined {
  const n = text === undefined ? Number.NaN : Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function isTooBig(line: string): boolean {
  if (TOO_BIG.test(line)) return true;
  const fragment = FRAGMENT.exec(line);
  return fragment !== null && DF_WORD.test(line.slice(fragment.index));
}

/**
 * Reads the output (stdout then stderr) of a don't-fragment ping on Linux (iputils), macOS/BSD,
 * ESXi vmkping or Windows. Null when the text is not ping output at all (e.g. "command not found").
 * Without a statistics block (Windows' DF failure, a cut-off vmkping) the counts come from the
 * per-packet lines.
 */
export function parseDfPing(output: string): DfPingResult | null {
  const lines = output.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  const skipped: SkippedLine[] = [];
  let recognized = false;
  let replies = 0;
  let attempts = 0;
  let tooBig = false;
  let reportedMtu: number | undefined;
  let error: string | undefined;
  let stats: { transmitted: number; received: number; lossPercent?: number } | undefined;
  let rttAvgMs: number | undefined;
  let otherReplies = 0;

  for (const line of lines) {
    const unix = STATS_UNIX.exec(line);
    const windows = STATS_WINDOWS.exec(line);
    const wrappedLoss = LOSS_WINDOWS_WRAPPED.exec(line);
    const rtt = RTT_UNIX.exec(line) ?? RTT_WINDOWS.exec(line);
    const counts = unix ?? windows;
    if (counts && (count(counts[1]) === null || count(counts[2]) === null)) {
      skipped.push({ line, reason: "packet counts too large to be counts" });
      continue;
    }
    if (unix) {
      stats = { transmitted: Number(unix[1]), received: Number(unix[2]), lossPercent: percent(LOSS_UNIX.exec(line)?.[1]) };
    } else if (windows) {
      stats = { transmitted: Number(windows[1]), received: Number(windows[2]), lossPercent: percent(windows[3]) };
    } else if (wrappedLoss && stats && stats.lossPercent === undefined) {
      stats.lossPercent = percent(wrappedLoss[1]);
    } else if (rtt) {
      const ms = Number(rtt[1]);
      if (Number.isFinite(ms)) rttAvgMs = ms;
    } else if (REPLY.test(line) || REPLY_WINDOWS.test(line)) {
      replies++;
      attempts++;
    } else if (isTooBig(line)) {
      tooBig = true;
      attempts++;
      if (WINDOWS_OTHER_REPLY.test(line)) otherReplies++;
      const mtu = count(MTU_IN_LINE.exec(line)?.[1]);
      if (mtu !== null) reportedMtu = Math.min(reportedMtu ?? Infinity, mtu);
    } else if (TIMEOUT.test(line)) {
      attempts++;
    } else if (PACKET_FAILED.test(line) || WINDOWS_OTHER_REPLY.test(line)) {
      attempts++;
      if (WINDOWS_OTHER_REPLY.test(line)) otherReplies++;
      error ??= line.replace(ERROR_PREFIX, "$1");
    } else if (ERROR_PREFIX.test(line)) {
      error ??= line.replace(ERROR_PREFIX, "$1");
    } else if (!HEADER.test(line) && !/ping statistics|^Ping statistics for|^Ping-Statistik für|^Approximate round trip|^Control-C|^\^C$/i.test(line)) {
      skipped.push({ line, reason: "not a line of ping output netdiag reads" });
      continue;
    }
    recognized = true;
  }
  if (!recognized) return null;

  let transmitted = stats?.transmitted ?? attempts;
  let received = stats?.received ?? replies;
  // Windows counts "Reply from <router>: Destination host unreachable." and "…: Packet needs to
  // be fragmented but DF set." as received; the DF question is whether the target answered.
  if (stats && otherReplies > 0) received = Math.max(0, received - otherReplies);
  if (transmitted < received) transmitted = received;
  const lossPercent =
    stats?.lossPercent !== undefined && otherReplies === 0
      ? stats.lossPercent
      : transmitted === 0
        ? 100
        : Math.round((1 - received / transmitted) * 1000) / 10;
  return {
    transmitted,
    received,
    lossPercent,
    tooBig,
    ...(reportedMtu !== undefined ? { reportedMtu } : {}),
    ...(rttAvgMs !== undefined && received > 0 ? { rttAvgMs } : {}),
    ...(error !== undefined ? { error } : {}),
    skipped,
  };
}
