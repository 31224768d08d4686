"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/api-client";

/** Stops a queued or running test (both ends' iperf3 are killed on the hosts). */
export function CancelRunButton({ runId }: { runId: number }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function cancel() {
    setPending(true);
    const res = await api.iperf.cancel(runId);
    setPending(false);
    if (!res.ok) setError(res.error.message);
  }
  return (
    <span className="inline-flex items-center gap-2">
      {error && (
        <span role="alert" className="text-xs text-red-300">
          {error}
        </span>
      )}
      <Button variant="danger" size="sm" onClick={cancel} pending={pending}>
        Cancel test
      </Button>
    </span>
  );
}
