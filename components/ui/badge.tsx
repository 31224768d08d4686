import type { ReactNode } from "react";
import type { RunStatus } from "@/lib/domain/views";

export type Tone = "neutral" | "ok" | "warn" | "bad" | "info";

const tones: Record<Tone, string> = {
  neutral: "bg-zinc-800 text-zinc-300 ring-zinc-700",
  ok: "bg-emerald-500/10 text-emerald-300 ring-emerald-500/30",
  warn: "bg-amber-500/10 text-amber-300 ring-amber-500/30",
  bad: "bg-red-500/10 text-red-300 ring-red-500/40",
  info: "bg-sky-500/10 text-sky-300 ring-sky-500/30",
};

const dots: Record<Tone, string> = {
  neutral: "bg-zinc-500",
  ok: "bg-emerald-400",
  warn: "bg-amber-400",
  bad: "bg-red-400",
  info: "bg-sky-400",
};

export function Badge({ tone = "neutral", dot = false, children }: { tone?: Tone; dot?: boolean; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}
    >
      {dot && <span className={`size-1.5 rounded-full ${dots[tone]}`} aria-hidden="true" />}
      {children}
    </span>
  );
}

const statusTone: Record<RunStatus, Tone> = { ok: "ok", partial: "warn", failed: "bad", running: "info" };

/** Outcome of a collection run; `null` means the host was never collected. */
export function StatusBadge({ status }: { status: RunStatus | null }) {
  if (!status) return <Badge tone="neutral">never collected</Badge>;
  return (
    <Badge tone={statusTone[status]} dot>
      {status}
    </Badge>
  );
}
