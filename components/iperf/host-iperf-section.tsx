import Link from "next/link";
import { Sparkline } from "@/components/charts/sparkline";
import { COLORS } from "@/components/charts/series";
import { formatBitsPerSecond } from "@/components/format";
import { SectionCard } from "@/components/ui/card";
import { Explain } from "@/components/ui/explain";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { PeerSummary } from "@/lib/domain/iperf";
import { RunForm } from "./run-form";
import type { HostOption } from "./run-form-fields";

const series = (p: PeerSummary) =>
  [
    { key: "send", name: "sends", color: COLORS.tx, points: p.points.flatMap((x) => (x.sendBps === null ? [] : [{ t: x.t, value: x.sendBps }])) },
    { key: "receive", name: "receives", color: COLORS.rx, points: p.points.flatMap((x) => (x.receiveBps === null ? [] : [{ t: x.t, value: x.receiveBps }])) },
  ];

/** Host page: latest throughput to and from each peer it was tested with, a trend, and a form. */
export function HostIperfSection({ hostId, hostName, peers, hosts }: { hostId: number; hostName: string; peers: PeerSummary[]; hosts: HostOption[] }) {
  return (
    <SectionCard id="iperf" title="Throughput (iperf3)" meta={peers.length > 0 ? `${peers.length} peer${peers.length === 1 ? "" : "s"}` : undefined} explain={<Explain term="iperf" />}>
      {peers.length > 0 && (
        <Table label={`Throughput of ${hostName} per peer`}>
          <THead>
            <tr>
              <TH>Peer</TH>
              <TH align="right">{hostName} sends</TH>
              <TH align="right">{hostName} receives</TH>
              <TH>Trend</TH>
              <TH>Latest</TH>
              <TH>Verdicts</TH>
            </tr>
          </THead>
          <TBody>
            {peers.map((p) => (
              <TR key={p.peerId}>
                <TD>
                  <Link className="text-sky-300 hover:underline" href={`/iperf/history?client=${p.asClient ? hostId : p.peerId}&server=${p.asClient ? p.peerId : hostId}`}>
                    {p.peerName}
                  </Link>
                </TD>
                <TD align="right">{formatBitsPerSecond(p.latest.sendBps)}</TD>
                <TD align="right">{formatBitsPerSecond(p.latest.receiveBps)}</TD>
                <TD>
                  <Sparkline series={series(p)} label={`Last ${p.points.length} tests with ${p.peerName}: sends (blue) and receives (amber)`} />
                </TD>
                <TD>
                  <Link className="text-sky-300 hover:underline" href={`/iperf/runs/${p.latest.runId}`}>
                    <RelativeTime iso={p.latest.at} />
                  </Link>
                </TD>
                <TD wrap className="min-w-56 max-w-80 text-xs text-amber-200">
                  {p.latest.findings.map((f) => f.title).join("; ") || <span className="text-zinc-400">—</span>}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <details className={peers.length > 0 ? "border-t border-zinc-800" : ""}>
        <summary className="cursor-pointer px-4 py-2 text-xs text-sky-300">Run a throughput test from {hostName}</summary>
        <RunForm hosts={hosts} clientId={hostId} idPrefix="host-iperf" />
      </details>
    </SectionCard>
  );
}
