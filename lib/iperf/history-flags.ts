import type { IperfHistoryFlag } from "@/lib/domain/iperf";
import { formatBitsPerSecond } from "@/lib/domain/units";
import { parseRoute, routeLine } from "./route-get";

// Pure: the events of one pair's iperf history, for flags on its chart. A verdict that holds for
// 200 hourly runs is one story with a start and an end, not 200 markers: only the run where it
// began and the run where it ended are flagged. A route is flagged where it differs from the
// pair's previous run, once the kernel's cache state is taken out of the text.

/** The newest flags an answer carries; a year of a flapping verdict would otherwise be thousands. */
export const MAX_HISTORY_FLAGS = 200;

export const FLAGGED_VERDICTS = ["iperf-asymmetry", "iperf-below-link-speed"] as const;
type FlaggedVerdict = (typeof FLAGGED_VERDICTS)[number];

const VERDICT_WORDS: Record<FlaggedVerdict, string> = { "iperf-asymmetry": "Asymmetry", "iperf-below-link-speed": "Below link speed" };

/** A finished run as stored: `fwdBps` is its client → server, whichever host of the pair that was. */
export type FlagRun = {
  runId: number;
  t: number;
  clientHostId: number;
  serverHostId: number;
  verdictKeys: readonly string[];
  fwdBps: number | null;
  revBps: number | null;
  /** Either end's NIC speed was known: without it "below link speed" could not be judged. */
  linkKnown: boolean;
  clientRoute: string | null;
  serverRoute: string | null;
};

export type PairNames = { a: { id: number; name: string }; b: { id: number; name: string } };

/** A flag before its finding is looked up: `findingKey` is the verdict's key in the Finding table. */
export type PendingFlag = Omit<IperfHistoryFlag, "findingId"> & { findingKey: string | null };

/**
 * The route as a comparable line: iproute2's `cache` attributes (a PMTU exception's "expires
 * 521sec mtu 1500" comes and goes with the cache, the route stays), `uid` (the login's, not the
 * route's) and IPv6 RA routes' "expires Nsec" (counts down between runs) taken out.
 */
export function normalizeRoute(text: string | null): string | null {
  const line = routeLine(text);
  if (line === null) return null;
  const route = line
    .replace(/ cache\b.*$/, "")
    .replace(/ uid \d+/g, "")
    .replace(/ expires -?\d+sec/g, "")
    .trim();
  return route === "" ? null : route;
}

/** "via 10.0.0.1 dev eth1"; the whole line when the gateway and device say nothing (a new source address). */
function routeWords(line: string, other: string): string {
  const words = (l: string) => {
    const r = parseRoute(l);
    return [r.via && `via ${r.via}`, r.dev && `dev ${r.dev}`].filter(Boolean).join(" ");
  };
  const mine = words(line);
  return mine !== "" && mine !== words(other) ? mine : line;
}

/** Which verdicts a run could have raised: a verdict missing from a run that could not judge it has not ended. */
function judged(r: FlagRun, kind: FlaggedVerdict): boolean {
  if (kind === "iperf-asymmetry") return r.fwdBps !== null && r.revBps !== null;
  return (r.fwdBps !== null || r.revBps !== null) && r.linkKnown;
}

/**
 * Flags for `runs` (oldest first) of the pair. `before` is the pair's last run before the range,
 * so a verdict or route already in place when the range starts is not flagged as new.
 */
export function historyFlags(pair: PairNames, before: FlagRun | null, runs: readonly FlagRun[], max = MAX_HISTORY_FLAGS): { flags: PendingFlag[]; omitted: number } {
  const flags: PendingFlag[] = [];
  const verdictKey = new Map<FlaggedVerdict, string | null>();
  const routeOf = new Map<number, string>();
  // A pair's route texts repeat run after run: normalised once each (a year of hourly runs is
  // 17,520 texts and a handful of distinct ones; normalising every one took 200 ms).
  const normalized = new Map<string | null, string | null>();
  const normalize = (text: string | null) => {
    if (!normalized.has(text)) normalized.set(text, normalizeRoute(text));
    return normalized.get(text) ?? null;
  };
  const name = (id: number) => (id === pair.a.id ? pair.a.name : pair.b.name);
  const flow = (r: FlagRun) => (r.clientHostId === pair.a.id ? { ab: r.fwdBps, ba: r.revBps } : { ab: r.revBps, ba: r.fwdBps });

  const see = (r: FlagRun, emit: boolean) => {
    for (const kind of FLAGGED_VERDICTS) {
      if (!judged(r, kind)) continue;
      const key = r.verdictKeys.find((k) => k.startsWith(`${kind}:`)) ?? null;
      const was = verdictKey.get(kind) ?? null;
      verdictKey.set(kind, key);
      if (!emit || (key === null) === (was === null)) continue;
      const f = flow(r);
      const figures = `${pair.a.name} → ${pair.b.name} ${formatBitsPerSecond(f.ab)}, ${pair.b.name} → ${pair.a.name} ${formatBitsPerSecond(f.ba)}`;
      flags.push({
        t: r.t,
        kind,
        phase: key ? "began" : "ended",
        label: `${VERDICT_WORDS[kind]} ${key ? "began" : "ended"}: ${figures}`,
        severity: key ? "warning" : "info",
        runId: r.runId,
        findingKey: key ?? was,
        hostId: null,
      });
    }
    for (const [hostId, text] of [
      [r.clientHostId, r.clientRoute],
      [r.serverHostId, r.serverRoute],
    ] as const) {
      const route = normalize(text);
      if (route === null) continue;
      const was = routeOf.get(hostId);
      routeOf.set(hostId, route);
      if (!emit || was === undefined || was === route) continue;
      flags.push({
        t: r.t,
        kind: "route-change",
        phase: null,
        label: `${name(hostId)}'s route changed: ${routeWords(route, was)} (was ${routeWords(was, route)})`,
        severity: null,
        runId: r.runId,
        findingKey: null,
        hostId,
      });
    }
  };

  if (before) see(before, false);
  for (const r of runs) see(r, true);
  const omitted = Math.max(0, flags.length - max);
  return { flags: flags.slice(omitted), omitted };
}
