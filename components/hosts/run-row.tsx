"use client";

import { useState } from "react";
import { StatusBadge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { TD } from "@/components/ui/table";
import { useHydrated } from "@/components/ui/use-hydrated";
import { formatDurationMs } from "@/components/format";
import type { RunDetail } from "@/lib/domain/views";
import { CommandOutcomes } from "./command-outcomes";
import { errorLabel } from "./labels";

export function RunRow({ run }: { run: RunDetail }) {
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();
  const failed = run.commands.filter((c) => !c.ok).length;
  const detailsId = `run-${run.runId}-commands`;
  return (
    <>
      <tr className="hover:bg-zinc-800/30">
        <TD>
          <RelativeTime iso={run.startedAt} />
        </TD>
        <TD>
          <StatusBadge status={run.status} />
        </TD>
        <TD align="right">{formatDurationMs(run.durationMs)}</TD>
        <TD wrap className="min-w-56 sm:min-w-72">
          {run.status === "ok" || run.status === "running" ? (
            <span className="text-zinc-400">—</span>
          ) : (
            <span className="text-xs">
              <span className={run.status === "failed" ? "font-medium text-red-300" : "font-medium text-amber-300"}>
                {errorLabel(run.errorCode)}
              </span>
              {run.error && <span className="text-zinc-400"> — {run.error}</span>}
            </span>
          )}
        </TD>
        <TD>
          {run.commands.length === 0 ? (
            <span className="text-xs text-zinc-400">none ran</span>
          ) : (
            <button
              type="button"
              aria-expanded={open}
              aria-controls={detailsId}
              onClick={() => setOpen(!open)}
              disabled={!hydrated}
              className="inline-flex items-center gap-1 rounded text-xs text-sky-300 hover:text-sky-200 focus-visible:outline-2 focus-visible:outline-sky-400"
            >
              <span aria-hidden="true">{open ? "▾" : "▸"}</span>
              {open ? "Hide" : "Show"} {run.commands.length} commands{failed > 0 && ` (${failed} failed)`}
            </button>
          )}
        </TD>
      </tr>
      {open && (
        <tr id={detailsId} className="bg-zinc-950/50">
          <td colSpan={5} className="px-3 py-2">
            {run.shellStarts !== null && (
              <p className="mb-1 text-xs text-zinc-400">
                {run.commands.length} commands in {run.shellStarts} {run.shellStarts === 1 ? "shell" : "shells"} on the host
              </p>
            )}
            <CommandOutcomes commands={run.commands} />
          </td>
        </tr>
      )}
    </>
  );
}
