import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ChannelHealth as Health } from "@/lib/notify/views";

/** Whether messages get through: a failing channel is marked in words, not by colour alone. */
export function ChannelHealth({ health }: { health: Health }) {
  const lastFailed = health.failedInARow > 0 && health.lastError;
  return (
    <div className="flex flex-col gap-1 text-xs text-zinc-400">
      <p className="flex flex-wrap items-center gap-2">
        {health.state === "failing" ? (
          <Badge tone="bad" dot>
            failing
          </Badge>
        ) : health.state === "ok" ? (
          <Badge tone="ok" dot>
            ok
          </Badge>
        ) : (
          <Badge>untested</Badge>
        )}
        <span>
          Last delivered <RelativeTime iso={health.lastSuccessAt} className="text-zinc-300" />
        </span>
      </p>
      {lastFailed && (
        <p className={`break-words ${health.state === "failing" ? "text-red-300" : "text-amber-300"}`}>
          {health.failedInARow === 1 ? "Last attempt failed" : `Last ${health.failedInARow} attempts failed`}
          {health.lastFailureAt && (
            <>
              {" "}
              (<RelativeTime iso={health.lastFailureAt} />)
            </>
          )}
          : {health.lastError}
        </p>
      )}
    </div>
  );
}
