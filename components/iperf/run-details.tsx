import { formatDateTime, formatDurationMs, formatLinkSpeed } from "@/components/format";
import { routeLine } from "@/lib/iperf/route-get";
import type { IperfRunView } from "@/lib/domain/iperf";

/** Where and how the test ran: addresses, port, versions, NICs, and each end's route to the other. */
export function RunDetails({ run }: { run: IperfRunView }) {
  const took = run.startedAt && run.finishedAt ? formatDurationMs(Date.parse(run.finishedAt) - Date.parse(run.startedAt)) : null;
  const rows: [string, string | null][] = [
    ["Server address", run.serverAddress ? `${run.serverAddress}${run.port ? ` port ${run.port}` : ""}${run.serverAddressManual ? " (entered)" : ""}` : null],
    ["Client address", run.clientAddress],
    ["NICs", run.interfaces.client || run.interfaces.server ? `${run.clientHostName} ${run.interfaces.client ?? "?"} (${formatLinkSpeed(run.interfaces.clientLinkMbps)}), ${run.serverHostName} ${run.interfaces.server ?? "?"} (${formatLinkSpeed(run.interfaces.serverLinkMbps)})` : null],
    ["iperf3", run.clientVersion || run.serverVersion ? `${run.clientHostName} ${run.clientVersion ?? "?"}, ${run.serverHostName} ${run.serverVersion ?? "?"}` : null],
    [`Route ${run.clientHostName} → ${run.serverHostName}`, routeLine(run.routes.client)],
    [`Route ${run.serverHostName} → ${run.clientHostName}`, routeLine(run.routes.server)],
    ["Queued", formatDateTime(run.createdAt)],
    ["Ran", run.startedAt ? `${formatDateTime(run.startedAt)}${took ? ` for ${took}` : ""}` : null],
    ["Notes", run.notes],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-1.5 px-4 py-3 text-xs sm:grid-cols-[max-content_1fr]">
      {rows
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-zinc-400">{k}</dt>
            <dd className="min-w-0 font-mono text-zinc-200 [overflow-wrap:anywhere]">{v}</dd>
          </div>
        ))}
    </dl>
  );
}
