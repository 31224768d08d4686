import { Badge, type Tone } from "@/components/ui/badge";

const LINK: Record<string, Tone> = { up: "ok", down: "bad", unknown: "neutral" };

const NEIGHBOR: Record<string, Tone> = {
  reachable: "ok",
  permanent: "info",
  noarp: "info",
  stale: "neutral",
  delay: "warn",
  probe: "warn",
  incomplete: "warn",
  failed: "bad",
  unknown: "neutral",
};

export function LinkStateBadge({ state }: { state: string }) {
  return (
    <Badge tone={LINK[state] ?? "neutral"} dot>
      {state}
    </Badge>
  );
}

export function NeighborStateBadge({ state }: { state: string }) {
  return <Badge tone={NEIGHBOR[state] ?? "neutral"}>{state}</Badge>;
}
