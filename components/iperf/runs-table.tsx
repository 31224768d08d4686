import Link from "next/link";
import { formatBitsPerSecond } from "@/components/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { IperfRunView } from "@/lib/domain/iperf";
import { describeParams } from "./format";
import { IperfStatusBadge } from "./status-badge";

/** Recent tests, newest first; each links to its run page. Both figures follow the pair, so a phone shows them unscrolled. */
export function IperfRunsTable({ runs, label = "iperf runs" }: { runs: IperfRunView[]; label?: string }) {
  return (
    <Table label={label}>
      <THead>
        <tr>
          <TH>Run</TH>
          <TH>Client → server</TH>
          <TH align="right">TX (client sends)</TH>
          <TH align="right">RX (client receives)</TH>
          <TH>Status</TH>
          <TH>When</TH>
          <TH>Test</TH>
          <TH>Verdicts</TH>
        </tr>
      </THead>
      <TBody>
        {runs.map((r) => (
          <TR key={r.id}>
            <TD>
              <Link href={`/iperf/runs/${r.id}`} className="text-sky-300 hover:underline">
                #{r.id}
              </Link>
            </TD>
            <TD>
              {r.clientHostName} → {r.serverHostName}
            </TD>
            <TD align="right">{formatBitsPerSecond(r.forward?.bitsPerSecond)}</TD>
            <TD align="right">{formatBitsPerSecond(r.reverse?.bitsPerSecond)}</TD>
            <TD>
              <IperfStatusBadge status={r.status} position={r.position} />
            </TD>
            <TD>
              <RelativeTime iso={r.startedAt ?? r.createdAt} />
            </TD>
            <TD className="text-xs text-zinc-400">{describeParams(r)}</TD>
            <TD wrap className="min-w-56 max-w-72 text-xs">
              {r.error ? <span className="text-red-300">{r.error.length > 90 ? `${r.error.slice(0, 90)}…` : r.error}</span> : r.findings.map((f) => f.title).join("; ") || <span className="text-zinc-400">—</span>}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
