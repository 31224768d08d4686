import Link from "next/link";
import type { RangeKey } from "@/lib/iperf/range";
import type { HostOption } from "./run-form-fields";

const KEYS: RangeKey[] = ["fit", "24h", "7d", "30d", "1y"];
// "fit" spans the pair's runs (at most their latest 30 days); the others end now.
const LABELS: Partial<Record<RangeKey, string>> = { fit: "fit to runs" };

/** Pair picker, range links and a custom range: plain GET forms, so every view has a URL. */
export function HistoryControls({ hosts, client, server, range, from, to }: { hosts: HostOption[]; client: number; server: number; range: RangeKey; from: string; to: string }) {
  const base = `/iperf/history?client=${client}&server=${server}`;
  const select = (name: string, label: string, value: number) => (
    <label className="flex items-center gap-1.5 text-xs text-zinc-300">
      {label}
      <select name={name} defaultValue={value} className="h-7 max-w-40 rounded border border-zinc-700 bg-zinc-950 px-1.5 text-xs">
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5">
      <form action="/iperf/history" className="flex flex-wrap items-center gap-2" aria-label="Pick a pair">
        {select("client", "Client", client)}
        {select("server", "Server", server)}
        <input type="hidden" name="range" value={range} />
        <button className="h-7 rounded border border-zinc-700 px-2 text-xs hover:bg-zinc-800">Show</button>
      </form>
      <nav aria-label="Range" className="flex gap-1">
        {KEYS.map((k) => (
          <Link key={k} href={k === "fit" ? base : `${base}&range=${k}`} aria-current={k === range ? "page" : undefined} className={`rounded px-2 py-1 text-xs ${k === range ? "bg-zinc-800 text-zinc-50" : "text-zinc-400 hover:text-zinc-100"}`}>
            {LABELS[k] ?? k}
          </Link>
        ))}
      </nav>
      <form action="/iperf/history" className="flex flex-wrap items-center gap-1.5 text-xs" aria-label="Custom range">
        <input type="hidden" name="client" value={client} />
        <input type="hidden" name="server" value={server} />
        <input type="hidden" name="range" value="custom" />
        <input type="date" name="from" aria-label="From" defaultValue={from} className="h-7 rounded border border-zinc-700 bg-zinc-950 px-1.5" />
        <input type="date" name="to" aria-label="To" defaultValue={to} className="h-7 rounded border border-zinc-700 bg-zinc-950 px-1.5" />
        <button className="h-7 rounded border border-zinc-700 px-2 hover:bg-zinc-800">Custom</button>
      </form>
    </div>
  );
}
