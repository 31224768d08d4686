import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { FindingView } from "@/lib/domain/views";
import type { StaleHost } from "@/lib/domain/staleness";
import { FindingActions } from "./finding-actions";
import { FixText } from "./fix-text";
import { kindLabel } from "./labels";
import { ProvingEvidence } from "./proving-evidence";
import { SeverityBadge } from "./severity-badge";

/** One finding: what, where, since when, why it matters, the fix, and the rows that prove it. */
export function FindingCard({ finding: f }: { finding: FindingView }) {
  const titleId = `finding-${f.id}-title`;
  return (
    <article aria-labelledby={titleId} className="flex flex-col gap-2 px-4 py-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col gap-1">
          <div className="flex flex-wrap items-center gap-1.5">
            <SeverityBadge severity={f.severity} />
            <Badge>{kindLabel(f.kind)}</Badge>
            {f.status !== "open" && <Badge tone={f.status === "resolved" ? "ok" : "neutral"}>{f.status}</Badge>}
            {f.staleHosts.length > 0 && (
              <Badge tone="warn" dot>
                stale data
              </Badge>
            )}
          </div>
          <h3 id={titleId} className="text-sm font-medium text-zinc-100">
            {f.title}
          </h3>
          <p className="text-xs text-zinc-400">
            <HostLinks hosts={f.hosts} />
            {f.hosts.length > 0 && " · "}
            {f.involvedHosts.length > 0 && (
              <>
                seen by <HostLinks hosts={f.involvedHosts} />
                {" · "}
              </>
            )}
            first seen <RelativeTime iso={f.firstSeenAt} /> · last seen <RelativeTime iso={f.lastSeenAt} />
            {f.occurrences > 1 && ` · back ${f.occurrences - 1}×`}
            {f.resolvedAt && (
              <>
                {" "}
                · resolved <RelativeTime iso={f.resolvedAt} />
              </>
            )}
            {f.statusReason && ` · “${f.statusReason}”`}
          </p>
        </div>
        <FindingActions id={f.id} status={f.status} title={f.title} />
      </div>
      {f.staleHosts.length > 0 && <StaleNote hosts={f.staleHosts} />}
      <p className="text-sm text-zinc-300">{f.explanation}</p>
      <div>
        <h4 className="mb-1 text-[11px] font-medium uppercase tracking-wide text-zinc-400">Likely cause and fix</h4>
        <FixText text={f.fix} />
      </div>
      <details open={f.severity !== "info"} className="group">
        <summary className="cursor-pointer text-xs text-zinc-400 hover:text-zinc-200">Evidence ({f.evidence.length} rows)</summary>
        <div className="mt-2">
          <ProvingEvidence id={`finding-${f.id}-evidence`} rows={f.evidence} />
        </div>
      </details>
    </article>
  );
}

function HostLinks({ hosts }: { hosts: { id: number; name: string }[] }) {
  return hosts.map((h, i) => (
    <span key={h.id}>
      {i > 0 && ", "}
      {/* Underlined: inside a line of text a link must not be told apart by color alone. */}
      <Link href={`/hosts/${h.id}`} className="text-sky-300 underline decoration-sky-300/40 hover:decoration-sky-300">
        {h.name}
      </Link>
    </span>
  ));
}

export function FindingList({ findings, label }: { findings: FindingView[]; label: string }) {
  return (
    <ul aria-label={label} className="divide-y divide-zinc-800/70">
      {findings.map((f) => (
        <li key={f.id}>
          <FindingCard finding={f} />
        </li>
      ))}
    </ul>
  );
}

/**
 * Old data says so: the finding holds as of the last collection, and neither stands nor
 * resolves until the host is collected again (its site's collector is down, or it stopped answering).
 */
function StaleNote({ hosts }: { hosts: StaleHost[] }) {
  return (
    <p className="text-xs text-amber-200">
      Stale:{" "}
      {hosts.map((h, i) => (
        <span key={h.id}>
          {i > 0 && "; "}
          {h.name} {h.lastCollectedAt ? <>last collected <RelativeTime iso={h.lastCollectedAt} /></> : "never collected"}
        </span>
      ))}
      . This is how things were then; it will change or resolve once {hosts.length === 1 ? "that host is" : "those hosts are"} collected again (see the
      host&apos;s runs, and Settings → Sites for its site&apos;s collector).
    </p>
  );
}
