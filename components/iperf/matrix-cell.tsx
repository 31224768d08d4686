import Link from "next/link";
import { formatBitsPerSecond, formatDateTime } from "@/components/format";
import { ButtonLink } from "@/components/ui/button-link";
import { RelativeTime } from "@/components/ui/relative-time";
import type { MatrixCell, MatrixHost } from "@/lib/domain/iperf";
import { describeLinkShare, linkShare } from "./format";
import { isStale } from "./matrix-age";

const TONE = {
  good: "bg-emerald-500/20 text-emerald-200 ring-emerald-500/40",
  fair: "bg-amber-500/20 text-amber-200 ring-amber-500/40",
  poor: "bg-red-500/25 text-red-200 ring-red-500/50",
  unknown: "bg-sky-500/10 text-sky-200 ring-sky-500/30",
} as const;

// "relative": the sr-only host names are absolutely positioned, and without a positioned cell
// their boxes escape the scrolling card and widened the page to 753 px on a 390 px phone.
const CELL = "relative rounded px-2 py-1.5 text-center ring-1 ring-inset";

type Pair = { from: MatrixHost; to: MatrixHost };

/** To the run form with this pair filled in: the row host is the client, so it sends first. */
function RunLink({ from, to }: Pair) {
  return (
    <ButtonLink href={`/iperf?client=${from.id}&server=${to.id}#run`} size="sm" className="mt-1">
      Run a test<span className="sr-only">{` ${from.name} → ${to.name}`}</span>
    </ButtonLink>
  );
}

/** One direction of a pair: its latest rate, share of link, age, and a way to (re)measure it. */
export function MatrixCellView({ from, to, cell, nowMs }: Pair & { cell: MatrixCell | undefined; nowMs: number }) {
  if (from.id === to.id)
    return (
      <td className="relative rounded bg-zinc-800/40">
        <span className="sr-only">same host</span>
      </td>
    );
  if (!cell)
    return (
      <td className={`${CELL} ring-zinc-800`}>
        <span className="block text-zinc-400">not tested</span>
        <RunLink from={from} to={to} />
      </td>
    );
  const share = linkShare(cell.bitsPerSecond, cell.linkMbps);
  const { label, explanation } = describeLinkShare(share);
  const stale = isStale(cell.at, nowMs);
  return (
    <td className={`${CELL} ${TONE[share.kind === "share" ? share.tone : "unknown"]} ${stale ? "border border-dashed border-amber-300/70" : ""}`}>
      <Link href={`/iperf/runs/${cell.runId}`} title={`${from.name} → ${to.name}, ${formatDateTime(cell.at)}`} className="block font-medium hover:underline">
        {formatBitsPerSecond(cell.bitsPerSecond)}
      </Link>
      <span className="block text-[10px] opacity-80" title={explanation}>
        {label}
      </span>
      <span className="block text-[10px]">
        <RelativeTime iso={cell.at} />
        {stale && <span className="text-amber-200"> · stale</span>}
      </span>
      {stale && <RunLink from={from} to={to} />}
    </td>
  );
}
