import { Card, EmptyState } from "@/components/ui/card";
import type { RunSummary } from "@/lib/domain/views";
import { CollectNowButton } from "./collect-now-button";

export function NoSnapshot({ hostId, lastRun }: { hostId: number; lastRun: RunSummary | null }) {
  return (
    <Card>
      <EmptyState title="No interface or neighbor data yet">
        <p>
          {lastRun?.status === "failed"
            ? "The last collection failed, so there is nothing to show. The reason is under Recent runs below; fix it and collect again."
            : "netdiag has not collected from this host yet. Collecting logs in over SSH and reads its interfaces and neighbor tables."}
        </p>
        <div className="mt-4 flex justify-center">
          <CollectNowButton hostId={hostId} />
        </div>
      </EmptyState>
    </Card>
  );
}
