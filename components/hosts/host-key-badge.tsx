import { Badge } from "@/components/ui/badge";
import type { HostKeyState } from "@/lib/domain/views";

const LABELS: Record<HostKeyState, { text: string; tone: "ok" | "bad" | "neutral"; title: string }> = {
  pinned: { text: "key pinned", tone: "ok", title: "The host's SSH key is pinned and matched on the last connection" },
  changed: { text: "key changed", tone: "bad", title: "The host offered a different SSH key than the pinned one" },
  unknown: { text: "key not seen", tone: "neutral", title: "netdiag has not connected to this host yet" },
};

export function HostKeyBadge({ state }: { state: HostKeyState }) {
  const l = LABELS[state];
  return (
    <span title={l.title}>
      <Badge tone={l.tone} dot={state !== "unknown"}>
        {l.text}
      </Badge>
    </span>
  );
}
