import { describe, expect, test } from "vitest";
import type { EvidenceRow } from "@/lib/domain/finding";
import { evidenceIdentity, provingFirstOf } from "./evidence";

const row = (hostId: number, ip: string, mac: string): EvidenceRow => ({
  hostId,
  hostName: `h${hostId}`,
  at: "2026-03-01T10:00:00.000Z",
  source: "neighbor table",
  fields: { ip, mac },
});

describe("proving rows", () => {
  test("the first row of each group is the proof, the rest context", () => {
    const rows = provingFirstOf([row(1, "10.0.0.5", "a"), row(2, "10.0.0.5", "a"), row(3, "10.0.0.5", "b")], (r) => String(r.fields.mac));
    expect(rows.map((r) => r.proves ?? false)).toEqual([true, false, true]);
  });

  test("a row left out of every group is never the proof", () => {
    expect(provingFirstOf([row(1, "10.0.0.5", "a")], () => null)[0]).not.toHaveProperty("proves");
  });

  test("marking the proof does not change the evidence a muted finding was muted with", () => {
    const plain = [row(1, "10.0.0.5", "a"), row(2, "10.0.0.5", "b")];
    const marked = provingFirstOf(plain, (r) => String(r.fields.mac));
    expect(evidenceIdentity({ severity: "warning", evidence: marked })).toBe(evidenceIdentity({ severity: "warning", evidence: plain }));
  });
});
