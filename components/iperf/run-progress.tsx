"use client";

import { useEffect, useState } from "react";

export type Progress = { elapsedSec: number; totalSec: number; receivedAt: number; label: string };

/** Progress bar and remaining time, ticking between the server's updates. */
export function RunProgress({ progress }: { progress: Progress }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);
  const elapsed = Math.min(progress.totalSec, progress.elapsedSec + Math.max(0, now - progress.receivedAt) / 1000);
  const pct = progress.totalSec > 0 ? Math.round((elapsed / progress.totalSec) * 100) : 0;
  const remaining = Math.max(0, Math.ceil(progress.totalSec - elapsed));
  return (
    <div className="flex flex-col gap-1">
      <div className="flex justify-between text-xs text-zinc-400">
        <span>{progress.label}</span>
        <span aria-live="off">{remaining > 0 ? `${remaining} s left` : "finishing…"}</span>
      </div>
      <div
        role="progressbar"
        aria-label="Test progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}%, ${remaining} s left`}
        className="h-2 overflow-hidden rounded bg-zinc-800"
      >
        <div className="h-full bg-sky-500 transition-[width] duration-200" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
