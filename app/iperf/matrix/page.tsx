import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState, SectionCard } from "@/components/ui/card";
import { MatrixGrid } from "@/components/iperf/matrix-grid";
import { getIperfMatrix } from "@/lib/queries/iperf-stats";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "iperf matrix" };

export default async function IperfMatrixPage() {
  const m = await getIperfMatrix();
  const pairs = m.hosts.length * (m.hosts.length - 1);
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Throughput matrix</h1>
        <p className="text-sm text-zinc-400">
          Each cell is what the row host sent to the column host in the latest test of that direction; a pair&apos;s two directions are two cells.
        </p>
      </div>
      <SectionCard id="matrix" title="Latest result per direction" meta={`${m.cells.length} of ${pairs} direction${pairs === 1 ? "" : "s"} tested`}>
        {m.hosts.length >= 2 ? (
          <MatrixGrid hosts={m.hosts} cells={m.cells} nowMs={Date.parse(m.readAt)} />
        ) : (
          <EmptyState title="Add at least two hosts to measure between them">
            <Link href="/hosts/new" className="text-sky-300 hover:underline">
              Add a host
            </Link>
          </EmptyState>
        )}
      </SectionCard>
    </div>
  );
}
