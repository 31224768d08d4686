"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { RunSummary } from "@/lib/domain/views";
import { api } from "@/lib/api-client";

function summarize(runs: RunSummary[]): string {
  if (runs.length === 0) return "No hosts to collect";
  const count = (s: RunSummary["status"]) => runs.filter((r) => r.status === s).length;
  const parts = [`${count("ok") + count("partial")} collected`];
  if (count("partial")) parts.push(`${count("partial")} partial`);
  if (count("failed")) parts.push(`${count("failed")} failed`);
  return parts.join(", ");
}

export function CollectAllButton({ hostCount }: { hostCount: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ text: string; bad: boolean } | null>(null);

  async function collect() {
    setPending(true);
    setResult(null);
    const res = await api.hosts.collectAll();
    setPending(false);
    if (!res.ok) {
      setResult({ text: res.error.message, bad: true });
      return;
    }
    setResult({ text: summarize(res.data.runs), bad: res.data.runs.some((r) => r.status === "failed") });
    router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center justify-end">
      <p role="status" className={`mr-3 text-xs empty:mr-0 ${result?.bad ? "text-amber-300" : "text-zinc-400"}`}>
        {pending ? `Collecting ${hostCount} host${hostCount === 1 ? "" : "s"}…` : result?.text}
      </p>
      <Button variant="primary" onClick={collect} pending={pending} disabled={hostCount === 0}>
        Collect all
      </Button>
    </div>
  );
}
