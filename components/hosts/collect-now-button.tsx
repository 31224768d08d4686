"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formatDurationMs } from "@/components/format";
import { api } from "@/lib/api-client";
import { errorLabel } from "./labels";

/** Runs one collection and waits for it (seconds); the page then refreshes with its run. */
export function CollectNowButton({ hostId, variant = "primary" }: { hostId: number; variant?: "primary" | "secondary" }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null);

  async function collect() {
    setPending(true);
    setMessage(null);
    const res = await api.hosts.collect(hostId);
    setPending(false);
    if (!res.ok) {
      setMessage({ text: res.error.message, bad: true });
      return;
    }
    const run = res.data;
    const took = run.finishedAt ? ` in ${formatDurationMs(Date.parse(run.finishedAt) - Date.parse(run.startedAt))}` : "";
    if (run.status === "failed") setMessage({ text: `Collection failed: ${errorLabel(run.errorCode)}`, bad: true });
    else setMessage({ text: `Collected (${run.status})${took}`, bad: run.status !== "ok" });
    router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center">
      <p role="status" className={`mr-3 text-xs empty:mr-0 ${message?.bad ? "text-amber-300" : "text-zinc-400"}`}>
        {pending ? "Collecting… this can take a few seconds" : message?.text}
      </p>
      <Button variant={variant} onClick={collect} pending={pending}>
        Collect now
      </Button>
    </div>
  );
}
