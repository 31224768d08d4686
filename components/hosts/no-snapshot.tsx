import { Card, EmptyState } from "@/components/ui/card";
import type { RunSummary } from "@/lib/domain/views";

export function NoSnapshot({ lastRun }: { lastRun: RunSummary | null }) {
  return (
    <Card>
      <EmptyState title="No interface or neighbor data yet">
        <p>
          {lastRun?.status === "failed"
            ? "The last collection failed, so there is nothing to show. The reason is under Recent runs below; fix it and press Collect now again."
            : "netdiag has not collected from this host yet. Press Collect now above: it logs in over SSH and reads the interfaces and neighbor tables."}
        </p>
      </EmptyState>
    </Card>
  );
}
