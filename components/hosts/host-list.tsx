import Link from "next/link";
import { formatCount } from "@/components/format";
import { SeverityCountBadges } from "@/components/findings/severity-badge";
import type { TrafficSpark } from "@/lib/domain/traffic";
import type { HostListItem, SeverityCounts } from "@/lib/domain/views";
import { HostKeyBadge } from "./host-key-badge";
import { LastRun } from "./last-run";
import { NicTrafficSpark } from "./nic-traffic-spark";
import { describePlatform } from "./labels";

// One DOM for both widths: a table-like grid from sm up, a stacked card below it.
const ROW =
  "grid gap-x-4 gap-y-2 px-4 py-3 [grid-template-areas:'host_key'_'run_run'_'meta_meta'] grid-cols-[minmax(0,1fr)_auto] " +
  "sm:grid-cols-[minmax(0,1.2fr)_minmax(0,0.8fr)_minmax(0,2.6fr)_5.5rem_5.5rem_7.5rem] sm:[grid-template-areas:'host_platform_run_nics_neigh_key']";

function Count({ value, word, area, show }: { value: number; word: string; area: string; show: boolean }) {
  return (
    <div className={`text-[13px] tabular-nums text-zinc-300 sm:block sm:text-right ${show ? "" : "hidden"} ${area}`}>
      {show ? formatCount(value) : <span className="text-zinc-400">—</span>}
      <span className="sm:sr-only"> {word}</span>
    </div>
  );
}

/**
 * `findingCounts`: open findings per host id, by severity (shown under the host's name);
 * `sparks`: per host id, the last 24 hours of the NIC holding its address.
 */
export function HostList({ hosts, findingCounts, sparks }: { hosts: HostListItem[]; findingCounts?: Record<number, SeverityCounts>; sparks?: Record<number, TrafficSpark> }) {
  // A single-site install never sees the word; with two, every row says where it is.
  const manySites = hosts.some((h) => h.site !== hosts[0]?.site);
  return (
    <div>
      <div aria-hidden="true" className={`${ROW} hidden border-b border-zinc-800 py-2 text-[11px] font-medium uppercase tracking-wide text-zinc-400 sm:grid`}>
        <div className="[grid-area:host]">Host</div>
        <div className="[grid-area:platform]">Platform</div>
        <div className="[grid-area:run]">Last collection</div>
        <div className="text-right [grid-area:nics]">Interfaces</div>
        <div className="text-right [grid-area:neigh]">Neighbors</div>
        <div className="[grid-area:key]">Host key</div>
      </div>
      <ul aria-label="Hosts" className="divide-y divide-zinc-800/70">
        {hosts.map((h) => {
          const platform = describePlatform(h);
          return (
            <li key={h.id} aria-labelledby={`host-${h.id}-name`} className={`${ROW} hover:bg-zinc-800/30`}>
              <div className="min-w-0 [grid-area:host]">
                <Link id={`host-${h.id}-name`} href={`/hosts/${h.id}`} className="text-sm font-medium text-sky-300 hover:text-sky-200 hover:underline">
                  {h.name}
                </Link>
                <div className="truncate font-mono text-xs text-zinc-400">
                  {h.username}@{h.address}
                  {h.port !== 22 && `:${h.port}`}
                </div>
                {manySites && (
                  <div className="text-xs text-zinc-400">
                    site <span className="font-mono text-zinc-300">{h.site}</span>
                  </div>
                )}
                <div className="mt-1 empty:hidden" aria-label={`Open findings of ${h.name}`}>
                  <SeverityCountBadges counts={findingCounts?.[h.id]} />
                </div>
                <div className="mt-1 empty:hidden">
                  <NicTrafficSpark spark={sparks?.[h.id]} prefix={`${h.name} `} />
                </div>
              </div>
              <div className="min-w-0 [grid-area:run]">
                <LastRun run={h.lastRun} compact />
              </div>
              <div className="flex flex-wrap items-baseline gap-x-3 text-xs text-zinc-400 [grid-area:meta] sm:contents">
                <div className="text-[13px] sm:[grid-area:platform]">
                  <span className="text-zinc-200">{platform.label}</span>{" "}
                  <span className="text-xs text-zinc-400 sm:block">{platform.source}</span>
                </div>
                <Count value={h.interfaceCount} word="interfaces" area="sm:[grid-area:nics]" show={h.snapshotAt !== null} />
                <Count value={h.neighborCount} word="neighbors" area="sm:[grid-area:neigh]" show={h.snapshotAt !== null} />
              </div>
              <div className="justify-self-end [grid-area:key] sm:justify-self-start">
                <HostKeyBadge state={h.hostKeyState} />
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
