import "server-only";
import { listIperfHistory } from "@/lib/queries/iperf";
import { aggregate, MAX_HISTORY_POINTS } from "@/lib/iperf/aggregate";
import type { IperfHistory } from "@/lib/domain/iperf";

/** TX (forward: the client sends) and RX (reverse) of one pair over time, at most 500 points each. */
export async function getIperfHistory(clientHostId: number, serverHostId: number, from: Date, to: Date): Promise<IperfHistory> {
  const samples = await listIperfHistory(clientHostId, serverHostId, from, to);
  const series = (pick: (s: (typeof samples)[number]) => number | null) =>
    aggregate(
      samples.flatMap((s) => {
        const v = pick(s);
        return v === null ? [] : [{ t: s.t, value: v }];
      }),
      from.getTime(),
      to.getTime(),
      MAX_HISTORY_POINTS,
    );
  const fwd = series((s) => s.forward);
  const rev = series((s) => s.reverse);
  return {
    clientHostId,
    serverHostId,
    from: from.toISOString(),
    to: to.toISOString(),
    bucketMs: Math.max(fwd.bucketMs, rev.bucketMs),
    runs: samples.length,
    forward: fwd.points,
    reverse: rev.points,
  };
}
