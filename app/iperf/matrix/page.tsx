import type { Metadata } from "next";
import { EmptyState, SectionCard } from "@/components/ui/card";
import { MatrixGrid } from "@/components/iperf/matrix-grid";
import { getIperfMatrix } from "@/lib/queries/iperf-stats";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "iperf matrix" };

export default async function IperfMatrixPage() {
  const m = await getIperfMatrix();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold tracking-tight">Throughput matrix</h1>
      <SectionCard id="matrix" title="Latest result per direction" meta={`${m.cells.length} tested direction${m.cells.length === 1 ? "" : "s"}`}>
        {m.cells.length > 0 ? <MatrixGrid hosts={m.hosts} cells={m.cells} /> : <EmptyState title="No finished tests yet" />}
      </SectionCard>
    </div>
  );
}
