import type { NeighborState } from "@/lib/domain/rows";

const STATES: Record<string, NeighborState> = {
  REACHABLE: "reachable",
  STALE: "stale",
  DELAY: "delay",
  PROBE: "probe",
  FAILED: "failed",
  INCOMPLETE: "incomplete",
  PERMANENT: "permanent",
  NOARP: "noarp",
};

// NUD states are kernel bit flags, so iproute2 prints a list; a failure says the most about
// the path, a static entry explains why there is no liveness, then freshest first.
const PRIORITY: readonly NeighborState[] = [
  "failed",
  "incomplete",
  "permanent",
  "noarp",
  "reachable",
  "delay",
  "probe",
  "stale",
];

/** Maps iproute2's NUD names ("REACHABLE", "NONE", ...) to the shared vocabulary. */
export function neighborState(names: readonly string[]): NeighborState {
  const states = new Set(names.map((name) => STATES[name.toUpperCase()] ?? "unknown"));
  return PRIORITY.find((state) => states.has(state)) ?? "unknown";
}
