import Link from "next/link";
import type { FindingStatus } from "@/lib/domain/views";
import { hrefFor, TABS, type FindingsParams } from "@/lib/validations/finding-params";

/** Open / Acknowledged / Muted / History as links: each tab is a URL, and the current one is marked. */
export function FindingsTabs({ params, counts }: { params: FindingsParams; counts: Record<FindingStatus, number> }) {
  return (
    <nav aria-label="Finding status" className="flex flex-wrap gap-1">
      {TABS.map((t) => {
        const current = t.id === params.tab.id;
        return (
          <Link
            key={t.id}
            href={hrefFor({ ...params, tab: t.id })}
            aria-current={current ? "page" : undefined}
            className={`rounded px-2.5 py-1 text-sm ${current ? "bg-zinc-800 text-zinc-50" : "text-zinc-400 hover:text-zinc-100"}`}
          >
            {t.label} <span className="tabular-nums text-zinc-400">{counts[t.status]}</span>
          </Link>
        );
      })}
    </nav>
  );
}
