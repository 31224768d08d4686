import { DEFAULT_SITE } from "@/lib/domain/site";
import Link from "next/link";
import type { ReactNode } from "react";
import type { HostView } from "@/lib/domain/views";
import { HostKeyBadge } from "./host-key-badge";
import { LastRun } from "./last-run";
import { describePlatform } from "./labels";

function Item({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={`min-w-0 ${wide ? "col-span-2" : ""}`}>
      <dt className="text-[11px] font-medium uppercase tracking-wide text-zinc-400">{label}</dt>
      <dd className="mt-0.5 break-words text-sm text-zinc-200">{children}</dd>
    </div>
  );
}

const target = (h: HostView) => (h.address.includes(":") ? `[${h.address}]:${h.port}` : `${h.address}:${h.port}`);

type Props = { host: HostView; actions: ReactNode; notice?: ReactNode };

/** Identity of the host; `actions` are the page's buttons, `notice` an urgent banner above the details. */
export function HostHeader({ host, actions, notice }: Props) {
  const platform = describePlatform(host);
  return (
    <header className="flex flex-col gap-4">
      <nav aria-label="Breadcrumb" className="text-xs text-zinc-400">
        <Link href="/" className="hover:text-zinc-300">
          Hosts
        </Link>
        <span aria-hidden="true"> / </span>
        <span className="text-zinc-400" aria-current="page">
          {host.name}
        </span>
      </nav>
      <div className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <div className="flex min-w-0 flex-col gap-1.5 lg:flex-1">
          <div className="flex flex-wrap items-center gap-2.5">
            <h1 className="min-w-0 text-xl font-semibold tracking-tight text-zinc-50 [overflow-wrap:anywhere]">{host.name}</h1>
            <HostKeyBadge state={host.hostKeyState} />
          </div>
          <LastRun run={host.lastRun} />
        </div>
        <div className="flex shrink-0 flex-wrap items-center gap-2 lg:justify-end">
          {actions}
        </div>
      </div>
      {notice}
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 rounded-lg border border-zinc-800 bg-zinc-900/60 p-4 lg:grid-cols-4">
        <Item label="Address">
          <span className="font-mono text-[13px]">{target(host)}</span>
        </Item>
        <Item label="SSH user">
          <span className="font-mono text-[13px]">{host.username}</span>
        </Item>
        <Item label="Platform">
          {platform.label}
          {host.distribution && <span className="text-zinc-300"> · {host.distribution}</span>}{" "}
          <span className="text-xs text-zinc-400">({platform.source})</span>
        </Item>
        {host.site !== DEFAULT_SITE && (
          <Item label="Site">
            <span className="font-mono">{host.site}</span>
          </Item>
        )}
        <Item label="Hostname">{host.hostname ?? <span className="text-zinc-400">not collected yet</span>}</Item>
        <Item label="Kernel" wide>
          {host.kernel ?? <span className="text-zinc-400">not collected yet</span>}
        </Item>
        <Item label="SSH host key (SHA-256)" wide>
          {host.hostKeyFingerprint ? (
            <span className="font-mono text-[12px]">
              {host.hostKeyFingerprint}
              {host.hostKeyAlgorithm && <span className="ml-2 text-zinc-400">{host.hostKeyAlgorithm}</span>}
              {host.legacySshAlgorithms && <span className="ml-2 text-amber-300">legacy SHA-1 algorithms allowed</span>}
            </span>
          ) : (
            <span className="text-zinc-400">pinned on the first successful connection</span>
          )}
        </Item>
      </dl>
    </header>
  );
}
