// The one shape every detector returns (shared/CONVENTIONS.md: Finding { kind, severity,
// subject, evidence, explanation, fix }). Detectors are pure: inputs in, findings out,
// `now` passed in. Storage (lib/queries/findings.ts) turns them into tracked findings.

import { z } from "zod";

export const SEVERITIES = ["critical", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_KINDS = [
  "duplicate-mac",
  "ip-conflict",
  "mtu-mismatch",
  "mtu-df-failure",
  "link-duplex",
  "link-speed",
  "link-errors",
  "link-down",
  "neighbor-unreachable",
  "iperf-asymmetry",
  "iperf-below-link-speed",
  "iperf-retransmits",
  "notification-failing",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** What the finding is about, e.g. { type: "mac", id: "02:d5:00:01:00:05", label: "MAC 02:d5:…" }. */
export const findingSubjectSchema = z.object({
  type: z.enum(["host", "interface", "mac", "ip", "pair", "subnet", "channel"]),
  id: z.string(),
  label: z.string(),
});
export type FindingSubject = z.infer<typeof findingSubjectSchema>;

/** One row of proof, with the host and time it came from. */
export const evidenceRowSchema = z.object({
  hostId: z.number().nullable(),
  hostName: z.string().nullable(),
  /** ISO time of the snapshot/probe/run the row was read from */
  at: z.string(),
  /** e.g. "neighbor table", "interface", "ping -M do", "iperf3", "esxcli" */
  source: z.string(),
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /**
   * This row is the proof; unmarked rows of the same finding are context (the other members of
   * the subnet, the probes that passed). Cards show the proving rows first and the rest on
   * request. Rows stored before the flag existed have none: readers fall back to the first few.
   * Outside `fields` on purpose: it must not change a muted finding's evidence identity.
   */
  proves: z.boolean().optional(),
});
export type EvidenceRow = z.infer<typeof evidenceRowSchema>;

export type DetectedFinding = {
  kind: FindingKind;
  severity: Severity;
  /**
   * Stable identity across evaluations (kind + subject), e.g. "duplicate-mac:02:d5:00:01:00:05".
   * The same key seen again updates lastSeen; a key no longer detected resolves the finding.
   */
  key: string;
  /** The hosts that have the fault. */
  hostIds: number[];
  /**
   * Hosts whose data proves it without being at fault (the neighbor table that shows one MAC
   * for two addresses, the peers whose probes fail): their pages show "involved in", and it
   * never counts as their own problem.
   */
  involvedHostIds?: number[];
  subject: FindingSubject;
  title: string;
  /** Plain words: what is wrong and why it matters. */
  explanation: string;
  /** Likely cause and the fix, concrete (commands, which interface to change). */
  fix: string;
  evidence: EvidenceRow[];
};

/** A detector: pure function of its input. */
export type Detector<I> = (input: I) => DetectedFinding[];
