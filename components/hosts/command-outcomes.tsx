import { formatDurationMs } from "@/components/format";
import type { CommandOutcomeView } from "@/lib/domain/views";

/** Per-command result of one run, including the lines a parser skipped (why a run is "partial"). */
export function CommandOutcomes({ commands }: { commands: CommandOutcomeView[] }) {
  return (
    <ul className="flex flex-col divide-y divide-zinc-800/70 rounded border border-zinc-800">
      {commands.map((c, i) => (
        <li key={`${i}-${c.command}`} className="flex flex-col gap-1 px-3 py-2 text-xs">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className={c.ok ? "font-medium text-emerald-300" : "font-medium text-red-300"}>
              {c.ok ? "ok" : "failed"}
            </span>
            <code className="break-all font-mono text-zinc-100">{c.command}</code>
            <span className="text-zinc-400">{formatDurationMs(c.durationMs)}</span>
            {c.replacedBy && <span className="text-zinc-400">replaced by <code className="font-mono">{c.replacedBy}</code></span>}
          </div>
          {c.error && <p className="whitespace-pre-wrap break-words text-red-300/90">{c.error}</p>}
          {c.skipped && c.skipped.length > 0 && (
            <details className="text-amber-200/90">
              <summary className="cursor-pointer">{c.skipped.length} line(s) skipped</summary>
              <ul className="mt-1 flex flex-col gap-1 pl-3">
                {c.skipped.map((s, j) => (
                  <li key={j}>
                    <code className="whitespace-pre-wrap break-all font-mono text-zinc-300">{s.line}</code>
                    <span className="text-zinc-400"> — {s.reason}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
