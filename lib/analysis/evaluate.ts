// All collection detectors over one input: what lib/collect evaluates (scope "collection")
// after every collection. Findings of other scopes (DF probes, iperf runs) are evaluated
// by their own runs and synced under their own scope.
import type { Detector, DetectedFinding, Severity } from "@/lib/domain/finding";
import type { AnalysisInput } from "./input";
import { detectDuplicateMac } from "./duplicate-mac";
import { detectIpConflict } from "./ip-conflict";
import { detectMtuMismatch } from "./mtu-mismatch";
import { detectLinkDuplex } from "./link-duplex";
import { detectLinkSpeed } from "./link-speed";
import { detectLinkErrors } from "./link-errors";
import { detectLinkDown } from "./link-down";
import { detectNeighborUnreachable } from "./neighbor-unreachable";
import { detectEsxiInHostMtu } from "./esxi-mtu";
import { detectEsxiVmknicMac } from "./esxi-dup-mac";

export const COLLECTION_DETECTORS: Detector<AnalysisInput>[] = [
  detectDuplicateMac,
  detectIpConflict,
  detectMtuMismatch,
  detectLinkDuplex,
  detectLinkSpeed,
  detectLinkErrors,
  detectLinkDown,
  detectNeighborUnreachable,
  // ESXi, from Run.topology (the vmnic/vSwitch/portgroup/vmknic chain). After the generic
  // ones: on a shared key (duplicate-mac:<mac>) the cross-host view wins.
  detectEsxiInHostMtu,
  detectEsxiVmknicMac,
];

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/**
 * Runs every detector; a key reported twice keeps the first. `extra` runs after them
 * (for detectors that are not part of the collection set yet).
 */
export function evaluate(input: AnalysisInput, extra: Detector<AnalysisInput>[] = []): DetectedFinding[] {
  return merge([...COLLECTION_DETECTORS, ...extra].map((detect) => detect(input)));
}

/**
 * The same, giving the event loop a turn between detectors: the server evaluates after every
 * collection, and on a host with thousands of neighbors one detector can take a tenth of a
 * second; pages and API calls wait for one detector, not for all of them.
 */
export async function evaluateInTurns(input: AnalysisInput): Promise<DetectedFinding[]> {
  const results: DetectedFinding[][] = [];
  for (const detect of COLLECTION_DETECTORS) {
    results.push(detect(input));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return merge(results);
}

function merge(results: DetectedFinding[][]): DetectedFinding[] {
  const seen = new Set<string>();
  const out: DetectedFinding[] = [];
  for (const f of results.flat()) {
    if (seen.has(f.key)) continue;
    seen.add(f.key);
    out.push(f);
  }
  return out.sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.key.localeCompare(b.key));
}
