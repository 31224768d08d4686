import type { Metadata } from "next";
import { DownloadLinks } from "@/components/ui/download-links";
import { EmptyState, SectionCard } from "@/components/ui/card";
import { formatBitsPerSecond } from "@/components/format";
import { HistoryChart } from "@/components/iperf/history-chart";
import { HistoryControls } from "@/components/iperf/history-controls";
import { getIperfHistory, getIperfHistoryExtent } from "@/lib/queries/iperf-stats";
import { FIT_MAX_MS, fitTimeDomain, resolveRange } from "@/lib/iperf/range";
import { listHosts } from "@/lib/queries/hosts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "iperf history" };

type Props = { searchParams: Promise<{ client?: string; server?: string; range?: string; from?: string; to?: string }> };

const avg = (pts: { avg: number; n: number }[]) => (pts.length ? pts.reduce((s, p) => s + p.avg * p.n, 0) / pts.reduce((s, p) => s + p.n, 0) : null);

export default async function IperfHistoryPage({ searchParams }: Props) {
  const sp = await searchParams;
  const hosts = (await listHosts()).map((h) => ({ id: h.id, name: h.name }));
  const client = hosts.find((h) => h.id === Number(sp.client)) ?? hosts[0];
  const server = hosts.find((h) => h.id === Number(sp.server)) ?? hosts.find((h) => h !== client);
  if (!client || !server) return <EmptyState title="Add two hosts to test between them" />;
  const r = resolveRange(sp.range, sp.from, sp.to, new Date());
  // No range picked: the runs' own span, so one run is not a dot on the edge of a 7-day window.
  const extent = r.key === "fit" ? await getIperfHistoryExtent(client.id, server.id, r.to, FIT_MAX_MS) : null;
  const { from, to } = extent ? fitTimeDomain(extent.firstMs, extent.lastMs) : r;
  const h = await getIperfHistory(client.id, server.id, from, to);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold tracking-tight">
        History: {client.name} ↔ {server.name}
      </h1>
      <SectionCard id="history" title="TX and RX over time" meta={`${h.runs} run${h.runs === 1 ? "" : "s"} · TX avg ${formatBitsPerSecond(avg(h.forward))} · RX avg ${formatBitsPerSecond(avg(h.reverse))}${h.bucketMs > 0 ? ` · averaged per ${Math.round(h.bucketMs / 60_000)} min, band = min–max` : ""}${extent ? " · range fitted to the runs" : ""}`} actions={h.runs > 0 ? <DownloadLinks href={`/api/iperf/history?client=${client.id}&server=${server.id}&from=${from.toISOString()}&to=${to.toISOString()}`} what={`the runs of ${client.name} and ${server.name} in this range`} /> : undefined}>
        <HistoryControls hosts={hosts} client={client.id} server={server.id} range={r.key} from={day(from)} to={day(to)} />
        <div className="border-t border-zinc-800 p-4">{h.runs > 0 ? <HistoryChart history={h} clientName={client.name} serverName={server.name} /> : <EmptyState title="No finished tests of this pair in this range" />}</div>
      </SectionCard>
    </div>
  );
}
