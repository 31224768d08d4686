import Link from "next/link";
import { formatBitsPerSecond, formatDateTime } from "@/components/format";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { MatrixCell, MatrixHost } from "@/lib/domain/iperf";
import { linkShare } from "./format";

const TONE = {
  good: "bg-emerald-500/20 text-emerald-200 ring-emerald-500/40",
  fair: "bg-amber-500/20 text-amber-200 ring-amber-500/40",
  poor: "bg-red-500/25 text-red-200 ring-red-500/50",
  unknown: "bg-sky-500/10 text-sky-200 ring-sky-500/30",
} as const;

/** Every tested flow, latest result, coloured by the share of the slower NIC's link speed. */
export function MatrixGrid({ hosts, cells }: { hosts: MatrixHost[]; cells: MatrixCell[] }) {
  const at = new Map(cells.map((c) => [`${c.fromId}>${c.toId}`, c]));
  return (
    <div className="p-4">
      <ScrollRegion label="Throughput matrix">
        <table aria-label="Throughput matrix: rows send, columns receive" className="border-separate border-spacing-1 text-xs tabular-nums">
          <thead>
            <tr>
              <th scope="col" className="px-2 text-left font-medium text-zinc-400">
                from ↓ to →
              </th>
              {hosts.map((h) => (
                <th key={h.id} scope="col" className="px-2 py-1 font-medium text-zinc-300">
                  {h.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {hosts.map((from) => (
              <tr key={from.id}>
                <th scope="row" className="px-2 text-left font-medium text-zinc-300">
                  {from.name}
                </th>
                {hosts.map((to) => {
                  const c = at.get(`${from.id}>${to.id}`);
                  if (from.id === to.id) return <td key={to.id} className="bg-zinc-900" aria-label="same host" />;
                  if (!c) return <td key={to.id} className="px-2 py-1.5 text-center text-zinc-700">—</td>;
                  const s = linkShare(c.bitsPerSecond, c.linkMbps);
                  return (
                    <td key={to.id} className={`rounded px-2 py-1.5 text-center ring-1 ring-inset ${TONE[s.tone]}`}>
                      <Link href={`/iperf/runs/${c.runId}`} title={`${from.name} → ${to.name}, ${formatDateTime(c.at)}`} className="block hover:underline">
                        {formatBitsPerSecond(c.bitsPerSecond)}
                        <span className="block text-[10px] opacity-80">{s.share === null ? "link speed unknown" : `${Math.round(s.share * 100)}% of link`}</span>
                      </Link>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p className="mt-3 text-xs text-zinc-400">
        Green: at least 70% of the slower NIC&apos;s link speed; amber: 40–70%; red: below 40%; blue: link speed unknown. Each cell is the latest test of that direction.
      </p>
    </div>
  );
}
